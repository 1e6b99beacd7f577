import Foundation
import Testing
import TierClient
import TierServer
import TierStore
import TierWire

@Suite(.serialized) struct GreenChannelEndToEndTests {
    struct Staff: Sendable {
        var employeeId: Int64
        var customerId: Int64
        var branch: String
    }

    /// An active employee and their branch's code.
    private func staff(_ daemon: DaemonHarness) async throws -> Staff {
        try await daemon.query { connection in
            let row = try connection.execute(
                """
                SELECT e.id, e.customer_id, b.code FROM employees e JOIN branches b ON b.id = e.branch_id
                WHERE e.left_on IS NULL ORDER BY e.id LIMIT 1
                """)[0]
            return Staff(employeeId: try row.decode(0), customerId: try row.decode(1), branch: try row.decode(2))
        }
    }

    /// The first customers (not `except`) that do and do not hold the entitlement.
    private func customers(
        holding code: String, _ client: TierClient, except: Int64
    ) async throws -> (entitled: Int64, notEntitled: Int64) {
        var entitled: Int64?
        var notEntitled: Int64?
        for customer in Int64(1)...400 where customer != except {
            let result = try await client.call(EntitlementsGet.self, .init(customerId: customer, channel: "counter"))
            if result.entitlements.contains(where: { $0.code == code }) {
                entitled = entitled ?? customer
            } else {
                notEntitled = notEntitled ?? customer
            }
            if entitled != nil, notEntitled != nil { break }
        }
        return (try #require(entitled, "no customer holds \(code)"), try #require(notEntitled))
    }

    @Test func openIsIdempotentAuditedAndRefusedWithoutEntitlement() async throws {
        try await withDaemon(customers: 400) { daemon in
            let counter = try await daemon.client(.counter)
            let clerk = try await staff(daemon)
            let (vip, ordinary) = try await customers(holding: "claims_green_channel", counter, except: clerk.customerId)
            let params = GreenChannelOpen.Params(
                customerId: vip, kind: "claims", branch: clerk.branch, staffId: clerk.employeeId, idempotencyKey: "ci-claims-1",
                note: "double-clicked")
            let first = try await counter.call(GreenChannelOpen.self, params)
            let second = try await counter.call(GreenChannelOpen.self, params)
            #expect(first.ticketId == second.ticketId)
            #expect(first.replayed == false)
            #expect(second.replayed == true)
            #expect(first.status == "open")
            #expect(first.entitlement == "claims_green_channel")
            #expect(WireTime.parseTimestamp(first.slaDueAt) != nil)

            var changed = params
            changed.note = "another request"
            await expectRPCError(.conflict) { _ = try await counter.call(GreenChannelOpen.self, changed) }

            do {
                var refused = params
                refused.customerId = ordinary
                refused.idempotencyKey = "ci-claims-2"
                _ = try await counter.call(GreenChannelOpen.self, refused)
                Issue.record("a customer without the entitlement got a green channel")
            } catch let error as RPCError {
                #expect(error.code == .notEntitled)
                guard case .string(let reason)? = error.data["reason"] else {
                    Issue.record("not_entitled without a reason: \(error)")
                    return
                }
                #expect(reason.contains("claims_green_channel"))
            }

            let ticket = first.ticketId
            let rows = try await daemon.query { connection in
                (
                    try connection.execute("SELECT count(*) FROM green_channel_tickets WHERE idempotency_key = 'ci-claims-1'").scalar(Int.self),
                    try connection.execute(
                        "SELECT count(*) FROM audit_log WHERE action = 'greenchannel.open' AND principal = 'test-counter' AND target_id = $1",
                        [String(ticket)]).scalar(Int.self),
                    try connection.execute(
                        "SELECT count(*) FROM tasks WHERE kind = 'green_channel_sla' AND customer_id = $1", [vip]).scalar(Int.self)
                )
            }
            #expect(rows.0 == 1)
            #expect(rows.1 == 1)
            #expect(rows.2 == 1)

            let closed = try await counter.call(GreenChannelClose.self, .init(ticketId: ticket, outcome: "resolved"))
            #expect(closed.status == "closed")
            #expect(closed.closedAt != nil)
            let listed = try await counter.call(GreenChannelList.self, .init(branch: clerk.branch, status: "closed"))
            #expect(listed.tickets.map(\.ticketId) == [ticket])
            await counter.close()
        }
    }
}
