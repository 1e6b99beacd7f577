import Foundation
import TierStore
import TierWire

extension TaskQueue {
    /// Finishes a leased task as `done` with its outcome (and, for a revisit, the
    /// churn reason, one of the policy's `settings.revisits.churn_reasons`). The
    /// lease must be the caller's: a lease that expired but was not yet reaped still
    /// is, since no one else can hold the task (see ``TaskRow/isLeased(to:)``).
    /// Completing again with the same token, outcome and churn reason returns the
    /// same state and audits nothing; anything else on a finished task is a `conflict`.
    public static func complete(
        _ params: TasksComplete.Params, principal: Principal, policy: LoadedPolicy, pool: PGPool
    ) async throws -> TaskState {
        let completion = try Completion(params, churnReasons: policy.set.settings.churnReasons)
        return try await pool.transaction { connection in
            let task = try TaskRow.locked(completion.taskId, on: connection)
            if completion.isRecorded(in: task) { return task.state }
            guard task.isLeased(to: completion.token) else { throw task.refusal(for: completion.token) }
            try completion.check(kind: task.kind)
            let done = try finish(completion, on: connection)
            try auditCompletion(completion, done, by: principal, on: connection)
            return done.state
        }
    }

    /// Marks the task done. The lease owner and token stay: they say who finished
    /// it, and the token is how a retried completion is recognised.
    private static func finish(_ completion: Completion, on connection: PGConnection) throws -> TaskRow {
        let rows = try connection.executePrepared(
            """
            UPDATE tasks
            SET status = 'done', outcome = $2::text, churn_reason = $3::text, note = $4::text,
                completed_at = now(), lease_expires_at = NULL
            WHERE id = $1::bigint
            RETURNING \(TaskRow.columns)
            """, [completion.taskId, completion.outcome, completion.churnReason, completion.note])
        return try TaskRow(rows[0])
    }

    private static func auditCompletion(_ completion: Completion, _ task: TaskRow, by principal: Principal, on connection: PGConnection) throws {
        var detail: [String: JSONValue] = [
            "kind": .string(task.kind), "outcome": .string(completion.outcome), "attempts": .int(Int64(task.attempts)),
        ]
        if let worker = task.leaseOwner { detail["worker"] = .string(worker) }
        if let reason = completion.churnReason { detail["churn_reason"] = .string(reason) }
        try AuditLog.record("tasks.complete", by: principal.name, target: "task", String(task.id), detail: detail, on: connection)
    }
}
