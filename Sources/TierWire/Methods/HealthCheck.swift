/// `health.check`: is the daemon serving, can it reach the database, which revision.
public enum HealthCheck: RPCMethod {
    public static let name = "health.check"
    public static let roles = Set(Role.allCases)
    public typealias Params = NoParams

    public struct Result: Codable, Sendable, Hashable {
        /// `ok`, or `degraded` when the database is unreachable.
        public var status: String
        /// `ok` or `unavailable`.
        public var database: String
        public var revision: String
        public var uptimeSeconds: Int64
        public var version: String

        enum CodingKeys: String, CodingKey {
            case status, database, revision, version
            case uptimeSeconds = "uptime_seconds"
        }

        public init(status: String, database: String, revision: String, uptimeSeconds: Int64, version: String) {
            self.status = status
            self.database = database
            self.revision = revision
            self.uptimeSeconds = uptimeSeconds
            self.version = version
        }
    }
}
