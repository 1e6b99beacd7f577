import Foundation
import Testing
import TierServer
import TierStore
import TierWire

/// The risk job's disclosure letters, and `bundles.recommend` by risk profile.
@Suite struct JobsRiskTests {
    /// Customer 1 is risk-averse, 2 risk-seeking, 3 neutral, 4 never surveyed.
    /// Customer 1 has policies issued 5, 29, 30 and 400 days before the job's day,
    /// one cancelled 3 days before, and one issued the day after; customer 2 one new policy.
    static var script: String {
        func day(_ offset: Int) -> String { WireTime.formatDay(context.today - offset) }
        return """
            INSERT INTO branches (id, code, name) VALUES (1, 'SH01', '上海分公司');
            INSERT INTO households (id, branch_id) VALUES (1, 1), (2, 1), (3, 1), (4, 1);
            INSERT INTO customers (id, name, branch_id, household_id) VALUES
                (1, '甲', 1, 1), (2, '乙', 1, 2), (3, '丙', 1, 3), (4, '丁', 1, 4);
            INSERT INTO risk_surveys (customer_id, taken_at, instrument, score, profile) VALUES
                (1, '2025-01-01', 'questionnaire', 20, 'averse'), (2, '2025-01-01', 'game', 85, 'seeking'),
                (3, '2025-01-01', 'questionnaire', 50, 'neutral');
            INSERT INTO policies (id, policy_no, customer_id, product_code, product_line, term, premium, issued_on, status, channel) VALUES
                (1, 'N5', 1, 'ACC1', 'accident', 'short', 300, '\(day(5))', 'active', 'counter'),
                (2, 'N29', 1, 'LIFE1', 'life', 'long', 3000, '\(day(29))', 'active', 'agent'),
                (3, 'O30', 1, 'LIFE1', 'life', 'long', 3000, '\(day(30))', 'active', 'agent'),
                (4, 'O400', 1, 'LIFE1', 'life', 'long', 3000, '\(day(400))', 'active', 'agent'),
                (5, 'C3', 1, 'ACC1', 'accident', 'short', 300, '\(day(3))', 'cancelled', 'counter'),
                (6, 'F1', 1, 'ACC1', 'accident', 'short', 300, '\(day(-1))', 'active', 'counter'),
                (7, 'S2', 2, 'INV1', 'investment_linked', 'long', 9000, '\(day(2))', 'active', 'agent');
            SELECT sync_identity_sequences();
            """
    }

    static let context = JobContext(now: Date(timeIntervalSince1970: 1_790_000_000), policy: JobsFixture.policy)

    private func run(_ store: StoreDatabase) async throws -> [String: Int] {
        let result = try await JobRunner.run(
            RiskJob(), holder: "daemon-a", ttl: .seconds(60), scheduledFor: nil, context: Self.context, pool: store.pool)
        guard case .succeeded(_, let counts) = result else { throw StoreTestError("risk job did not run: \(result)") }
        return counts
    }

    @Test func aNewPolicyOfARiskAverseCustomerGetsOneLetter() async throws {
        let store = try await StoreDatabase.make(connections: 2, script: Self.script)
        #expect(JobsFixture.policy.set.settings.risk.newPolicyWithinDays == 30)
        // New: issued within the last 30 days (5 and 29 days ago, not 30), not cancelled.
        #expect(try await run(store) == ["new_policies": 3, "in_segment": 2, "letters": 2])
        let letters = try await store.query { connection in
            try connection.execute(
                """
                SELECT concat_ws(' ', customer_id, idempotency_key, payload->>'policy_no', payload->>'segment', priority)
                FROM tasks WHERE kind = 'risk_disclosure_letter' ORDER BY id
                """).map { try $0.decode(0, as: String.self) }
        }
        #expect(letters == [
            "1 risk_disclosure_letter:1 N5 risk_averse 40", "1 risk_disclosure_letter:2 N29 risk_averse 40",
        ])
        #expect(try await run(store) == ["new_policies": 3, "in_segment": 2, "letters": 0])
        await store.close()
    }

    @Test func bundlesFollowTheRiskProfile() async throws {
        let store = try await StoreDatabase.make(connections: 2, script: Self.script)
        let policy = JobsFixture.policy
        func recommend(_ customer: Int64) async throws -> BundlesRecommend.Result {
            try await BundleService.recommend(.init(customerId: customer), policy: policy, pool: store.pool)
        }
        let averse = try await recommend(1)
        #expect(averse.bundle == "accident_heavy")
        #expect(averse.segment == "risk_averse")
        #expect(averse.lines.map { "\($0.productLine) \($0.share)" } == ["accident 0.4", "health 0.35", "life 0.25"])
        #expect(try await recommend(2).bundle == "investment_linked")
        let neutral = try await recommend(3)
        #expect(neutral.bundle == "balanced")
        #expect(neutral.segment == nil)
        #expect(try await recommend(4).bundle == "balanced")
        await expectRPCError(.notFound) { _ = try await recommend(99) }
        await store.close()
    }
}
