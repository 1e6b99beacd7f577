import Foundation
import Testing
import TierServer
import TierStore
import TierTestSupport
import TierWire

/// Closing and listing green-channel tickets.
@Suite struct StoreGreenChannelCloseListTests {
    private func opened(_ store: StoreDatabase) async throws -> GreenChannelOpen.Result {
        try await GreenChannelService.open(
            StoreGreenChannelTests.params(), principal: StoreGreenChannelTests.clerk, policy: try StorePolicies.inline(),
            now: Date(), pool: store.pool)
    }

    private func close(_ id: Int64, _ outcome: String, _ store: StoreDatabase) async throws -> GreenChannelTicket {
        try await GreenChannelService.close(
            GreenChannelClose.Params(ticketId: id, outcome: outcome, note: "done at the counter"),
            principal: Principal(name: "counter-8", role: .counter), pool: store.pool)
    }

    @Test func closeCompletesTheTaskAndIsIdempotent() async throws {
        let store = try await StoreDatabase.make(script: StoreGreenChannelTests.script)
        let ticket = try await opened(store)
        let closed = try await close(ticket.ticketId, "resolved", store)
        #expect(closed.ticketId == ticket.ticketId)
        #expect(closed.status == "closed")
        #expect(closed.closedAt != nil)
        #expect(closed.branch == "SH01")
        #expect(closed.staffId == 1)
        #expect(closed.note == "walk-in")
        #expect(closed.slaDueAt == ticket.slaDueAt)
        let task = try await store.query { connection in
            try connection.execute("SELECT status, outcome, completed_at IS NOT NULL FROM tasks")[0]
        }
        #expect(try task.decode(0, as: String.self) == "done")
        #expect(try task.decode(1, as: String?.self) == "ticket_closed")
        #expect(try task.decode(2, as: Bool.self))

        let again = try await close(ticket.ticketId, "resolved", store)
        #expect(again == closed)
        await expectRPCError(.conflict) { _ = try await close(ticket.ticketId, "cancelled", store) }
        await expectRPCError(.notFound) { _ = try await close(999, "resolved", store) }
        await expectRPCError(.invalidParams, path: "params.outcome") { _ = try await close(ticket.ticketId, "done", store) }
        let audits = try await store.query { connection in
            try connection.execute(
                "SELECT principal, detail ->> 'outcome' FROM audit_log WHERE action = 'greenchannel.close'"
            ).map { [try $0.decode(0, as: String.self), try $0.decode(1, as: String.self)] }
        }
        #expect(audits == [["counter-8", "resolved"]])
        await store.close()
    }

    @Test func cancelSetsCancelled() async throws {
        let store = try await StoreDatabase.make(script: StoreGreenChannelTests.script)
        let ticket = try await opened(store)
        let cancelled = try await close(ticket.ticketId, "cancelled", store)
        #expect(cancelled.status == "cancelled")
        #expect(cancelled.closedAt != nil)
        await expectRPCError(.conflict) { _ = try await close(ticket.ticketId, "resolved", store) }
        await store.close()
    }

    /// 40 tickets over two branches and three statuses, opened at only 6 distinct
    /// instants, so most pages end inside a tie broken by id.
    static let tickets = StoreGreenChannelTests.script + """
        INSERT INTO green_channel_tickets
            (customer_id, kind, branch_id, staff_id, idempotency_key, request_hash, status, priority, opened_at, sla_due_at, closed_at, principal)
        SELECT 1, 'claims', 1 + n % 2, 1, 'seed-' || n, 'h', s.status, n % 5,
               timestamptz '2026-11-01 08:00:00.123456+00' + (n % 6) * interval '1 hour',
               timestamptz '2026-11-03 08:00:00+00',
               CASE WHEN s.status = 'open' THEN NULL ELSE timestamptz '2026-11-02 08:00:00+00' END, 'seed'
        FROM generate_series(1, 40) n
        CROSS JOIN LATERAL (SELECT (ARRAY['open', 'closed', 'cancelled'])[1 + n % 3] AS status) s;
        """

