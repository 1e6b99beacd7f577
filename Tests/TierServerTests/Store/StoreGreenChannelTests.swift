import Foundation
import Testing
import TierPolicy
import TierServer
import TierStore
import TierTestSupport
import TierWire

/// Opening green-channel tickets: entitlement checks, idempotency, one transaction.
@Suite struct StoreGreenChannelTests {
    /// Customer 1 is a VIP (premium 30000) sharing household 1 with customer 2;
    /// customer 3 is active staff (employee 1); customer 4 left the staff
    /// (employee 2); customer 5 has bought nothing.
    static let script = """
        INSERT INTO branches (id, code, name) VALUES (1, 'SH01', '上海分公司'), (2, 'SH02', '浦东支公司');
        INSERT INTO households (id, branch_id) VALUES (1, 1), (2, 1), (3, 1), (4, 1);
        INSERT INTO customers (id, name, birth_date, branch_id, household_id) VALUES
            (1, '张伟', '1970-03-01', 1, 1), (2, '王芳', '1972-04-02', 1, 1), (3, '刘洋', '1985-01-01', 1, 3),
            (4, '李娜', '1975-01-01', 1, 4), (5, '陈静', '1990-01-01', 1, 2);
        INSERT INTO employees (id, customer_id, employee_no, branch_id, hired_on, left_on) VALUES
            (1, 3, 'E001', 1, '2010-01-01', NULL), (2, 4, 'E002', 1, '2005-01-01', '2020-01-01');
        INSERT INTO policies (policy_no, customer_id, product_code, product_line, term, premium, issued_on, channel) VALUES
            ('P1', 1, 'LIFE1', 'life', 'long', 30000.00, '2015-01-01', 'agent');
        SELECT sync_identity_sequences();
        """

    static func params(
        customer: Int64 = 1, kind: String = "claims", branch: String = "SH01", staff: Int64 = 1, key: String = "k-1",
        note: String? = "walk-in"
    ) -> GreenChannelOpen.Params {
        GreenChannelOpen.Params(customerId: customer, kind: kind, branch: branch, staffId: staff, idempotencyKey: key, note: note)
    }

    static let clerk = Principal(name: "counter-7", role: .counter)

    private func open(_ params: GreenChannelOpen.Params, _ store: StoreDatabase, policy: LoadedPolicy? = nil) async throws -> GreenChannelOpen.Result {
        try await GreenChannelService.open(
            params, principal: Self.clerk, policy: try policy ?? StorePolicies.inline(), now: Date(), pool: store.pool)
    }

    private func count(_ store: StoreDatabase, _ sql: String) async throws -> Int {
        try await store.value(sql, as: Int.self)
    }

    @Test func openWritesTicketAuditAndTaskInOneTransaction() async throws {
        let store = try await StoreDatabase.make(script: Self.script)
        let opened = try await open(Self.params(), store)
        #expect(!opened.replayed)
        #expect(opened.status == "open")
        #expect(opened.entitlement == "claims_green_channel")
        #expect(opened.priority == 7)  // the grant's priority param beats the rule's 3
        #expect(opened.slaDueAt.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/) != nil)
        let id = String(opened.ticketId)
        let row = try await store.query { connection in
            try connection.execute(
                """
                SELECT t.principal, t.status, t.sla_due_at - t.opened_at = interval '24 hours', t.request_hash ~ '^[0-9a-f]{64}$',
                       a.principal, a.detail ->> 'entitlement', a.detail ->> 'key', (a.detail ->> 'customer')::bigint,
                       k.kind, k.status, k.due_at = t.sla_due_at, k.priority, (k.payload ->> 'ticket_id')::bigint, k.payload ->> 'branch',
                       t.xmin::text = a.xmin::text AND t.xmin::text = k.xmin::text
                FROM green_channel_tickets t
                JOIN audit_log a ON a.target_kind = 'green_channel_ticket' AND a.target_id = t.id::text AND a.action = 'greenchannel.open'
                JOIN tasks k ON k.idempotency_key = 'green_channel_sla:' || t.id AND k.customer_id = t.customer_id
                WHERE t.id = $1::bigint
                """, [Int64(id)!])[0]
        }
        #expect(try row.decode(0, as: String.self) == "counter-7")
        #expect(try row.decode(1, as: String.self) == "open")
        #expect(try row.decode(2, as: Bool.self))
        #expect(try row.decode(3, as: Bool.self))
        #expect(try row.decode(4, as: String.self) == "counter-7")
        #expect(try row.decode(5, as: String.self) == "claims_green_channel")
        #expect(try row.decode(6, as: String.self) == "k-1")
        #expect(try row.decode(7, as: Int64.self) == 1)
        #expect(try row.decode(8, as: String.self) == "green_channel_sla")
        #expect(try row.decode(9, as: String.self) == "pending")
        #expect(try row.decode(10, as: Bool.self))
        #expect(try row.decode(11, as: Int16.self) == 7)
        #expect(try row.decode(12, as: Int64.self) == opened.ticketId)
        #expect(try row.decode(13, as: String.self) == "SH01")
        #expect(try row.decode(14, as: Bool.self), "ticket, audit row and task come from one transaction")
        #expect(try await count(store, "SELECT count(*) FROM entitlement_uses") == 0)  // no quota on claims
        await store.close()
    }

