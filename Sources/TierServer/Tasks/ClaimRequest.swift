import Foundation
import TierStore
import TierWire

/// `tasks.claim` params, checked, and the one statement that leases the tasks.
struct ClaimRequest: Sendable {
    var worker: String
    var kinds: [String]?
    var branch: String?
    var limit: Int
    var leaseSeconds: Int

    /// Checks the params; `invalid_params` names the first field that does not fit.
    init(_ params: TasksClaim.Params) throws(RPCError) {
        worker = try FieldCheck.text(params.worker, "worker", maximum: 200)
        kinds = try TaskParams.kinds(params.kinds)
        branch = params.branch
        limit = try TaskParams.limit(params.limit)
        leaseSeconds = try TaskParams.leaseSeconds(params.leaseSeconds)
    }

    /// Leases up to `limit` due pending tasks (of the kinds, of customers of the
    /// branch), most urgent first. `SKIP LOCKED` passes over rows another claim is
    /// taking, so concurrent claims (of any daemon) never get the same task; a row
    /// another claim leased meanwhile fails the re-checked `status` and is left out.
    func lease(branchId: Int64?, on connection: PGConnection) throws -> [ClaimedTask] {
        var parameters: PGParameters = [worker, Int64(leaseSeconds), Int64(limit)]
        // A pending task whose attempts are used up cannot be leased (tasks_attempts_check);
        // leaving it out keeps one bad row from failing every claim.
        var filters = ["status = 'pending'", "due_at <= now()", "attempts < max_attempts"]
        if let kinds {
            parameters.append(kinds)
            filters.append("kind = ANY($\(parameters.count)::text[])")
        }
        if let branchId {
            parameters.append(branchId)
            filters.append("customer_id IN (SELECT c.id FROM customers c WHERE c.branch_id = $\(parameters.count)::bigint)")
        }
        let rows = try connection.executePrepared(Self.sql(filters), parameters)
        return try rows.map(Self.claimedTask)
    }

    /// The claim statement for these filters (only the filters vary, so each shape is
    /// prepared once per connection and planned for what it filters on).
    private static func sql(_ filters: [String]) -> String {
        """
        WITH picked AS (
            SELECT id FROM tasks
            WHERE \(filters.joined(separator: " AND "))
            ORDER BY priority DESC, due_at, id
            LIMIT $3::bigint
            FOR UPDATE SKIP LOCKED
        ), leased AS (
            UPDATE tasks t
            SET status = 'leased', attempts = t.attempts + 1, lease_owner = $1::text, lease_token = gen_random_uuid(),
                lease_expires_at = now() + $2::bigint * interval '1 second'
            FROM picked WHERE t.id = picked.id
            RETURNING t.id, t.kind, t.customer_id, t.payload, t.priority, t.due_at, t.attempts, t.lease_token, t.lease_expires_at
        )
        SELECT * FROM leased ORDER BY priority DESC, due_at, id
        """
    }

    private static func claimedTask(_ row: PGRow) throws -> ClaimedTask {
        let token: UUID = try row.decode(7)
        return ClaimedTask(
            taskId: try row.decode(0), kind: try row.decode(1), customerId: try row.decode(2),
            payload: try row.decode(3, as: PGJSON.self).decode([String: JSONValue].self),
            priority: Int(try row.decode(4, as: Int16.self)), dueAt: WireTime.format(try row.decode(5)),
            attempts: try row.decode(6), leaseToken: token.uuidString.lowercased(),
            leaseExpiresAt: WireTime.format(try row.decode(8)))
    }
}
