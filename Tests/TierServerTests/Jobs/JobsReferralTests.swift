import Foundation
import Testing
import TierServer
import TierStore
import TierWire

/// The referral job: accruals at the policy's rate, clawbacks after upheld
/// mis-selling complaints with a liability review, and the account that shows them.
@Suite struct JobsReferralTests {
    /// Employee 1 (customer 1) referred P1 (customer 2) and P2 (customer 3) and the
    /// cancelled P4 and the future P5; P3 was not referred. Agent 7 sold P1 and P2.
    static let script = """
        INSERT INTO branches (id, code, name) VALUES (1, 'SH01', '上海分公司');
        INSERT INTO households (id, branch_id) VALUES (1, 1), (2, 1), (3, 1);
        INSERT INTO customers (id, name, branch_id, household_id) VALUES (1, '员工', 1, 1), (2, '甲', 1, 2), (3, '乙', 1, 3);
        INSERT INTO employees (id, customer_id, employee_no, branch_id, hired_on) VALUES (1, 1, 'E001', 1, '2015-01-01');
        INSERT INTO sales_agents (id, agent_no, name, branch_id) VALUES (7, 'A007', '代理人', 1);
        INSERT INTO policies (id, policy_no, customer_id, product_code, product_line, term, premium, issued_on, status,
                              channel, selling_agent_id, referring_employee_id) VALUES
            (1, 'P1', 2, 'LIFE1', 'life', 'long', 1234.57, '2026-03-01', 'active', 'agent', 7, 1),
            (2, 'P2', 3, 'LIFE1', 'life', 'long', 1000.00, '2026-04-01', 'active', 'agent', 7, 1),
            (3, 'P3', 3, 'ACC1', 'accident', 'short', 500.00, '2026-04-01', 'active', 'counter', NULL, NULL),
            (4, 'P4', 2, 'LIFE1', 'life', 'long', 800.00, '2026-05-01', 'cancelled', 'agent', 7, 1),
            (5, 'P5', 2, 'LIFE1', 'life', 'long', 900.00, '2027-01-01', 'active', 'agent', 7, 1);
        SELECT sync_identity_sequences();
        """

    static let context = JobContext(now: ISO8601DateFormatter().date(from: "2026-11-20T12:00:00Z")!, policy: JobsFixture.policy)

    private func run(_ store: StoreDatabase) async throws -> [String: Int] {
        let result = try await JobRunner.run(
            ReferralJob(), holder: "daemon-a", ttl: .seconds(60), scheduledFor: nil, context: Self.context, pool: store.pool)
        guard case .succeeded(_, let counts) = result else { throw StoreTestError("referral job did not run: \(result)") }
        return counts
    }

    private func ledger(_ store: StoreDatabase) async throws -> [String] {
        try await store.query { connection in
            try connection.execute(
                "SELECT concat_ws(' ', kind, policy_id, employee_id, amount, complaint_id) FROM referral_commissions ORDER BY id")
                .map { try $0.decode(0, as: String.self) }
        }
    }

    private func complaint(_ store: StoreDatabase, policy: Int64, customer: Int64, outcome: String, misSelling: Bool = true) async throws {
        _ = try await store.query {
            try $0.execute(
                """
                INSERT INTO complaints (customer_id, policy_id, received_at, category, mis_selling, outcome, resolved_at)
                VALUES ($1::bigint, $2::bigint, '2026-10-01', 'sales', $3::bool, $4::text,
                        CASE WHEN $4::text = 'pending' THEN NULL ELSE timestamptz '2026-11-01' END)
                """, [customer, policy, misSelling, outcome])
        }
    }

    @Test func referredPoliciesAccrueAtThePolicyRateOnce() async throws {
        let store = try await StoreDatabase.make(connections: 2, script: Self.script)
        #expect(JobsFixture.policy.set.settings.referrals.commissionRate?.description == "0.05")
        #expect(try await run(store) == [
            "accrued": 2, "accrued_cents": 11_173, "clawed_back": 0, "clawed_back_cents": 0, "liability_reviews": 0,
        ])
        // 1234.57 × 0.05 = 61.7285, rounded to 61.73; the cancelled, future and unreferred policies accrue nothing.
        #expect(try await ledger(store) == ["accrual 1 1 61.73", "accrual 2 1 50.00"])
        #expect(try await run(store) == [
            "accrued": 0, "accrued_cents": 0, "clawed_back": 0, "clawed_back_cents": 0, "liability_reviews": 0,
        ])
        await store.close()
    }

    @Test func anUpheldMisSellingComplaintClawsBackAndOpensOneLiabilityReview() async throws {
        let store = try await StoreDatabase.make(connections: 2, script: Self.script)
        _ = try await run(store)
        try await complaint(store, policy: 2, customer: 3, outcome: "upheld")
        try await complaint(store, policy: 1, customer: 2, outcome: "rejected")
        try await complaint(store, policy: 1, customer: 2, outcome: "pending")
        try await complaint(store, policy: 1, customer: 2, outcome: "upheld", misSelling: false)
        #expect(try await run(store) == [
            "accrued": 0, "accrued_cents": 0, "clawed_back": 1, "clawed_back_cents": 5_000, "liability_reviews": 1,
        ])
        let upheld = try await store.value("SELECT id FROM complaints WHERE policy_id = 2", as: Int64.self)
        #expect(try await ledger(store) == ["accrual 1 1 61.73", "accrual 2 1 50.00", "clawback 2 1 -50.00 \(upheld)"])
        let review = try await store.value(
            """
            SELECT concat_ws(' ', kind, customer_id, priority, idempotency_key, payload->>'employee_id',
                             payload->>'policy_no', payload->>'clawed_back', status)
            FROM tasks
            """, as: String.self)
        #expect(review == "liability_review 3 60 liability_review:policy:2 1 P2 50.00 pending")
        // Run twice: nothing new.
        #expect(try await run(store) == [
            "accrued": 0, "accrued_cents": 0, "clawed_back": 0, "clawed_back_cents": 0, "liability_reviews": 0,
        ])
        #expect(try await store.value("SELECT count(*) FROM tasks", as: Int64.self) == 1)
        await store.close()
    }

    @Test func theAccountShowsTheLedgerWithTheSellingAgent() async throws {
        let store = try await StoreDatabase.make(connections: 2, script: Self.script)
        _ = try await run(store)
        try await complaint(store, policy: 2, customer: 3, outcome: "upheld")
        _ = try await run(store)
        let first = try await ReferralService.account(.init(employeeId: 1, limit: 2), pool: store.pool)
        #expect(first.employeeNo == "E001")
        #expect([first.accrued, first.clawedBack, first.balance] == ["111.73", "-50.00", "61.73"])
        #expect(first.entries.map(\.kind) == ["clawback", "accrual"])
        #expect(first.entries.map(\.policyNo) == ["P2", "P2"])
        #expect(first.entries.allSatisfy { $0.sellingAgentId == 7 })
        let next = try #require(first.nextCursor)
        let second = try await ReferralService.account(.init(employeeId: 1, cursor: next, limit: 2), pool: store.pool)
        #expect(second.entries.map(\.amount) == ["61.73"])
        #expect(second.nextCursor == nil)
        await expectRPCError(.notFound) { _ = try await ReferralService.account(.init(employeeId: 99), pool: store.pool) }
        await expectRPCError(.invalidParams, path: "params.cursor") {
            _ = try await ReferralService.account(.init(employeeId: 1, cursor: "nonsense"), pool: store.pool)
        }
        await store.close()
    }
}
