import Foundation
import Testing
import TierPolicy
import TierServer
import TierStore
import TierWire

/// The loyalty job at the edges of "active long-term": a policy lapsing on the job's
/// day, issued on it or the day after, short-term, surrendered or cancelled; and the
/// job's households agree with the `household.long_term_policies` fact.
@Suite struct JobsLoyaltyBoundaryTests {
    /// The job's day in the fixture.
    static let day = "2026-06-01"

    /// Every household holds 5 active long-term policies issued in 2020, plus:
    /// 1. one long-term policy that lapsed on the day (no longer counts);
    /// 2. one long-term policy that lapses the day after (still counts);
    /// 3. one long-term policy issued on the day (counts);
    /// 4. one long-term policy issued the day after (does not count yet);
    /// 5. a short-term, a surrendered and a cancelled long-term policy (none counts);
    /// 6. one more long-term policy, the six split 3 and 3 between customers 7 and 8.
    /// Households 1-5 have one customer each (customers 1-5); household 6 two.
    static let script = """
        INSERT INTO branches (id, code, name) VALUES (1, 'SH01', '上海分公司');
        INSERT INTO households (id, branch_id) SELECT n, 1 FROM generate_series(1, 6) n;
        INSERT INTO customers (id, name, branch_id, household_id) VALUES
            (1, '一', 1, 1), (2, '二', 1, 2), (3, '三', 1, 3), (4, '四', 1, 4), (5, '五', 1, 5), (7, '七', 1, 6), (8, '八', 1, 6);
        INSERT INTO policies (policy_no, customer_id, product_code, product_line, term, premium, issued_on, channel)
        SELECT 'C' || c || '-' || n, c, 'LIFE1', 'life', 'long', 3000, '2020-01-01', 'agent'
        FROM generate_series(1, 5) c, generate_series(1, 5) n;
        INSERT INTO policies (policy_no, customer_id, product_code, product_line, term, premium, issued_on, channel)
        SELECT 'C' || c || '-' || n, c, 'LIFE1', 'life', 'long', 3000, '2020-01-01', 'agent'
        FROM (VALUES (7), (8)) AS h (c), generate_series(1, 3) n;
        INSERT INTO policies (policy_no, customer_id, product_code, product_line, term, premium, issued_on, status, lapsed_on, channel) VALUES
            ('C1-lapsed', 1, 'LIFE1', 'life', 'long', 3000, '2020-01-01', 'lapsed', '2026-06-01', 'agent'),
            ('C2-lapses', 2, 'LIFE1', 'life', 'long', 3000, '2020-01-01', 'lapsed', '2026-06-02', 'agent'),
            ('C3-today', 3, 'LIFE1', 'life', 'long', 3000, '2026-06-01', 'active', NULL, 'agent'),
            ('C4-tomorrow', 4, 'LIFE1', 'life', 'long', 3000, '2026-06-02', 'active', NULL, 'agent'),
            ('C5-short', 5, 'ACC1', 'accident', 'short', 300, '2026-01-01', 'active', NULL, 'counter'),
            ('C5-surrendered', 5, 'LIFE1', 'life', 'long', 3000, '2020-01-01', 'surrendered', NULL, 'agent'),
            ('C5-cancelled', 5, 'LIFE1', 'life', 'long', 3000, '2020-01-01', 'cancelled', NULL, 'agent');
        SELECT sync_identity_sequences();
        """

    private func run(_ store: StoreDatabase, on day: String) async throws -> [String: Int] {
        let result = try await JobRunner.run(
            LoyaltyJob(), holder: "daemon-a", ttl: .seconds(60), scheduledFor: nil, context: JobsLoyaltyTests.context(day),
            pool: store.pool)
        guard case .succeeded(_, let counts) = result else { throw StoreTestError("loyalty job did not run: \(result)") }
        return counts
    }

    /// `household period_start period_end quota task-customer` for every grant.
    private func grants(_ store: StoreDatabase) async throws -> [String] {
        try await store.query { connection in
            try connection.execute(
                """
                SELECT concat_ws(' ', g.household_id, g.period_start, g.period_end, g.quota, t.customer_id)
                FROM entitlement_grants g
                LEFT JOIN tasks t ON t.kind = 'loyalty_fulfilment' AND (t.payload->>'grant_id')::bigint = g.id
                ORDER BY g.household_id, g.period_start
                """).map { try $0.decode(0, as: String.self) }
        }
    }

