/// `entitlements.explain`: the evaluation trace for a customer and the hints on
/// what would change the result. Not recorded in the decision log.
public enum EntitlementsExplain: RPCMethod {
    public static let name = "entitlements.explain"
    public static let roles: Set<Role> = [.policyAdmin, .counter, .admin]

    public struct Params: Codable, Sendable, Hashable {
        public var customerId: Int64
        /// Only the steps and hints about this entitlement code.
        public var code: String?
        public var channel: String?
        public var asOf: String?

        enum CodingKeys: String, CodingKey {
            case code, channel
            case customerId = "customer_id"
            case asOf = "as_of"
        }

        public init(customerId: Int64, code: String? = nil, channel: String? = nil, asOf: String? = nil) {
            self.customerId = customerId
            self.code = code
            self.channel = channel
            self.asOf = asOf
        }
    }

    public struct Result: Codable, Sendable, Hashable {
        public var revision: String
        public var customerId: Int64
        public var asOf: String
        public var channel: String
        /// Codes granted.
        public var entitlements: [String]
        public var steps: [ExplainStep]
        public var hints: [ExplainHint]

        enum CodingKeys: String, CodingKey {
            case revision, channel, entitlements, steps, hints
            case customerId = "customer_id"
            case asOf = "as_of"
        }

        public init(
            revision: String, customerId: Int64, asOf: String, channel: String,
            entitlements: [String], steps: [ExplainStep], hints: [ExplainHint]
        ) {
            self.revision = revision
            self.customerId = customerId
            self.asOf = asOf
            self.channel = channel
            self.entitlements = entitlements
            self.steps = steps
            self.hints = hints
        }
    }
}

/// One rule the evaluation looked at.
public struct ExplainStep: Codable, Sendable, Hashable {
    /// segment, tier, grant, budget or task.
    public var kind: String
    public var name: String
    /// What happened, e.g. held, not_held, matched, granted, not_granted, cut_by_limit.
    public var outcome: String
    /// The facts the rule read, with their values.
    public var facts: [ExplainFact]
    /// `file:line:col` of the rule.
    public var location: String

    public init(kind: String, name: String, outcome: String, facts: [ExplainFact], location: String) {
        self.kind = kind
        self.name = name
        self.outcome = outcome
        self.facts = facts
        self.location = location
    }
}

/// A fact and its value.
public struct ExplainFact: Codable, Sendable, Hashable {
    public var path: String
    public var value: JSONValue

    public init(path: String, value: JSONValue) {
        self.path = path
        self.value = value
    }
}

/// What would change whether an entitlement is granted.
public struct ExplainHint: Codable, Sendable, Hashable {
    public var code: String
    public var name: String
    public var reasons: [String]

    public init(code: String, name: String, reasons: [String]) {
        self.code = code
        self.name = name
        self.reasons = reasons
    }
}
