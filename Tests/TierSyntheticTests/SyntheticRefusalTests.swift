import Testing
import TierStore
import TierSynthetic
import TierTestSupport

/// The generator only fills an empty database, and checks its profile first.
@Suite struct SyntheticRefusalTests {
    @Test func refusesADatabaseThatHasCustomers() async throws {
        let (db, summary) = try await SyntheticFixture.load(customers: 200, seed: 5)
        let error = try await #require(throws: SyntheticBranchError.self) {
            try await TestCluster.offloaded {
                _ = try SyntheticBranch(profile: SyntheticBranchProfile(customers: 50), seed: 6, asOf: SyntheticFixture.asOf)
                    .load(into: try db.connect())
            }
        }
        guard case .databaseNotEmpty = error else {
            Issue.record("unexpected error \(error)")
            return
        }
        #expect(error.description.contains("refusing to seed"))
        let customers = try db.connect().execute("SELECT count(*) FROM customers").scalar(Int.self)
        #expect(customers == summary["customers"])
    }

    @Test func refusesWhenOnlyCustomersHoldRows() async throws {
        let db = try await TestDatabase.create()
        let c = try db.connect()
        try c.execute("INSERT INTO branches (code, name) VALUES ('X', 'x')")
        try c.execute("INSERT INTO households (branch_id) VALUES (1)")
        try c.execute("INSERT INTO customers (name, branch_id, household_id) VALUES ('张三', 1, 1)")
        #expect(throws: SyntheticBranchError.self) {
            try SyntheticBranch(profile: SyntheticBranchProfile(customers: 10), seed: 1, asOf: SyntheticFixture.asOf).load(into: c)
        }
        #expect(try c.execute("SELECT count(*) FROM customers").scalar(Int.self) == 1)
    }

    @Test func rejectsAnImpossibleProfile() async throws {
        var profile = SyntheticBranchProfile(customers: 10)
        profile.staffShare = 0.9
        #expect(throws: SyntheticBranchError.self) { try profile.validate() }
        profile = SyntheticBranchProfile(customers: 0)
        #expect(throws: SyntheticBranchError.self) { try profile.validate() }
        #expect(throws: Never.self) { try SyntheticBranchProfile().validate() }
    }
}