    @Test func activeLongTermMeansTheFactsDefinitionOnTheDay() async throws {
        let store = try await StoreDatabase.make(connections: 2, script: Self.script)
        #expect(try await run(store, on: Self.day) == ["eligible_households": 3, "granted": 3, "tasks": 3])
        // Households 2, 3 and 6; in household 6 the tie of 3 and 3 goes to the lower id.
        #expect(try await grants(store) == [
            "2 2026-01-01 2027-01-01 1 2", "3 2026-01-01 2027-01-01 1 3", "6 2026-01-01 2027-01-01 1 7",
        ])
        // The next day policy 2 has lapsed and policy 4 is in force: household 4 joins,
        // household 2 keeps the grant it had for the year.
        #expect(try await run(store, on: "2026-06-02") == ["eligible_households": 3, "granted": 1, "tasks": 1])
        #expect(try await grants(store) == [
            "2 2026-01-01 2027-01-01 1 2", "3 2026-01-01 2027-01-01 1 3", "4 2026-01-01 2027-01-01 1 4",
            "6 2026-01-01 2027-01-01 1 7",
        ])
        await store.close()
    }

    @Test func theJobAndTheHouseholdFactAgree() async throws {
        let store = try await StoreDatabase.make(connections: 2, script: Self.script)
        let policy = JobsFixture.policy
        _ = try await run(store, on: Self.day)
        let granted = Set(try await store.query { connection in
            try connection.execute("SELECT household_id FROM entitlement_grants").map { try $0.decode(0, as: Int64.self) }
        })
        let slot = try #require(policy.set.schema.slot(of: "household.long_term_policies"))
        let today = try #require(CivilDate.parse(Self.day))
        for customer: Int64 in [1, 2, 3, 4, 5, 7, 8] {
            let loaded = try await store.query { connection in
                try FactLoader.load(customerId: customer, asOf: today, channel: "counter", policy: policy, on: connection)
            }
            guard case .int(let count) = loaded.facts.values[slot] else {
                Issue.record("customer \(customer): no household.long_term_policies")
                continue
            }
            let loyal = policy.evaluator.evaluate(loaded.facts, quotaUsed: loaded.quotaUsed).segments.contains("loyal_household")
            #expect(loyal == (count >= 6), "customer \(customer) holds \(count)")
            #expect(granted.contains(loaded.householdId) == loyal, "customer \(customer) holds \(count)")
        }
        await store.close()
    }

    @Test func theGrantAndItsTaskCarryThePeriodAndTheRevision() async throws {
        let store = try await StoreDatabase.make(connections: 2, script: Self.script)
        _ = try await run(store, on: Self.day)
        let row = try await store.query { connection in
            try connection.execute(
                """
                SELECT concat_ws(' | ', g.entitlement_code, g.customer_id IS NULL, g.uses, g.params::text,
                                 g.policy_revision = $1::text, g.reason,
                                 t.kind, t.idempotency_key, t.status, t.priority,
                                 t.payload->>'household_id', t.payload->>'entitlement',
                                 t.payload->>'period_start', t.payload->>'period_end')
                FROM entitlement_grants g
                JOIN tasks t ON (t.payload->>'grant_id')::bigint = g.id
                WHERE g.household_id = 3
                """, [JobsFixture.policy.revision]).map { try $0.decode(0, as: String.self) }
        }
        #expect(row == [
            "free_accident_cover | t | 0 | {} | t"
                + " | household holds 6 or more active long-term policies (settings.loyalty)"
                + " | loyalty_fulfilment | loyalty_fulfilment:3:2026-01-01 | pending | 50"
                + " | 3 | free_accident_cover | 2026-01-01 | 2027-01-01",
        ])
        // One task per grant, however often the job runs in the year.
        _ = try await run(store, on: "2026-12-31")
        #expect(try await store.value("SELECT count(*) FROM tasks", as: Int64.self)
            == (try await store.value("SELECT count(*) FROM entitlement_grants", as: Int64.self)))
        #expect(try await store.value(
            "SELECT count(*) FROM tasks GROUP BY payload->>'household_id' ORDER BY 1 DESC LIMIT 1", as: Int64.self) == 1)
        await store.close()
    }
}
