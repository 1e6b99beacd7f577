import Foundation
import TierStore

/// Escalates green-channel tickets past their SLA: one `sla_escalation` task per
/// open or in-progress ticket whose `sla_due_at` is before the context's now.
/// Idempotent by the task key `sla_escalation:<ticket_id>`, so a ticket is escalated
/// once however often the job runs. Counts: `overdue` (tickets past due now) and
/// `escalated` (tasks this run made).
public struct SLAJob: PeriodicJob {
    public static let name = "sla"
    /// The escalation tasks' priority: above routine follow-ups.
    public static let priority: Int16 = 80

    public init() {}

    public func run(lease: JobLease, context: JobContext, on connection: PGConnection) throws -> [String: Int] {
        let row = try connection.executePrepared(
            """
            WITH overdue AS (
                SELECT id, customer_id, branch_id, sla_due_at FROM green_channel_tickets
                WHERE status IN ('open', 'in_progress') AND sla_due_at < $1::timestamptz
            ), escalated AS (
                INSERT INTO tasks (kind, customer_id, payload, priority, idempotency_key)
                SELECT 'sla_escalation', customer_id,
                       jsonb_build_object('ticket_id', id, 'branch_id', branch_id, 'sla_due_at', sla_due_at),
                       $2::smallint, 'sla_escalation:' || id
                FROM overdue ORDER BY id
                ON CONFLICT ON CONSTRAINT tasks_idempotency_key_key DO NOTHING
                RETURNING id
            )
            SELECT (SELECT count(*) FROM overdue), (SELECT count(*) FROM escalated)
            """, [context.now, Self.priority])[0]
        return ["overdue": try row.decode(0), "escalated": try row.decode(1)]
    }
}