    @Test func replayReturnsTheSameTicketEvenAfterTheEntitlementIsGone() async throws {
        let store = try await StoreDatabase.make(script: Self.script)
        let first = try await open(Self.params(), store)
        let second = try await open(Self.params(), store)
        #expect(second.ticketId == first.ticketId)
        #expect(second.replayed)
        #expect(second.entitlement == "claims_green_channel")
        #expect(second.slaDueAt == first.slaDueAt)
        try await store.run("UPDATE policies SET status = 'surrendered'")
        let third = try await open(Self.params(), store)
        #expect(third.ticketId == first.ticketId)
        #expect(third.replayed)
        #expect(try await count(store, "SELECT count(*) FROM green_channel_tickets") == 1)
        #expect(try await count(store, "SELECT count(*) FROM audit_log WHERE action = 'greenchannel.open'") == 1)
        #expect(try await count(store, "SELECT count(*) FROM tasks") == 1)
        await store.close()
    }

    @Test func sameKeyWithDifferentParamsIsAConflict() async throws {
        let store = try await StoreDatabase.make(script: Self.script)
        _ = try await open(Self.params(), store)
        await expectRPCError(.conflict) { _ = try await open(Self.params(note: "another"), store) }
        await expectRPCError(.conflict) { _ = try await open(Self.params(note: nil), store) }
        await expectRPCError(.conflict) { _ = try await open(Self.params(kind: "underwriting"), store) }
        #expect(try await count(store, "SELECT count(*) FROM green_channel_tickets") == 1)
        await store.close()
    }

    @Test func aCustomerWithoutTheEntitlementIsRefusedWithAReason() async throws {
        let store = try await StoreDatabase.make(script: Self.script)
        let reason = await notEntitledReason { _ = try await open(Self.params(customer: 5), store) }
        #expect(reason == "customer 5 holds none of: claims_green_channel, which open a claims green channel")
        #expect(try await count(store, "SELECT count(*) FROM green_channel_tickets") == 0)
        #expect(try await count(store, "SELECT count(*) FROM audit_log") == 0)
        await store.close()
    }

    @Test func aKindThePolicyDoesNotConfigureIsRefused() async throws {
        let store = try await StoreDatabase.make(script: Self.script)
        let policy = try StorePolicies.load([PolicySourceFileFixture.minimal])
        let reason = await notEntitledReason { _ = try await open(Self.params(kind: "underwriting"), store, policy: policy) }
        #expect(reason == "no entitlement opens a underwriting green channel")
        await store.close()
    }

    @Test func aUsedUpQuotaIsRefused() async throws {
        let store = try await StoreDatabase.make(script: Self.script)
        let first = try await open(Self.params(kind: "underwriting", key: "u-1"), store)
        #expect(first.entitlement == "underwriting_fast_lane")
        #expect(first.priority == 0)
        let grant = try await store.query { connection in
            try connection.execute(
                """
                SELECT g.customer_id, g.household_id, g.quota, g.uses, g.period_end - g.period_start BETWEEN 365 AND 366,
                       extract(doy FROM g.period_start)::int, u.ticket_id, u.idempotency_key
                FROM entitlement_grants g JOIN entitlement_uses u ON u.grant_id = g.id
                """)[0]
        }
        #expect(try grant.decode(0, as: Int64?.self) == 1)
        #expect(try grant.decode(1, as: Int64?.self) == nil)
        #expect(try grant.decode(2, as: Int.self) == 1)
        #expect(try grant.decode(3, as: Int.self) == 1)
        #expect(try grant.decode(4, as: Bool.self))
        #expect(try grant.decode(5, as: Int.self) == 1)
        #expect(try grant.decode(6, as: Int64.self) == first.ticketId)
        #expect(try grant.decode(7, as: String.self) == "u-1")
        let reason = await notEntitledReason { _ = try await open(Self.params(kind: "underwriting", key: "u-2"), store) }
        #expect(reason?.hasPrefix("quota used up") == true, "\(reason ?? "no reason")")
        // The replay of the first still works.
        #expect(try await open(Self.params(kind: "underwriting", key: "u-1"), store).replayed)
        #expect(try await count(store, "SELECT count(*) FROM green_channel_tickets") == 1)
        await store.close()
    }

