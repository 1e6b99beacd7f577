import TierStore
import TierWire

extension GreenChannelService {
    /// Closes (`resolved`) or cancels (`cancelled`) a ticket and completes its SLA
    /// task. Closing again with the same outcome returns the ticket unchanged (and
    /// audits nothing); with the other outcome it is a `conflict`.
    public static func close(_ params: GreenChannelClose.Params, principal: Principal, pool: PGPool) async throws -> GreenChannelTicket {
        let target = try closedStatus(params)
        return try await pool.transaction { connection in
            let select = "SELECT \(GreenChannelTicketRow.columns) FROM green_channel_tickets t JOIN branches b ON b.id = t.branch_id WHERE t.id = $1::bigint"
            guard let row = try connection.executePrepared(select + " FOR UPDATE OF t", [params.ticketId]).first else {
                throw RPCError.notFound("no green channel ticket \(params.ticketId)")
            }
            let ticket = try GreenChannelTicketRow.ticket(row)
            if ticket.status == "closed" || ticket.status == "cancelled" {
                guard ticket.status == target else {
                    throw RPCError.conflict("ticket \(params.ticketId) is already \(ticket.status)")
                }
                return ticket
            }
            try finish(params, status: target, principal: principal, on: connection)
            return try GreenChannelTicketRow.ticket(connection.executePrepared(select, [params.ticketId])[0])
        }
    }

    /// The status an outcome closes with, or `invalid_params`.
    private static func closedStatus(_ params: GreenChannelClose.Params) throws(RPCError) -> String {
        if let note = params.note, note.count > GreenChannelRequest.longestNote {
            throw RPCError.invalidParams(path: "params.note", "note is at most \(GreenChannelRequest.longestNote) characters")
        }
        switch params.outcome {
        case "resolved": return "closed"
        case "cancelled": return "cancelled"
        default: throw RPCError.invalidParams(path: "params.outcome", "outcome is resolved or cancelled, not '\(params.outcome)'")
        }
    }

    /// Updates the ticket, completes its SLA task and audits, in the caller's transaction.
    /// The close note goes to the audit row: the ticket's note stays the counter's.
    private static func finish(_ params: GreenChannelClose.Params, status: String, principal: Principal, on connection: PGConnection) throws {
        try connection.executePrepared(
            """
            UPDATE green_channel_tickets SET status = $2::text, closed_at = greatest(now(), opened_at)
            WHERE id = $1::bigint
            """, [params.ticketId, status])
        // A leased task is completed too: its worker's lease token no longer matches,
        // so it cannot raise an SLA alert for a ticket that is closed.
        try connection.executePrepared(
            """
            UPDATE tasks SET status = 'done', completed_at = now(), outcome = 'ticket_closed',
                   lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL
            WHERE idempotency_key = $1::text AND status IN ('pending', 'leased')
            """, ["green_channel_sla:\(params.ticketId)"])
        var detail: [String: JSONValue] = ["outcome": .string(params.outcome), "status": .string(status)]
        if let note = params.note { detail["note"] = .string(note) }
        try AuditLog.record("greenchannel.close", by: principal.name, target: "green_channel_ticket", String(params.ticketId),
                            detail: detail, on: connection)
    }
}
