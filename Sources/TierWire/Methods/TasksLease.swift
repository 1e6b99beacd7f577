/// `tasks.heartbeat`: extends a lease the worker still holds.
public enum TasksHeartbeat: RPCMethod {
    public static let name = "tasks.heartbeat"
    public static let roles: Set<Role> = [.scheduler, .admin]
    public static let writes = true

    public struct Params: Codable, Sendable, Hashable {
        public var taskId: Int64
        public var leaseToken: String
        /// 5 to 3600; default 300, counted from now.
        public var leaseSeconds: Int?

        enum CodingKeys: String, CodingKey {
            case taskId = "task_id"
            case leaseToken = "lease_token"
            case leaseSeconds = "lease_seconds"
        }

        public init(taskId: Int64, leaseToken: String, leaseSeconds: Int? = nil) {
            self.taskId = taskId
            self.leaseToken = leaseToken
            self.leaseSeconds = leaseSeconds
        }
    }

    public typealias Result = TaskState
}

/// `tasks.complete`: finishes a leased task with its outcome. Completing again with
/// the same token returns the same state; a stale token is a `conflict`.
public enum TasksComplete: RPCMethod {
    public static let name = "tasks.complete"
    public static let roles: Set<Role> = [.scheduler, .admin]
    public static let writes = true

    public struct Params: Codable, Sendable, Hashable {
        public var taskId: Int64
        public var leaseToken: String
        /// What came of it, e.g. `reached`, `no_answer`, `declined`, `done`.
        public var outcome: String
        /// For revisits: why the customer stopped buying, one of the policy's
        /// `settings.revisits.churn_reasons`.
        public var churnReason: String?
        public var note: String?

        enum CodingKeys: String, CodingKey {
            case outcome, note
            case taskId = "task_id"
            case leaseToken = "lease_token"
            case churnReason = "churn_reason"
        }

        public init(taskId: Int64, leaseToken: String, outcome: String, churnReason: String? = nil, note: String? = nil) {
            self.taskId = taskId
            self.leaseToken = leaseToken
            self.outcome = outcome
            self.churnReason = churnReason
            self.note = note
        }
    }

    public typealias Result = TaskState
}

/// `tasks.fail`: gives a leased task back after a failed attempt. It is retried
/// (at `retry_at`, or after a back-off) until its attempts run out, then `dead`.
public enum TasksFail: RPCMethod {
    public static let name = "tasks.fail"
    public static let roles: Set<Role> = [.scheduler, .admin]
    public static let writes = true

    public struct Params: Codable, Sendable, Hashable {
        public var taskId: Int64
        public var leaseToken: String
        public var error: String
        /// RFC 3339; default: a back-off that doubles with each attempt.
        public var retryAt: String?

        enum CodingKeys: String, CodingKey {
            case error
            case taskId = "task_id"
            case leaseToken = "lease_token"
            case retryAt = "retry_at"
        }

        public init(taskId: Int64, leaseToken: String, error: String, retryAt: String? = nil) {
            self.taskId = taskId
            self.leaseToken = leaseToken
            self.error = error
            self.retryAt = retryAt
        }
    }

    public typealias Result = TaskState
}

/// A task's state after a heartbeat, completion or failure.
public struct TaskState: Codable, Sendable, Hashable {
    public var taskId: Int64
    /// pending, leased, done, failed, dead or cancelled.
    public var status: String
    public var attempts: Int
    /// RFC 3339; while leased.
    public var leaseExpiresAt: String?
    /// RFC 3339; when pending again, the time it becomes claimable.
    public var dueAt: String?

    enum CodingKeys: String, CodingKey {
        case status, attempts
        case taskId = "task_id"
        case leaseExpiresAt = "lease_expires_at"
        case dueAt = "due_at"
    }

    public init(taskId: Int64, status: String, attempts: Int, leaseExpiresAt: String?, dueAt: String?) {
        self.taskId = taskId
        self.status = status
        self.attempts = attempts
        self.leaseExpiresAt = leaseExpiresAt
        self.dueAt = dueAt
    }
}
