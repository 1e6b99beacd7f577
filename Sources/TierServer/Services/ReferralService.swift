import Foundation
import TierStore
import TierWire

/// `referrals.account`: an employee's referral reward account.
public enum ReferralService {
    /// The account's totals and one page of entries, newest first (by id).
    public static func account(_ params: ReferralsAccount.Params, pool: PGPool) async throws -> ReferralsAccount.Result {
        let limit = try PageLimit.resolve(params.limit)
        let before = try params.cursor.map(decodeCursor)
        return try await pool.withConnection { connection in
            let head = try connection.executePrepared(
                """
                SELECT e.employee_no,
                       coalesce(sum(r.amount) FILTER (WHERE r.kind = 'accrual'), 0)::text,
                       coalesce(sum(r.amount) FILTER (WHERE r.kind = 'clawback'), 0)::text,
                       coalesce(sum(r.amount), 0)::text
                FROM employees e LEFT JOIN referral_commissions r ON r.employee_id = e.id
                WHERE e.id = $1::bigint GROUP BY e.id
                """, [params.employeeId])
            guard let totals = head.first else { throw RPCError.notFound("no employee \(params.employeeId)") }
            let rows = try connection.executePrepared(
                """
                SELECT r.id, r.kind, r.amount::text, p.policy_no, p.customer_id, p.selling_agent_id, r.complaint_id,
                       r.reason, r.created_at
                FROM referral_commissions r JOIN policies p ON p.id = r.policy_id
                WHERE r.employee_id = $1::bigint AND ($2::bigint IS NULL OR r.id < $2::bigint)
                ORDER BY r.id DESC LIMIT $3::bigint
                """, [params.employeeId, before, Int64(limit + 1)])
            let entries = try rows.map { row in
                ReferralEntry(
                    id: try row.decode(0), kind: try row.decode(1), amount: try row.decode(2), policyNo: try row.decode(3),
                    customerId: try row.decode(4), sellingAgentId: try row.decode(5), complaintId: try row.decode(6),
                    reason: try row.decode(7), createdAt: WireTime.format(try row.decode(8, as: Date.self)))
            }
            let page = Array(entries.prefix(limit))
            return ReferralsAccount.Result(
                employeeId: params.employeeId, employeeNo: try totals.decode(0), accrued: try totals.decode(1),
                clawedBack: try totals.decode(2), balance: try totals.decode(3), entries: page,
                nextCursor: entries.count > limit ? page.last.map { PageCursor.encode([String($0.id)]) } : nil)
        }
    }

    private static func decodeCursor(_ cursor: String) throws(RPCError) -> Int64 {
        guard let parts = PageCursor.decode(cursor, parts: 1), let id = Int64(parts[0]) else {
            throw RPCError.invalidParams(path: "params.cursor", "cursor is not one this method returned")
        }
        return id
    }
}
