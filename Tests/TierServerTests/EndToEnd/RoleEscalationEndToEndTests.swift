import Foundation
import Testing
import TierClient
import TierServer
import TierStore
import TierWire
import TierTestSupport

/// Attempts to do more than a token allows: other roles' methods, choosing a role at
/// hello, keeping a session through a failed hello, and staff serving themselves.
@Suite(.serialized) struct RoleEscalationEndToEndTests {
    /// Rows that any write would add to.
    static func writeCounts(_ daemon: DaemonHarness) async throws -> [Int] {
        try await daemon.query { connection in
            try ["audit_log", "customers", "policies", "employee_family_members", "green_channel_tickets", "tasks", "job_runs"].map {
                try connection.execute("SELECT count(*) FROM \($0)").scalar(Int.self)
            }
        }
    }

    @Test func everyMethodOutsideARoleIsForbiddenAndChangesNothing() async throws {
        try await withDaemon(customers: 40) { daemon in
            let before = try await Self.writeCounts(daemon)
            let examples = try SQLInjectionEndToEndTests.examples()
            var checked = 0
            for role in Role.allCases {
                let client = try await daemon.client(role)
                for (method, params) in examples {
                    guard let entry = MethodCatalog.entry(named: method), !entry.roles.contains(role) else { continue }
                    await expectRPCError(.forbidden) { _ = try await client.callRaw(method: method, params: params) }
                    checked += 1
                }
                await client.close()
            }
            #expect(checked > 20)
            #expect(try await Self.writeCounts(daemon) == before)
        }
    }

    @Test func aHelloCannotChooseItsRoleAndAFailedHelloEndsTheSession() async throws {
        try await withDaemon(customers: 20) { daemon in
            let raw = try await TierRawConnection.connect(to: daemon.tcp)
            try await raw.sendLine(
                #"{"jsonrpc":"2.0","id":1,"method":"session.hello","params":{"token":"\#(daemon.tokens[.counter]!)","role":"admin","principal":"test-admin"}}"#)
            let hello = try await raw.nextText(timeout: .seconds(10 * testWaitScale))
            #expect(hello.contains(#""role":"counter""#) || hello.contains(#""code":"invalid_params""#), "\(hello)")
            #expect(!hello.contains(#""role":"admin""#))
            try await raw.sendLine(#"{"jsonrpc":"2.0","id":2,"method":"policy.reload"}"#)
            #expect(try await raw.nextText(timeout: .seconds(10 * testWaitScale)).contains(#""code":"forbidden""#))

            // A failed hello on an authenticated connection does not keep the old session.
            let counter = try await daemon.client(.counter)
            await expectRPCError(.unauthenticated) { _ = try await counter.hello(token: "tdk_" + String(repeating: "a", count: 80)) }
            await expectRPCError(.unauthenticated) { _ = try await counter.call(EntitlementsGet.self, .init(customerId: 1)) }
            await counter.close()
            await raw.close()
        }
    }

    @Test func staffCannotMakeThemselvesFamilyOrServeThemselves() async throws {
        try await withDaemon(customers: 200) { daemon in
            let (employeeNo, employeeId, ownCustomer, branch, stranger) = try await daemon.query { connection in
                let row = try connection.execute(
                    """
                    SELECT e.employee_no, e.id, e.customer_id, b.code,
                           (SELECT c.id FROM customers c
                            WHERE NOT EXISTS (SELECT 1 FROM employees x WHERE x.customer_id = c.id)
                              AND NOT EXISTS (SELECT 1 FROM employee_family_members f WHERE f.customer_id = c.id)
                            ORDER BY c.id LIMIT 1)
                    FROM employees e JOIN branches b ON b.id = e.branch_id
                    WHERE e.left_on IS NULL ORDER BY e.id LIMIT 1
                    """)[0]
                return (try row.decode(0, as: String.self), try row.decode(1, as: Int64.self), try row.decode(2, as: Int64.self),
                        try row.decode(3, as: String.self), try row.decode(4, as: Int64.self))
            }
            let before = try await Self.writeCounts(daemon)
            // At the counter, staff hold a counter token: no fact may be written with it.
            let counter = try await daemon.client(.counter)
            await expectRPCError(.forbidden) {
                _ = try await counter.call(FactsFamilyLink.self, .init(employeeNo: employeeNo, customerId: stranger, relation: "spouse"))
            }
            await expectRPCError(.forbidden) {
                _ = try await counter.call(FactsCustomerUpsert.self, .init(externalId: "SELF-1", name: "自己", branch: branch))
            }
            // Nor open a green channel for their own customer record.
            await expectRPCError(.forbidden) {
                _ = try await counter.call(GreenChannelOpen.self, .init(
                    customerId: ownCustomer, kind: "claims", branch: branch, staffId: employeeId, idempotencyKey: "self-serve"))
            }
            #expect(try await Self.writeCounts(daemon) == before)

            // Through the policy admin system, an employee cannot be their own family member.
            let admin = try await daemon.client(.policyAdmin)
            await expectRPCError(.invalidParams, path: "params.customer_id") {
                _ = try await admin.call(FactsFamilyLink.self, .init(employeeNo: employeeNo, customerId: ownCustomer, relation: "spouse"))
            }
            // A real registration is allowed, and audited under the client that made it.
            let linked = try await admin.call(FactsFamilyLink.self, .init(employeeNo: employeeNo, customerId: stranger, relation: "spouse"))
            #expect(linked.created)
            let audited = try await daemon.query { connection in
                try connection.execute(
                    "SELECT principal FROM audit_log WHERE action = 'facts.family.link' ORDER BY id DESC LIMIT 1").scalar(String.self)
            }
            #expect(audited == "test-policy_admin")
            await counter.close()
            await admin.close()
        }
    }
}