    @Test func concurrentUsesOfAHouseholdQuotaStopAtTheQuota() async throws {
        let store = try await StoreDatabase.make(script: Self.script)
        let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<6 {
                group.addTask {
                    do {
                        _ = try await open(Self.params(customer: Int64(1 + index % 2), kind: "counter", key: "c-\(index)"), store)
                        return true
                    } catch let error as RPCError where error.code == .notEntitled {
                        return false
                    }
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 2)
        #expect(try await count(store, "SELECT count(*) FROM green_channel_tickets") == 2)
        #expect(try await count(store, "SELECT count(*) FROM tasks") == 2)
        #expect(try await count(store, "SELECT uses FROM entitlement_grants WHERE household_id = 1") == 2)
        await store.close()
    }

    @Test func concurrentOpensWithOneKeyMakeOneTicket() async throws {
        let store = try await StoreDatabase.make(script: Self.script)
        let policy = try StorePolicies.inline()
        let results = try await withThrowingTaskGroup(of: GreenChannelOpen.Result.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await GreenChannelService.open(
                        Self.params(kind: "underwriting", key: "same"), principal: Self.clerk, policy: policy, now: Date(), pool: store.pool)
                }
            }
            return try await group.reduce(into: [GreenChannelOpen.Result]()) { $0.append($1) }
        }
        #expect(Set(results.map(\.ticketId)).count == 1)
        #expect(results.filter { !$0.replayed }.count == 1)
        #expect(Set(results.map(\.entitlement)) == ["underwriting_fast_lane"])
        #expect(try await count(store, "SELECT count(*) FROM green_channel_tickets") == 1)
        #expect(try await count(store, "SELECT count(*) FROM audit_log") == 1)
        #expect(try await count(store, "SELECT count(*) FROM tasks") == 1)
        #expect(try await count(store, "SELECT count(*) FROM entitlement_uses") == 1)
        await store.close()
    }

    @Test func paramsAndPlacesAreChecked() async throws {
        let store = try await StoreDatabase.make(script: Self.script)
        await expectRPCError(.invalidParams, path: "params.kind") { _ = try await open(Self.params(kind: "vip"), store) }
        await expectRPCError(.invalidParams, path: "params.idempotency_key") { _ = try await open(Self.params(key: " "), store) }
        await expectRPCError(.invalidParams, path: "params.idempotency_key") {
            _ = try await open(Self.params(key: String(repeating: "k", count: 201)), store)
        }
        await expectRPCError(.invalidParams, path: "params.note") {
            _ = try await open(Self.params(note: String(repeating: "n", count: 2001)), store)
        }
        await expectRPCError(.invalidParams, path: "params.branch") { _ = try await open(Self.params(branch: "XX99"), store) }
        await expectRPCError(.invalidParams, path: "params.staff_id") { _ = try await open(Self.params(staff: 2), store) }
        await expectRPCError(.invalidParams, path: "params.staff_id") { _ = try await open(Self.params(staff: 999), store) }
        await expectRPCError(.forbidden) { _ = try await open(Self.params(customer: 3), store) }
        await expectRPCError(.notFound) { _ = try await open(Self.params(customer: 999), store) }
        #expect(try await count(store, "SELECT count(*) FROM green_channel_tickets") == 0)
        await store.close()
    }

    @Test func theBranchPolicyOpensAClaimsChannelForAVIP() async throws {
        let store = try await StoreDatabase.make(script: Self.script)
        let policy = try StorePolicies.branch()
        let rule = try #require(policy.set.settings.greenChannel("claims"))
        let opened = try await open(Self.params(), store, policy: policy)
        #expect(rule.entitlements.contains(opened.entitlement))
        // vip.yaml gives silver VIPs a 48-hour SLA; it names no priority.
        #expect(try await count(store, "SELECT count(*) FROM green_channel_tickets WHERE sla_due_at - opened_at = interval '48 hours'") == 1)
        #expect(opened.priority == rule.priority)
        let reason = await notEntitledReason { _ = try await open(Self.params(customer: 5, key: "k-2"), store, policy: policy) }
        #expect(reason?.contains("claims_green_channel") == true)
        await store.close()
    }
}

/// A set with no green-channel settings at all.
enum PolicySourceFileFixture {
    static let minimal = TierPolicy.PolicySourceFile(name: "minimal.yaml", text: """
        catalogue:
          - code: welcome_back
            name: {zh: 老客户专属入口, en: Welcome back}
            category: recognition
            unit_cost: 0
        entitlements:
          - grant: welcome_back
            when: history.purchases >= 1
            reason: Returning
        """)
}
