import Foundation
import TierStore
import TierWire

/// A task as `heartbeat`, `complete` and `fail` read and return it.
struct TaskRow: Sendable {
    /// The select list (also a `RETURNING` list) that ``init(_:)`` decodes, in order.
    static let columns = """
        id, kind, status, attempts, lease_token, lease_expires_at, coalesce(lease_expires_at < now(), false),
        due_at, outcome, churn_reason, max_attempts, lease_owner
        """

    var id: Int64
    var kind: String
    var status: String
    var attempts: Int
    var leaseToken: UUID?
    var leaseExpiresAt: Date?
    /// The lease ran out (as of the transaction's start); it may not be reaped yet.
    var expired: Bool
    var dueAt: Date
    var outcome: String?
    var churnReason: String?
    var maxAttempts: Int
    var leaseOwner: String?

    init(_ row: PGRow) throws {
        id = try row.decode(0)
        kind = try row.decode(1)
        status = try row.decode(2)
        attempts = try row.decode(3)
        leaseToken = try row.decode(4)
        leaseExpiresAt = try row.decode(5)
        expired = try row.decode(6)
        dueAt = try row.decode(7)
        outcome = try row.decode(8)
        churnReason = try row.decode(9)
        maxAttempts = try row.decode(10)
        leaseOwner = try row.decode(11)
    }

    /// The task, locked until the transaction ends; `not_found` when there is none.
    static func locked(_ id: Int64, on connection: PGConnection) throws -> TaskRow {
        try read(id, lock: true, on: connection)
    }

    /// The task as it is now; `not_found` when there is none.
    static func current(_ id: Int64, on connection: PGConnection) throws -> TaskRow {
        try read(id, lock: false, on: connection)
    }

    private static func read(_ id: Int64, lock: Bool, on connection: PGConnection) throws -> TaskRow {
        let sql = "SELECT \(columns) FROM tasks WHERE id = $1::bigint" + (lock ? " FOR UPDATE" : "")
        guard let row = try connection.executePrepared(sql, [id]).first else {
            throw RPCError.notFound("no task \(id)")
        }
        return try TaskRow(row)
    }

    /// Whether a worker presenting `token` holds the lease. An expired lease that no
    /// claim has reaped yet still counts: the token is the fencing token, and nobody
    /// else can have the task until a claim reaps it and hands it out with a new one.
    func isLeased(to token: UUID) -> Bool {
        status == "leased" && leaseToken == token
    }

    /// The wire form.
    var state: TaskState {
        TaskState(
            taskId: id, status: status, attempts: attempts,
            leaseExpiresAt: status == "leased" ? leaseExpiresAt.map(WireTime.format) : nil,
            dueAt: status == "pending" ? WireTime.format(dueAt) : nil)
    }

    /// The `conflict` for a worker presenting `token` that does not (or no longer) hold the lease.
    func refusal(for token: UUID) -> RPCError {
        let why: String
        switch status {
        case "leased" where leaseToken == token:
            why = "it expired at \(leaseExpiresAt.map(WireTime.format) ?? "?")"
        case "leased":
            why = "it is leased under another token"
        case "pending":
            why = "the task is pending again (its lease expired or it was given back)"
        default:
            let finished = leaseToken == token ? "already " : ""
            why = "the task is \(finished)\(status)" + (outcome.map { " with outcome '\($0)'" } ?? "")
        }
        return RPCError.conflict("the lease on task \(id) is no longer yours: \(why)")
    }
}
