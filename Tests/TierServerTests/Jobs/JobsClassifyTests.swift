import Foundation
import Testing
import TierServer
import TierStore
import TierWire

/// The classify job on a hand-made branch whose classes are worked out by hand.
@Suite struct JobsClassifyTests {
    static let context = JobContext(now: Date(timeIntervalSince1970: 1_790_000_000), policy: JobsFixture.policy)
    static func day(_ daysAgo: Int) -> String { WireTime.formatDay(context.today - daysAgo) }

    /// Window 3 years (1,095 days), ABC cuts 0.80/0.95, loyal after 3 years:
    /// - 1: one policy 10 days ago, 250,000: R 10, F 1, M 250,000; diamond.
    /// - 2: policies 2,000 (5,000), 100 and 50 days ago (10,000 each): R 50, F 2, M 20,000; silver.
    /// - 3: one policy 800 days ago, 1,000: R 800, F 1, M 1,000; ordinary.
    /// - 4: no policy: R none, F 0, M 0; ordinary.
    /// Means: R 286.67 (of those who bought), F 1, M 67,750. Total M 271,000.
    static var script: String {
        """
        INSERT INTO branches (id, code, name) VALUES (1, 'SH01', '上海分公司');
        INSERT INTO households (id, branch_id) VALUES (1, 1), (2, 1), (3, 1), (4, 1);
        INSERT INTO customers (id, name, branch_id, household_id) VALUES
            (1, '甲', 1, 1), (2, '乙', 1, 2), (3, '丙', 1, 3), (4, '丁', 1, 4);
        INSERT INTO policies (id, policy_no, customer_id, product_code, product_line, term, premium, issued_on, channel) VALUES
            (1, 'P1', 1, 'LIFE1', 'life', 'long', 250000, '\(day(10))', 'agent'),
            (2, 'P2a', 2, 'LIFE1', 'life', 'long', 5000, '\(day(2000))', 'agent'),
            (3, 'P2b', 2, 'HLT1', 'health', 'long', 10000, '\(day(100))', 'agent'),
            (4, 'P2c', 2, 'HLT1', 'health', 'long', 10000, '\(day(50))', 'agent'),
            (5, 'P3', 3, 'ACC1', 'accident', 'short', 1000, '\(day(800))', 'counter');
        SELECT sync_identity_sequences();
        """
    }

    private func run(_ store: StoreDatabase) async throws -> [String: Int] {
        let result = try await JobRunner.run(
            ClassifyJob(), holder: "daemon-a", ttl: .seconds(60), scheduledFor: nil, context: Self.context, pool: store.pool)
        guard case .succeeded(_, let counts) = result else { throw StoreTestError("classify did not run: \(result)") }
        return counts
    }

    private func rows(_ store: StoreDatabase, _ sql: String) async throws -> [String] {
        try await store.query { try $0.execute(sql).map { try $0.decode(0, as: String.self) } }
    }

    @Test func classesAreTheWorkedOutOnes() async throws {
        let store = try await StoreDatabase.make(connections: 2, script: Self.script)
        let counts = try await run(store)
        #expect(counts["customers"] == 4)
        #expect([counts["rfm_1"], counts["rfm_3"], counts["rfm_6"], counts["rfm_7"]] == [1, 1, 1, 1])
        #expect([counts["abc_a"], counts["abc_b"], counts["abc_c"]] == [1, 1, 2])
        #expect(counts["tier_changes"] == 16, "every customer is new in each of the 4 kinds")
        #expect([counts["upgrades"], counts["downgrades"], counts["tasks"]] == [0, 0, 0])
        let snapshots = try await rows(store, """
            SELECT concat_ws(' ', customer_id, rfm_type, coalesce(r_days::text, '-'), f_count, m_value, abc_class, quadrant, value_tier)
            FROM classification_snapshots ORDER BY customer_id
            """)
        #expect(snapshots == [
            "1 1 10 1 250000.00 A low_loyalty_high_profit diamond",
            "2 3 50 2 20000.00 B high_loyalty_low_profit silver",
            "3 6 800 1 1000.00 C low_loyalty_low_profit ordinary",
            "4 7 - 0 0.00 C low_loyalty_low_profit ordinary",
        ])
        let run = try await rows(store, "SELECT concat_ws(' ', status, as_of, counts->>'customers') FROM classification_runs")
        #expect(run == ["succeeded \(Self.day(0)) 4"])
        // The facts of a decision now read this classification.
        let customer = try await store.query {
            try FactLoader.load(customerId: 2, asOf: Self.context.today, channel: "counter", policy: JobsFixture.policy, on: $0)
        }
        let decision = JobsFixture.policy.evaluator.evaluate(customer.facts)
        #expect(decision.tier("rfm") == "generally_important")
        #expect(decision.tier("abc") == "class_b")
        #expect(decision.tier("quadrant") == "loyal_low_profit")
        await store.close()
    }

    @Test func tierChangesAreHistoryAndOpenThePolicysCallsOnce() async throws {
        let store = try await StoreDatabase.make(connections: 2, script: Self.script)
        _ = try await run(store)
        // Running again on the same data changes nothing.
        let again = try await run(store)
        #expect([again["tier_changes"], again["upgrades"], again["downgrades"], again["tasks"]] == [0, 0, 0, 0])
        // Customer 3 buys 60,000 (ordinary → gold); customer 1's policy lapses (diamond → ordinary).
        _ = try await store.query {
            try $0.execute(
                """
                INSERT INTO policies (policy_no, customer_id, product_code, product_line, term, premium, issued_on, channel)
                VALUES ('P3b', 3, 'LIFE1', 'life', 'long', 60000, $1::date, 'agent');
                """, [PGDate(daysSinceEpoch: Self.context.today - 1)])
            try $0.execute(
                "UPDATE policies SET status = 'lapsed', lapsed_on = $1::date WHERE id = 1", [PGDate(daysSinceEpoch: Self.context.today - 1)])
        }
        let changed = try await run(store)
        #expect([changed["upgrades"], changed["downgrades"], changed["tasks"]] == [1, 1, 2])
        let runId = try await store.value("SELECT max(id) FROM classification_runs", as: Int64.self)
        let value = try await rows(store, """
            SELECT concat_ws(' ', customer_id, from_tier, to_tier, direction) FROM tier_history
            WHERE tier_kind = 'value' AND run_id = \(runId) ORDER BY customer_id
            """)
        #expect(value == ["1 diamond ordinary down", "3 ordinary gold up"])
        let tasks = try await rows(store, """
            SELECT concat_ws(' ', kind, customer_id, idempotency_key, payload->>'from_tier', payload->>'to_tier', priority)
            FROM tasks ORDER BY customer_id
            """)
        #expect(tasks == [
            "downgrade_retention_call 1 downgrade_retention_call:1:\(runId) diamond ordinary 60",
            "upgrade_welcome_call 3 upgrade_welcome_call:3:\(runId) ordinary gold 40",
        ])
        let last = try await run(store)
        #expect([last["tier_changes"], last["tasks"]] == [0, 0])
        #expect(try await store.value("SELECT count(*) FROM tasks", as: Int64.self) == 2)
        await store.close()
    }
}
