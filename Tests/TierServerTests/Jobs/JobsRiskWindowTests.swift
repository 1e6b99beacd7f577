import Foundation
import Testing
import TierServer
import TierStore

/// The risk job over successive days: a policy is new for `new_policy_within` days
/// counting its issue day, and the customer's segment is decided as of the job's day.
@Suite struct JobsRiskWindowTests {
    /// Customer 1 has been risk-averse since 2025; customer 3 was neutral and turns
    /// averse on 2026-03-10. Customer 1's policies were issued on 2026-02-03, 02-04
    /// and 03-05, customer 3's on 03-01.
    static let script = """
        INSERT INTO branches (id, code, name) VALUES (1, 'SH01', '上海分公司');
        INSERT INTO households (id, branch_id) VALUES (1, 1), (3, 1);
        INSERT INTO customers (id, name, branch_id, household_id) VALUES (1, '甲', 1, 1), (3, '丙', 1, 3);
        INSERT INTO risk_surveys (customer_id, taken_at, instrument, score, profile) VALUES
            (1, '2025-01-01 09:00+00', 'questionnaire', 20, 'averse'),
            (3, '2025-01-01 09:00+00', 'questionnaire', 50, 'neutral'),
            (3, '2026-03-10 09:00+00', 'questionnaire', 18, 'averse');
        INSERT INTO policies (id, policy_no, customer_id, product_code, product_line, term, premium, issued_on, channel) VALUES
            (1, 'P0203', 1, 'ACC1', 'accident', 'short', 300, '2026-02-03', 'counter'),
            (2, 'P0204', 1, 'ACC1', 'accident', 'short', 300, '2026-02-04', 'counter'),
            (3, 'P0305', 1, 'LIFE1', 'life', 'long', 3000, '2026-03-05', 'agent'),
            (4, 'P0301', 3, 'LIFE1', 'life', 'long', 3000, '2026-03-01', 'agent');
        SELECT sync_identity_sequences();
        """

    private func run(_ store: StoreDatabase, on day: String) async throws -> [String: Int] {
        let result = try await JobRunner.run(
            RiskJob(), holder: "daemon-a", ttl: .seconds(60), scheduledFor: nil, context: JobsLoyaltyTests.context(day),
            pool: store.pool)
        guard case .succeeded(_, let counts) = result else { throw StoreTestError("risk job did not run: \(result)") }
        return counts
    }

    private func letters(_ store: StoreDatabase) async throws -> [String] {
        try await store.query { connection in
            try connection.execute(
                "SELECT idempotency_key FROM tasks WHERE kind = 'risk_disclosure_letter' ORDER BY idempotency_key"
            ).map { try $0.decode(0, as: String.self) }
        }
    }

    @Test func lettersFollowTheWindowAndTheSegmentOnTheJobsDay() async throws {
        let store = try await StoreDatabase.make(connections: 2, script: Self.script)
        // 5 March: 4 February is 29 days back (new), 3 February 30 (not); customer 3 is neutral.
        #expect(try await run(store, on: "2026-03-05") == ["new_policies": 3, "in_segment": 2, "letters": 2])
        #expect(try await letters(store) == ["risk_disclosure_letter:2", "risk_disclosure_letter:3"])
        // 10 March: customer 3 is averse now and policy 4 is still new; policy 3 has its letter.
        #expect(try await run(store, on: "2026-03-10") == ["new_policies": 2, "in_segment": 2, "letters": 1])
        #expect(try await run(store, on: "2026-03-10") == ["new_policies": 2, "in_segment": 2, "letters": 0])
        #expect(try await letters(store) == [
            "risk_disclosure_letter:2", "risk_disclosure_letter:3", "risk_disclosure_letter:4",
        ])
        #expect(try await store.value(
            "SELECT customer_id FROM tasks WHERE idempotency_key = 'risk_disclosure_letter:4'", as: Int64.self) == 3)
        await store.close()
    }
}
