/// `tasks.claim`: leases up to `limit` due tasks to a worker, most urgent first.
/// Each daemon and worker gets different tasks (`FOR UPDATE SKIP LOCKED`); a lease
/// not completed, failed or extended by its expiry goes back to pending.
public enum TasksClaim: RPCMethod {
    public static let name = "tasks.claim"
    public static let roles: Set<Role> = [.scheduler, .admin]
    public static let writes = true

    public struct Params: Codable, Sendable, Hashable {
        /// The worker's name, recorded as the lease owner.
        public var worker: String
        /// Only these kinds (e.g. `revisit`); default every kind.
        public var kinds: [String]?
        /// Only tasks of customers of this branch (code).
        public var branch: String?
        /// 1 to 100; default 10.
        public var limit: Int?
        /// 5 to 3600; default 300.
        public var leaseSeconds: Int?

        enum CodingKeys: String, CodingKey {
            case worker, kinds, branch, limit
            case leaseSeconds = "lease_seconds"
        }

        public init(worker: String, kinds: [String]? = nil, branch: String? = nil, limit: Int? = nil, leaseSeconds: Int? = nil) {
            self.worker = worker
            self.kinds = kinds
            self.branch = branch
            self.limit = limit
            self.leaseSeconds = leaseSeconds
        }
    }

    public struct Result: Codable, Sendable, Hashable {
        public var tasks: [ClaimedTask]

        public init(tasks: [ClaimedTask]) { self.tasks = tasks }
    }
}

/// A task leased to a worker.
public struct ClaimedTask: Codable, Sendable, Hashable {
    public var taskId: Int64
    public var kind: String
    public var customerId: Int64?
    public var payload: [String: JSONValue]
    public var priority: Int
    /// RFC 3339.
    public var dueAt: String
    /// Attempts so far, this one included.
    public var attempts: Int
    /// The fencing token: heartbeat, complete and fail must present it.
    public var leaseToken: String
    /// RFC 3339.
    public var leaseExpiresAt: String

    enum CodingKeys: String, CodingKey {
        case kind, payload, priority, attempts
        case taskId = "task_id"
        case customerId = "customer_id"
        case dueAt = "due_at"
        case leaseToken = "lease_token"
        case leaseExpiresAt = "lease_expires_at"
    }

    public init(
        taskId: Int64, kind: String, customerId: Int64?, payload: [String: JSONValue], priority: Int, dueAt: String,
        attempts: Int, leaseToken: String, leaseExpiresAt: String
    ) {
        self.taskId = taskId
        self.kind = kind
        self.customerId = customerId
        self.payload = payload
        self.priority = priority
        self.dueAt = dueAt
        self.attempts = attempts
        self.leaseToken = leaseToken
        self.leaseExpiresAt = leaseExpiresAt
    }
}