    private func pages(_ params: GreenChannelList.Params, _ store: StoreDatabase) async throws -> [GreenChannelTicket] {
        var params = params
        var seen: [GreenChannelTicket] = []
        for _ in 0..<100 {
            let page = try await GreenChannelService.list(params, pool: store.pool)
            #expect(page.tickets.count <= params.limit ?? 100)
            seen += page.tickets
            guard let next = page.nextCursor else { return seen }
            #expect(!page.tickets.isEmpty)
            params.cursor = next
        }
        Issue.record("pagination did not end")
        return seen
    }

    private func expectedIds(_ store: StoreDatabase, _ filter: String) async throws -> [Int64] {
        try await store.query { connection in
            try connection.execute(
                "SELECT t.id FROM green_channel_tickets t JOIN branches b ON b.id = t.branch_id WHERE \(filter) ORDER BY t.opened_at DESC, t.id DESC"
            ).map { try $0.decode(0, as: Int64.self) }
        }
    }

    @Test func pagesVisitEveryTicketOnceNewestFirst() async throws {
        let store = try await StoreDatabase.make(script: Self.tickets)
        let all = try await pages(GreenChannelList.Params(limit: 7), store)
        #expect(all.map(\.ticketId) == (try await expectedIds(store, "true")))
        #expect(all.count == 40)
        let first = try #require(all.first)
        #expect(first.openedAt == "2026-11-01T13:00:00Z")
        #expect(first.slaDueAt == "2026-11-03T08:00:00Z")

        let filtered = try await pages(GreenChannelList.Params(branch: "SH02", status: "closed", limit: 3), store)
        #expect(filtered.map(\.ticketId) == (try await expectedIds(store, "b.code = 'SH02' AND t.status = 'closed'")))
        #expect(filtered.allSatisfy { $0.branch == "SH02" && $0.status == "closed" && $0.closedAt == "2026-11-02T08:00:00Z" })
        #expect(try await pages(GreenChannelList.Params(), store).count == 40)
        await store.close()
    }

    @Test func aTicketOpenedBetweenPagesShiftsNothing() async throws {
        let store = try await StoreDatabase.make(script: Self.tickets)
        let firstPage = try await GreenChannelService.list(GreenChannelList.Params(limit: 10), pool: store.pool)
        _ = try await opened(store)  // newer than everything listed so far
        let rest = try await pages(GreenChannelList.Params(cursor: firstPage.nextCursor, limit: 10), store)
        let ids = firstPage.tickets.map(\.ticketId) + rest.map(\.ticketId)
        #expect(ids.count == 40)
        #expect(Set(ids).count == 40)
        await store.close()
    }

    @Test func listParamsAreChecked() async throws {
        let store = try await StoreDatabase.make(script: Self.tickets)
        for limit in [0, -1, 1001] {
            await expectRPCError(.invalidParams, path: "params.limit") {
                _ = try await GreenChannelService.list(GreenChannelList.Params(limit: limit), pool: store.pool)
            }
        }
        for cursor in ["", "nonsense", "djF8eHx5", "!!"] {
            await expectRPCError(.invalidParams, path: "params.cursor") {
                _ = try await GreenChannelService.list(GreenChannelList.Params(cursor: cursor), pool: store.pool)
            }
        }
        await expectRPCError(.invalidParams, path: "params.status") {
            _ = try await GreenChannelService.list(GreenChannelList.Params(status: "lost"), pool: store.pool)
        }
        await expectRPCError(.notFound) {
            _ = try await GreenChannelService.list(GreenChannelList.Params(branch: "XX99"), pool: store.pool)
        }
        #expect(try await GreenChannelService.list(GreenChannelList.Params(limit: 1000), pool: store.pool).tickets.count == 40)
        await store.close()
    }
}
