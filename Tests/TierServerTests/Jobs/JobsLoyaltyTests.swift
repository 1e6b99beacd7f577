import Foundation
import Testing
import TierServer
import TierPolicy
import TierStore

/// The loyalty job: the yearly household grant at exactly the policy's threshold,
/// once per household per policy year, with one fulfilment task.
@Suite struct JobsLoyaltyTests {
    /// Household 1: customers 1 (4 long-term) and 2 (2 long-term) hold 6. Household 2:
    /// customer 3 holds 5 long-term, 1 short-term, 1 long-term lapsed in 2025 and 1
    /// long-term issued only in 2027.
    static let script = """
        INSERT INTO branches (id, code, name) VALUES (1, 'SH01', '上海分公司');
        INSERT INTO households (id, branch_id) VALUES (1, 1), (2, 1);
        INSERT INTO customers (id, name, branch_id, household_id) VALUES (1, '甲', 1, 1), (2, '乙', 1, 1), (3, '丙', 1, 2);
        INSERT INTO policies (policy_no, customer_id, product_code, product_line, term, premium, issued_on, status, lapsed_on, channel)
        SELECT 'H1-' || n, CASE WHEN n <= 4 THEN 1 ELSE 2 END, 'LIFE1', 'life', 'long', 3000, '2020-01-01', 'active', NULL, 'agent'
        FROM generate_series(1, 6) n;
        INSERT INTO policies (policy_no, customer_id, product_code, product_line, term, premium, issued_on, status, lapsed_on, channel)
        SELECT 'H2-' || n, 3, 'LIFE1', 'life', 'long', 3000, '2020-01-01', 'active', NULL, 'agent' FROM generate_series(1, 5) n;
        INSERT INTO policies (policy_no, customer_id, product_code, product_line, term, premium, issued_on, status, lapsed_on, channel) VALUES
            ('H2-short', 3, 'ACC1', 'accident', 'short', 300, '2026-06-01', 'active', NULL, 'counter'),
            ('H2-lapsed', 3, 'LIFE1', 'life', 'long', 3000, '2020-01-01', 'lapsed', '2025-03-01', 'agent'),
            ('H2-later', 3, 'LIFE1', 'life', 'long', 3000, '2027-01-01', 'active', NULL, 'agent');
        SELECT sync_identity_sequences();
        """

    /// Noon UTC on a day.
    static func context(_ day: String) -> JobContext {
        JobContext(now: ISO8601DateFormatter().date(from: day + "T12:00:00Z")!, policy: JobsFixture.policy)
    }

    private func run(_ store: StoreDatabase, on day: String) async throws -> [String: Int] {
        let result = try await JobRunner.run(
            LoyaltyJob(), holder: "daemon-a", ttl: .seconds(60), scheduledFor: nil, context: Self.context(day), pool: store.pool)
        guard case .succeeded(_, let counts) = result else { throw StoreTestError("loyalty job did not run: \(result)") }
        return counts
    }

    private func grants(_ store: StoreDatabase) async throws -> [String] {
        try await store.query { connection in
            try connection.execute(
                """
                SELECT concat_ws(' ', g.entitlement_code, g.household_id, g.period_start, g.period_end, g.quota,
                                 t.customer_id, t.priority, t.status)
                FROM entitlement_grants g
                LEFT JOIN tasks t ON t.idempotency_key = 'loyalty_fulfilment:' || g.household_id || ':' || g.period_start
                ORDER BY g.period_start, g.household_id
                """).map { try $0.decode(0, as: String.self) }
        }
    }

    @Test func sixLongTermPoliciesEarnTheGrantAndFiveDoNot() async throws {
        let store = try await StoreDatabase.make(connections: 2, script: Self.script)
        #expect(try await run(store, on: "2026-12-31") == ["eligible_households": 1, "granted": 1, "tasks": 1])
        // Household 1 only; the task goes to customer 1, who holds most of its policies.
        #expect(try await grants(store) == ["free_accident_cover 1 2026-01-01 2027-01-01 1 1 50 pending"])
        // Run twice: nothing new.
        #expect(try await run(store, on: "2026-12-31") == ["eligible_households": 1, "granted": 0, "tasks": 0])
        // A sixth active long-term policy brings household 2 over the threshold.
        _ = try await store.query {
            try $0.execute(
                """
                INSERT INTO policies (policy_no, customer_id, product_code, product_line, term, premium, issued_on, channel)
                VALUES ('H2-6', 3, 'LIFE1', 'life', 'long', 3000, '2026-12-01', 'agent')
                """)
        }
        #expect(try await run(store, on: "2026-12-31") == ["eligible_households": 2, "granted": 1, "tasks": 1])
        #expect(try await store.value("SELECT count(*) FROM entitlement_grants WHERE household_id = 2", as: Int64.self) == 1)
        await store.close()
    }

    @Test func theGrantIsOncePerPolicyYear() async throws {
        let store = try await StoreDatabase.make(connections: 2, script: Self.script)
        _ = try await run(store, on: "2026-12-31")
        // 1 January: a new policy year and a new grant; household 2 now holds its 2027
        // policy too (5 + 1 = 6 active long-term).
        #expect(try await run(store, on: "2027-01-01") == ["eligible_households": 2, "granted": 2, "tasks": 2])
        #expect(try await run(store, on: "2027-01-01") == ["eligible_households": 2, "granted": 0, "tasks": 0])
        #expect(try await run(store, on: "2027-12-31") == ["eligible_households": 2, "granted": 0, "tasks": 0])
        #expect(try await grants(store) == [
            "free_accident_cover 1 2026-01-01 2027-01-01 1 1 50 pending",
            "free_accident_cover 1 2027-01-01 2028-01-01 1 1 50 pending",
            "free_accident_cover 2 2027-01-01 2028-01-01 1 3 50 pending",
        ])
        await store.close()
    }

    @Test func aSetWithoutALoyaltyEntitlementGrantsNothing() async throws {
        let store = try await StoreDatabase.make(connections: 2, script: Self.script)
        let sources = try StorePolicies.branchSources().map { file in
            PolicySourceFile(name: file.name, text: file.text.replacingOccurrences(of: "    entitlement: free_accident_cover\n", with: ""))
        }
        let policy = try StorePolicies.load(sources)
        #expect(policy.set.settings.loyalty.entitlement == nil)
        let result = try await JobRunner.run(
            LoyaltyJob(), holder: "daemon-a", ttl: .seconds(60), scheduledFor: nil,
            context: JobContext(now: Date(), policy: policy), pool: store.pool)
        guard case .succeeded(_, let counts) = result else { Issue.record("\(result)"); return }
        #expect(counts == ["eligible_households": 0, "granted": 0, "tasks": 0])
        #expect(try await store.value("SELECT count(*) FROM entitlement_grants", as: Int64.self) == 0)
        await store.close()
    }
}
