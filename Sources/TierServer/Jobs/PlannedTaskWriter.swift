import TierPolicy
import TierStore
import TierWire

/// Puts the follow-up tasks a decision plans (the policy's `tasks:` rules) into the
/// queue. Idempotent by the rule's key: a task whose key is already queued, in any
/// status, is not created again, so re-evaluating a customer opens nothing twice.
public enum PlannedTaskWriter {
    /// Inserts the planned tasks of `customerId` whose kind is in `kinds` (every
    /// kind when nil), due at the start of their due day; returns how many were new.
    /// Blocking: call it on a pooled connection, inside the job's transaction.
    @discardableResult
    public static func insert(
        _ tasks: [PlannedTask], customerId: Int64, kinds: Set<String>? = nil, on connection: PGConnection
    ) throws -> Int {
        var created = 0
        for task in tasks where kinds?.contains(task.kind) ?? true {
            var payload: [String: JSONValue] = [:]
            for (name, value) in task.payload { payload[name] = JSONValue(value) }
            let rows = try connection.executePrepared(
                """
                INSERT INTO tasks (kind, customer_id, payload, priority, due_at, idempotency_key)
                VALUES ($1::text, $2::bigint, $3::jsonb, $4::smallint, $5::date::timestamptz, $6::text)
                ON CONFLICT ON CONSTRAINT tasks_idempotency_key_key DO NOTHING
                RETURNING id
                """,
                [task.kind, customerId, try PGJSON(encoding: JSONValue.object(payload)), Int16(clamping: task.priority),
                 PGDate(daysSinceEpoch: task.due), task.key])
            created += rows.count
        }
        return created
    }
}
