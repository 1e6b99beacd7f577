import Foundation
import TierStore
import TierWire

extension GreenChannelService {
    static let statuses = ["open", "in_progress", "closed", "cancelled"]

    /// Tickets newest first (`opened_at` then id, descending), filtered by branch code
    /// and status, a page at a time. The cursor is the last row's exact key, so rows
    /// opened meanwhile never shift a page.
    public static func list(_ params: GreenChannelList.Params, pool: PGPool) async throws -> GreenChannelList.Result {
        let limit = try PageLimit.resolve(params.limit)
        if let status = params.status, !statuses.contains(status) {
            throw RPCError.invalidParams(path: "params.status", "status is one of \(statuses.joined(separator: ", ")), not '\(status)'")
        }
        let after = try params.cursor.map(decodeCursor)
        return try await pool.withConnection { connection in
            let branchId = try params.branch.map { try BranchLookup.id(code: $0, on: connection) }
            let rows = try connection.executePrepared(
                """
                SELECT \(GreenChannelTicketRow.columns)
                FROM green_channel_tickets t JOIN branches b ON b.id = t.branch_id
                WHERE ($1::bigint IS NULL OR t.branch_id = $1::bigint) AND ($2::text IS NULL OR t.status = $2::text)
                  AND ($3::timestamptz IS NULL OR (t.opened_at, t.id) < ($3::timestamptz, $4::bigint))
                ORDER BY t.opened_at DESC, t.id DESC
                LIMIT $5::bigint
                """, [branchId, params.status, after?.openedAt, after?.id, Int64(limit + 1)])
            let page = try rows.prefix(limit).map(GreenChannelTicketRow.ticket)
            var next: String?
            if rows.count > limit {
                let last = rows[limit - 1]
                next = PageCursor.encode([try GreenChannelTicketRow.openedKey(last), String(try last.decode(0, as: Int64.self))])
            }
            return GreenChannelList.Result(tickets: page, nextCursor: next)
        }
    }

    private static func decodeCursor(_ cursor: String) throws(RPCError) -> (openedAt: String, id: Int64) {
        guard let parts = PageCursor.decode(cursor, parts: 2), (try? Date.pgDecode(parts[0], type: .timestamptz)) != nil,
              let id = Int64(parts[1]) else {
            throw RPCError.invalidParams(path: "params.cursor", "cursor is not one this method returned")
        }
        return (parts[0], id)
    }
}
