import Foundation
import TierStore
import TierWire

extension TaskQueue {
    /// Extends the caller's lease to `lease_seconds` from now. Unlike completion, an
    /// expired lease cannot be extended: the worker missed its deadline and must stop,
    /// since any claim may now hand the task out again. Not audited: it changes no state.
    public static func heartbeat(_ params: TasksHeartbeat.Params, principal: Principal, pool: PGPool) async throws -> TaskState {
        let token = try TaskParams.leaseToken(params.leaseToken)
        let seconds = try TaskParams.leaseSeconds(params.leaseSeconds)
        return try await pool.withConnection { connection in
            let rows = try connection.executePrepared(
                """
                UPDATE tasks SET lease_expires_at = now() + $3::bigint * interval '1 second'
                WHERE id = $1::bigint AND status = 'leased' AND lease_token = $2::uuid AND lease_expires_at >= now()
                RETURNING \(TaskRow.columns)
                """, [params.taskId, token, Int64(seconds)])
            if let row = rows.first { return try TaskRow(row).state }
            throw try TaskRow.current(params.taskId, on: connection).refusal(for: token)
        }
    }

    /// Gives a leased task back after a failed attempt, recording `error`. With
    /// attempts left it is pending again from `retry_at` (which must be in the
    /// future) or after a back-off of 30 s doubling per attempt, at most an hour;
    /// otherwise it is `dead`. The lease rule is complete's. Audits `tasks.fail`.
    public static func fail(_ params: TasksFail.Params, principal: Principal, pool: PGPool) async throws -> TaskState {
        let token = try TaskParams.leaseToken(params.leaseToken)
        let error = try FieldCheck.text(params.error, "error", maximum: TaskParams.longestText)
        let retryAt = try TaskParams.retryAt(params.retryAt, after: Date())
        return try await pool.transaction { connection in
            let task = try TaskRow.locked(params.taskId, on: connection)
            guard task.isLeased(to: token) else { throw task.refusal(for: token) }
            let failed = try task.attempts < task.maxAttempts
                ? requeue(task, error: error, at: retryAt, on: connection)
                : bury(task, error: error, on: connection)
            try auditFailure(failed, error: error, worker: task.leaseOwner, by: principal, on: connection)
            return failed.state
        }
    }

    private static func requeue(_ task: TaskRow, error: String, at retryAt: Date?, on connection: PGConnection) throws -> TaskRow {
        let rows = try connection.executePrepared(
            """
            UPDATE tasks
            SET status = 'pending', error = $2::text, due_at = coalesce($3::timestamptz, now() + $4::bigint * interval '1 second'),
                lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL
            WHERE id = $1::bigint
            RETURNING \(TaskRow.columns)
            """, [task.id, error, retryAt, Int64(TaskParams.backoffSeconds(afterAttempt: task.attempts))])
        return try TaskRow(rows[0])
    }

    /// The last attempt failed: `dead`. Owner and token stay, saying whose attempt it was.
    private static func bury(_ task: TaskRow, error: String, on connection: PGConnection) throws -> TaskRow {
        let rows = try connection.executePrepared(
            """
            UPDATE tasks SET status = 'dead', error = $2::text, completed_at = now(), lease_expires_at = NULL
            WHERE id = $1::bigint
            RETURNING \(TaskRow.columns)
            """, [task.id, error])
        return try TaskRow(rows[0])
    }

    private static func auditFailure(
        _ task: TaskRow, error: String, worker: String?, by principal: Principal, on connection: PGConnection
    ) throws {
        var detail: [String: JSONValue] = [
            "kind": .string(task.kind), "error": .string(error), "status": .string(task.status), "attempts": .int(Int64(task.attempts)),
        ]
        if let worker { detail["worker"] = .string(worker) }
        if task.status == "pending" { detail["due_at"] = .string(WireTime.format(task.dueAt)) }
        try AuditLog.record("tasks.fail", by: principal.name, target: "task", String(task.id), detail: detail, on: connection)
    }
}
