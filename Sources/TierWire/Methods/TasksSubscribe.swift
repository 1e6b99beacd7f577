/// `tasks.subscribe`: asks the daemon to push `tasks.available` notifications on
/// this connection whenever tasks of these kinds become claimable, whichever daemon
/// instance created them. Calling it again replaces the kinds.
public enum TasksSubscribe: RPCMethod {
    public static let name = "tasks.subscribe"
    public static let roles: Set<Role> = [.scheduler, .admin]

    public struct Params: Codable, Sendable, Hashable {
        /// Only these kinds; default every kind.
        public var kinds: [String]?

        public init(kinds: [String]? = nil) { self.kinds = kinds }
    }

    public struct Result: Codable, Sendable, Hashable {
        /// The kinds subscribed to; absent for every kind.
        public var kinds: [String]?

        public init(kinds: [String]?) { self.kinds = kinds }
    }
}

/// `tasks.available`: a notification the daemon pushes to subscribed connections
/// (no id, no response). `kind` is absent when tasks of any kind may have become
/// available, e.g. after the daemon reconnected to the database and may have
/// missed notifications; a scheduler should then claim.
public enum TasksAvailable {
    public static let method = "tasks.available"

    public struct Params: Codable, Sendable, Hashable {
        public var kind: String?

        public init(kind: String?) { self.kind = kind }
    }
}
