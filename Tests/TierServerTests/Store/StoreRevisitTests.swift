import Foundation
import Testing
import TierServer
import TierStore
import TierSynthetic
import TierTestSupport
import TierWire

/// The revisit list of lapsed returning customers.
@Suite struct StoreRevisitTests {
    private func pages(
        _ params: RevisitsList.Params, policy: LoadedPolicy, today: Int, _ store: StoreDatabase
    ) async throws -> [LapsedCustomer] {
        var params = params
        var seen: [LapsedCustomer] = []
        for _ in 0..<1000 {
            let page = try await RevisitService.list(params, policy: policy, today: today, pool: store.pool)
            #expect(page.customers.count <= params.limit ?? 100)
            seen += page.customers
            guard let next = page.nextCursor else { return seen }
            params.cursor = next
        }
        Issue.record("pagination did not end")
        return seen
    }

    @Test func pagesVisitEveryLapsedCustomerOfASyntheticBranchOnce() async throws {
        let store = try await StoreDatabase.make()
        let today = SyntheticBranch.todayUTC()
        try await store.query { connection in
            _ = try SyntheticBranch(profile: SyntheticBranchProfile(customers: 400), seed: 7, asOf: today).load(into: connection)
        }
        let policy = try StorePolicies.branch()
        let lapseDays = policy.set.settings.revisitLapseDays
        let seen = try await pages(RevisitsList.Params(limit: 25), policy: policy, today: today.daysSinceEpoch, store)
        let expected = try await store.query { connection in
            try connection.execute(
                """
                SELECT customer_id FROM policies WHERE issued_on <= $1::date
                GROUP BY customer_id HAVING max(issued_on) < $1::date - $2::int
                ORDER BY max(issued_on), customer_id
                """, [today, Int32(lapseDays)]).map { try $0.decode(0, as: Int64.self) }
        }
        #expect(!expected.isEmpty, "the synthetic branch has lapsed customers")
        #expect(seen.map(\.customerId) == expected)
        #expect(Set(seen.map(\.customerId)).count == seen.count)
        for customer in seen {
            #expect(customer.daysSinceLastPurchase > lapseDays)
            #expect(customer.daysSinceLastPurchase == today.daysSinceEpoch - PGDate(iso: customer.lastPurchaseOn)!.daysSinceEpoch)
            if let phone = customer.phoneMasked { #expect(phone.contains("*")) }
        }
        #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.lastPurchaseOn <= $1.lastPurchaseOn })
        await store.close()
    }

    /// Branch SH01: customer 1 lapsed (2020), 2 lapsed (2021, classified B), 3 not
    /// (bought again in 2026), 4 never bought, 6 bought only after the as-of day.
    /// Branch SH02: customer 5 lapsed (2019).
    static let script = """
        INSERT INTO branches (id, code, name) VALUES (1, 'SH01', '上海分公司'), (2, 'SH02', '浦东支公司');
        INSERT INTO households (id, branch_id) VALUES (1, 1), (2, 2);
        INSERT INTO customers (id, name, phone, branch_id, household_id) VALUES
            (1, '张伟', '13812345678', 1, 1), (2, '王芳', NULL, 1, 1), (3, '刘洋', '13900001111', 1, 1),
            (4, '陈静', '13700002222', 1, 1), (5, '李娜', '021-6543-2100', 2, 2), (6, '赵强', '13600003333', 1, 1);
        INSERT INTO policies (policy_no, customer_id, product_code, product_line, term, premium, issued_on, channel) VALUES
            ('A1', 1, 'L', 'life', 'long', 100, '2018-01-01', 'agent'), ('A2', 1, 'L', 'life', 'long', 100, '2020-03-01', 'agent'),
            ('B1', 2, 'L', 'life', 'long', 100, '2021-05-05', 'agent'),
            ('C1', 3, 'L', 'life', 'long', 100, '2019-01-01', 'agent'), ('C2', 3, 'L', 'life', 'long', 100, '2026-01-01', 'agent'),
            ('E1', 5, 'L', 'life', 'long', 100, '2019-07-07', 'agent'),
            ('F1', 6, 'L', 'life', 'long', 100, '2026-09-01', 'agent');
        INSERT INTO classification_runs (id, started_at, finished_at, status, as_of, policy_revision) VALUES
            (1, '2026-01-01 01:00:00+00', '2026-01-01 02:00:00+00', 'succeeded', '2026-01-01', 'r');
        INSERT INTO classification_snapshots (run_id, customer_id, rfm_type, abc_class) VALUES (1, 2, 8, 'B');
        SELECT sync_identity_sequences();
        """

    @Test func fieldsBranchFilterAndLapseSetting() async throws {
        let store = try await StoreDatabase.make(script: Self.script)
        let policy = try StorePolicies.inline(lapse: 730)
        let today = civilDay("2026-06-30")
        let page = try await RevisitService.list(RevisitsList.Params(), policy: policy, today: today, pool: store.pool)
        #expect(page.asOf == "2026-06-30")
        #expect(page.lapseDays == 730)
        #expect(page.nextCursor == nil)
        #expect(page.customers == [
            LapsedCustomer(customerId: 5, name: "李娜", branch: "SH02", lastPurchaseOn: "2019-07-07",
                           daysSinceLastPurchase: today - civilDay("2019-07-07"), valueClass: nil, phoneMasked: "021******2100"),
            LapsedCustomer(customerId: 1, name: "张伟", branch: "SH01", lastPurchaseOn: "2020-03-01",
                           daysSinceLastPurchase: today - civilDay("2020-03-01"), valueClass: nil, phoneMasked: "138****5678"),
            LapsedCustomer(customerId: 2, name: "王芳", branch: "SH01", lastPurchaseOn: "2021-05-05",
                           daysSinceLastPurchase: today - civilDay("2021-05-05"), valueClass: "B", phoneMasked: nil),
        ])
        let sh01 = try await pages(RevisitsList.Params(branch: "SH01", limit: 1), policy: policy, today: today, store)
        #expect(sh01.map(\.customerId) == [1, 2])
        // A shorter lapse interval from the policy; an earlier as-of day.
        let shorter = try await RevisitService.list(
            RevisitsList.Params(asOf: "2026-12-31"), policy: try StorePolicies.inline(lapse: 300), today: today, pool: store.pool)
        #expect(shorter.customers.map(\.customerId) == [5, 1, 2, 3])
        let earlier = try await RevisitService.list(RevisitsList.Params(asOf: "2022-01-01"), policy: policy, today: today, pool: store.pool)
        // Cutoff 2020-01-02: 1 and 2 bought after it; 3 only before (C2 comes after the as-of day).
        #expect(earlier.customers.map(\.customerId) == [3, 5])
        await store.close()
    }

    @Test func paramsAreChecked() async throws {
        let store = try await StoreDatabase.make(script: Self.script)
        let policy = try StorePolicies.inline()
        let today = civilDay("2026-06-30")
        await expectRPCError(.notFound) {
            _ = try await RevisitService.list(RevisitsList.Params(branch: "XX99"), policy: policy, today: today, pool: store.pool)
        }
        await expectRPCError(.invalidParams, path: "params.as_of") {
            _ = try await RevisitService.list(RevisitsList.Params(asOf: "2026-02-30"), policy: policy, today: today, pool: store.pool)
        }
        for limit in [0, 1001] {
            await expectRPCError(.invalidParams, path: "params.limit") {
                _ = try await RevisitService.list(RevisitsList.Params(limit: limit), policy: policy, today: today, pool: store.pool)
            }
        }
        await expectRPCError(.invalidParams, path: "params.cursor") {
            _ = try await RevisitService.list(RevisitsList.Params(cursor: "bad cursor"), policy: policy, today: today, pool: store.pool)
        }
        await store.close()
    }
}
