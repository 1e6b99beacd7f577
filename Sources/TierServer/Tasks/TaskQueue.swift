import Foundation
import TierStore
import TierWire

/// The follow-up task queue (`tasks.claim`, `tasks.heartbeat`, `tasks.complete`,
/// `tasks.fail`) over the `tasks` table, shared by every daemon on the database.
///
/// A claim leases tasks under a fresh fencing token (`lease_token`); heartbeat,
/// complete and fail must present it, so a worker whose lease was taken over is
/// refused (`conflict`) instead of finishing the task twice. Each call is one
/// statement or one short transaction, and every state change is audited in it.
public enum TaskQueue {
    /// The principal recorded for changes the daemon makes on its own (the periodic reaper).
    public static let daemonPrincipal = "tierd"

    /// Leases up to `limit` due tasks to `params.worker`, most urgent first
    /// (priority descending, then due time). Expired leases are reaped first, so a
    /// crashed worker's tasks are handed out again. Audits `tasks.claim` with the ids
    /// when it leased any (an empty poll changes nothing, so it leaves no row).
    public static func claim(_ params: TasksClaim.Params, principal: Principal, pool: PGPool) async throws -> TasksClaim.Result {
        let request = try ClaimRequest(params)
        let claimed = try await pool.transaction { (connection: PGConnection) -> [ClaimedTask] in
            let branchId = try request.branch.map { code in try lookUpBranch(code, on: connection) }
            try reap(by: principal.name, on: connection)
            let leased = try request.lease(branchId: branchId, on: connection)
            if !leased.isEmpty { try auditClaim(request, leased, by: principal, on: connection) }
            return leased
        }
        return TasksClaim.Result(tasks: claimed)
    }

    /// Returns expired leases to pending, or makes them `dead` when their attempts
    /// are used up; audits `tasks.reap` as `principal`. Returns how many it changed.
    /// Claims do this too; a periodic job calls it so tasks nobody claims get their
    /// final state and `tasks.available` is announced for the pending ones.
    @discardableResult
    public static func reapExpired(pool: PGPool, by principal: String = daemonPrincipal) async throws -> Int {
        try await pool.transaction { connection in try reap(by: principal, on: connection) }
    }

    /// The reap, in the caller's transaction. `SKIP LOCKED` leaves alone a lease a
    /// worker is completing or failing right now.
    @discardableResult
    static func reap(by principal: String, on connection: PGConnection) throws -> Int {
        let rows = try connection.executePrepared(
            """
            WITH expired AS (
                SELECT id, lease_owner FROM tasks
                WHERE status = 'leased' AND lease_expires_at < now()
                FOR UPDATE SKIP LOCKED
            )
            UPDATE tasks t
            SET status = CASE WHEN t.attempts >= t.max_attempts THEN 'dead' ELSE 'pending' END,
                completed_at = CASE WHEN t.attempts >= t.max_attempts THEN now() END,
                error = CASE WHEN t.attempts >= t.max_attempts
                             THEN format('the lease of %s expired on the last attempt (%s of %s)', expired.lease_owner, t.attempts, t.max_attempts)
                             ELSE t.error END,
                lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL
            FROM expired WHERE t.id = expired.id
            RETURNING t.id, t.status
            """)
        guard !rows.isEmpty else { return 0 }
        var byStatus: [String: [JSONValue]] = [:]
        for row in rows { byStatus[try row.decode(1), default: []].append(.int(try row.decode(0))) }
        try AuditLog.record(
            "tasks.reap", by: principal, target: "tasks", "expired_leases",
            detail: ["pending": .array(byStatus["pending"] ?? []), "dead": .array(byStatus["dead"] ?? [])], on: connection)
        return rows.count
    }

    /// The id of a branch; unknown is `invalid_params` (it is a filter the caller wrote).
    private static func lookUpBranch(_ code: String, on connection: PGConnection) throws -> Int64 {
        do {
            return try BranchLookup.id(code: code, on: connection)
        } catch let error as RPCError where error.code == .notFound {
            throw RPCError.invalidParams(path: "params.branch", "no branch with code '\(code)'")
        }
    }

    private static func auditClaim(_ request: ClaimRequest, _ tasks: [ClaimedTask], by principal: Principal, on connection: PGConnection) throws {
        var detail: [String: JSONValue] = [
            "task_ids": .array(tasks.map { .int($0.taskId) }), "lease_seconds": .int(Int64(request.leaseSeconds)),
        ]
        if let kinds = request.kinds { detail["kinds"] = .array(kinds.map(JSONValue.string)) }
        if let branch = request.branch { detail["branch"] = .string(branch) }
        try AuditLog.record("tasks.claim", by: principal.name, target: "worker", request.worker, detail: detail, on: connection)
    }
}
