import TierStore
import TierSynthetic
import TierTestSupport

/// Loads synthetic branches into fresh test databases and reads them back.
enum SyntheticFixture {
    static let asOf = PGDate(year: 2025, month: 6, day: 30)!

    /// A fresh migrated database with a branch of `customers` loaded.
    static func load(customers: Int, seed: UInt64, asOf: PGDate = asOf) async throws
        -> (TestDatabase, SyntheticBranchSummary) {
        let db = try await TestDatabase.create()
        let summary = try await TestCluster.offloaded {
            let branch = SyntheticBranch(profile: SyntheticBranchProfile(customers: customers), seed: seed, asOf: asOf)
            return try branch.load(into: try db.connect())
        }
        return (db, summary)
    }

    /// The tables the generator fills, in load order.
    static let tables = [
        "branches", "households", "customers", "sales_agents", "employees", "employee_family_members",
        "policies", "complaints", "referral_commissions", "service_interactions", "risk_surveys",
    ]

    /// One digest per table over every column of every row, in id order.
    static func digests(_ connection: PGConnection) throws -> [String] {
        try tables.map { table in
            let digest = try connection.execute(
                "SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t.id), '')) FROM \(table) t").scalar(String.self)
            return "\(table) \(digest)"
        }
    }

    /// A single number from a query.
    static func number(_ connection: PGConnection, _ sql: String) throws -> Double {
        try connection.execute(sql).scalar(Double.self)
    }
}
