import Foundation
import TierStore
import TierWire

/// Reading tickets as the protocol shows them.
enum GreenChannelTicketRow {
    /// The columns ``ticket(_:)`` reads, for `FROM green_channel_tickets t JOIN branches b ON b.id = t.branch_id`.
    static let columns = """
        t.id, t.customer_id, t.kind, b.code, t.staff_id, t.status, t.priority, t.sla_due_at, t.opened_at,
        t.closed_at, t.note, t.opened_at::text AS opened_key
        """

    static func ticket(_ row: PGRow) throws -> GreenChannelTicket {
        GreenChannelTicket(
            ticketId: try row.decode(0), customerId: try row.decode(1), kind: try row.decode(2), branch: try row.decode(3),
            staffId: try row.decode(4), status: try row.decode(5), priority: Int(try row.decode(6, as: Int16.self)),
            slaDueAt: WireTime.format(try row.decode(7, as: Date.self)),
            openedAt: WireTime.format(try row.decode(8, as: Date.self)),
            closedAt: try row.decode(9, as: Date?.self).map(WireTime.format), note: try row.decode(10))
    }

    /// The exact `opened_at` (database text, microseconds and offset), for cursors.
    static func openedKey(_ row: PGRow) throws -> String {
        try row.decode(11)
    }
}
