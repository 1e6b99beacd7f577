/// `session.hello`: authenticates the connection; must be the first call.
public enum SessionHello: RPCMethod {
    public static let name = "session.hello"
    public static let roles = Set(Role.allCases)

    public struct Params: Codable, Sendable, Hashable {
        /// The client's token, as printed by `tierd clients add`.
        public var token: String
        /// The client software's name, for logs.
        public var client: String?

        public init(token: String, client: String? = nil) {
            self.token = token
            self.client = client
        }
    }

    public struct Result: Codable, Sendable, Hashable {
        /// The client's name (its principal in the audit log).
        public var principal: String
        public var role: Role
        /// Protocol version: 1.
        public var `protocol`: Int
        /// The policy revision serving now.
        public var revision: String
        /// The methods this role may call.
        public var methods: [String]

        public init(principal: String, role: Role, protocol: Int, revision: String, methods: [String]) {
            self.principal = principal
            self.role = role
            self.protocol = `protocol`
            self.revision = revision
            self.methods = methods
        }
    }
}
