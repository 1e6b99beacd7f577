import Foundation
import Testing
import TierCalendar
import TierPolicy
import TierServer
import TierStore
import TierSynthetic
import TierTestSupport
import TierWire

/// A fresh migrated database with a pool, for the store and service tests.
struct StoreDatabase: Sendable {
    let database: TestDatabase
    let pool: PGPool

    static func make(connections: Int = 8, script: String? = nil) async throws -> StoreDatabase {
        let database = try await TestDatabase.create()
        let store = StoreDatabase(database: database, pool: database.pool(maxConnections: connections))
        if let script { try await store.run(script) }
        return store
    }

    /// A fresh database holding a synthetic branch of `customers`, made by `seed`, as of today.
    static func synthetic(customers: Int, seed: UInt64 = 5, connections: Int = 2) async throws -> StoreDatabase {
        let store = try await make(connections: connections)
        try await store.query { connection in
            _ = try SyntheticBranch(profile: SyntheticBranchProfile(customers: customers), seed: seed, asOf: SyntheticBranch.todayUTC())
                .load(into: connection)
        }
        return store
    }

    /// Runs a SQL script (no parameters).
    func run(_ script: String) async throws {
        try await pool.withConnection { try $0.executeScript(script) }
    }

    /// Runs `body` on a pooled connection.
    func query<T: Sendable>(_ body: @escaping @Sendable (PGConnection) throws -> T) async throws -> T {
        try await pool.withConnection(body)
    }

    /// The single value of a one-row, one-column query.
    func value<T: PGDecodable & Sendable>(_ sql: String, _ parameters: PGParameters = [], as type: T.Type = T.self) async throws -> T {
        try await pool.withConnection { try $0.execute(sql, parameters).scalar(T.self) }
    }

    func close() async { await pool.close() }
}

/// Policy sets for the tests: the branch's default set from `policies/branch`, and a
/// small inline set with green-channel settings and quotas.
enum StorePolicies {
    /// The repository root.
    static let root = repositoryRoot()

    static var branchDirectory: String { root + "/policies/branch" }

    /// The branch set's files (not its tests).
    static func branchSources() throws -> [PolicySourceFile] {
        try PolicyDirectory(path: branchDirectory).sources()
    }

    /// The branch set as the daemon serves it; a claims green channel is added by an
    /// extra settings file when the set does not configure one itself.
    static func branch() throws -> LoadedPolicy {
        var sources = try branchSources()
        if try load(sources).set.settings.greenChannel("claims") == nil {
            sources.append(PolicySourceFile(name: "zz_test_settings.yaml", text: """
                settings:
                  green_channel:
                    claims: {entitlements: [claims_green_channel], sla_hours: 72, priority: 10}
                """))
        }
        return try load(sources)
    }

    /// A small set: claims for premium >= 20000 (sla 24h, priority 7 from its params),
    /// underwriting once a year for returning customers, a counter lane twice a
    /// month per household of two or more; revisits after `lapse` days.
    static func inline(lapse: Int = 730) throws -> LoadedPolicy {
        try load([PolicySourceFile(name: "test.yaml", text: """
            catalogue:
              - code: claims_green_channel
                name: {zh: 理赔绿色通道, en: Claims green channel}
                category: vip_basic
                unit_cost: 30
              - code: underwriting_fast_lane
                name: {zh: 核保快速通道, en: Underwriting fast lane}
                category: service
                unit_cost: 50
                quota: {count: 1, per: year}
              - code: household_counter_lane
                name: {zh: 家庭柜面通道, en: Household counter lane}
                category: service
                unit_cost: 10
                quota: {count: 2, per: month}
            entitlements:
              - grant: claims_green_channel
                when: history.annual_premium >= 20000
                params: {sla_hours: 24, priority: 7}
                reason: VIP
              - grant: underwriting_fast_lane
                when: history.purchases >= 1
                reason: Returning customer
              - grant: household_counter_lane
                when: household.size >= 2
                params: {owner: '"household"'}
                reason: Family
            settings:
              revisits: {lapse_after: \(lapse)d}
              green_channel:
                claims: {entitlements: [claims_green_channel], sla_hours: 48, priority: 3}
                underwriting: {entitlements: [underwriting_fast_lane], sla_hours: 72}
                counter: {entitlements: [household_counter_lane], sla_hours: 2, priority: 1}
            """)])
    }

    static func load(_ sources: [PolicySourceFile]) throws -> LoadedPolicy {
        switch PolicyLoader.load(sources) {
        case .success(let set): return LoadedPolicy(set: set, directory: "test", files: sources.map(\.name))
        case .failure(let diagnostics): throw StoreTestError("policy set does not load:\n\(diagnostics)")
        }
    }
}

struct StoreTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Day numbers for dates written as `YYYY-MM-DD`.
func civilDay(_ text: String) -> Int { CivilDate.parse(text)! }

/// Expects `body` to throw an RPCError with this code (and path).
func expectRPCError(
    _ code: RPCErrorCode, path: String? = nil, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> Void
) async {
    do {
        try await body()
        Issue.record("expected \(code.rawValue), got success", sourceLocation: sourceLocation)
    } catch let error as RPCError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        if let path { #expect(error.path == path, "\(error)", sourceLocation: sourceLocation) }
    } catch {
        Issue.record("expected \(code.rawValue), got \(error)", sourceLocation: sourceLocation)
    }
}

/// The `reason` of a not_entitled error thrown by `body`, or nil.
func notEntitledReason(_ body: () async throws -> Void) async -> String? {
    do {
        try await body()
        return nil
    } catch let error as RPCError where error.code == .notEntitled {
        guard case .string(let reason)? = error.data["reason"] else { return nil }
        return reason
    } catch {
        return nil
    }
}
