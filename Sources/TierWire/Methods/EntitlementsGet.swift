/// `entitlements.get`: what a customer is entitled to now. Every call is recorded
/// in the decision log under the returned `decision_id`.
public enum EntitlementsGet: RPCMethod {
    public static let name = "entitlements.get"
    public static let roles: Set<Role> = [.policyAdmin, .counter, .admin]

    public struct Params: Codable, Sendable, Hashable {
        public var customerId: Int64
        /// counter, website, wechat, phone, agent, bancassurance or other; default `counter`.
        public var channel: String?
        /// `YYYY-MM-DD`; default today in the daemon's time zone.
        public var asOf: String?

        enum CodingKeys: String, CodingKey {
            case channel
            case customerId = "customer_id"
            case asOf = "as_of"
        }

        public init(customerId: Int64, channel: String? = nil, asOf: String? = nil) {
            self.customerId = customerId
            self.channel = channel
            self.asOf = asOf
        }
    }

    public struct Result: Codable, Sendable, Hashable {
        /// The decision log id (a UUID).
        public var decisionId: String
        /// The policy revision that decided.
        public var revision: String
        public var customerId: Int64
        public var asOf: String
        public var channel: String
        /// `new` or `returning`.
        public var newOrReturning: String
        public var segments: [String]
        /// Each tier table's result: a tier name, a list of names, or null.
        public var tiers: [String: JSONValue]
        public var entitlements: [EntitlementItem]
        /// Summed unit cost of the entitlements, a decimal string in yuan.
        public var totalCost: String

        enum CodingKeys: String, CodingKey {
            case revision, channel, segments, tiers, entitlements
            case decisionId = "decision_id"
            case customerId = "customer_id"
            case asOf = "as_of"
            case newOrReturning = "new_or_returning"
            case totalCost = "total_cost"
        }

        public init(
            decisionId: String, revision: String, customerId: Int64, asOf: String, channel: String,
            newOrReturning: String, segments: [String], tiers: [String: JSONValue],
            entitlements: [EntitlementItem], totalCost: String
        ) {
            self.decisionId = decisionId
            self.revision = revision
            self.customerId = customerId
            self.asOf = asOf
            self.channel = channel
            self.newOrReturning = newOrReturning
            self.segments = segments
            self.tiers = tiers
            self.entitlements = entitlements
            self.totalCost = totalCost
        }
    }
}

/// One granted entitlement.
public struct EntitlementItem: Codable, Sendable, Hashable {
    public var code: String
    public var name: LocalizedName
    public var category: String
    public var params: [String: JSONValue]
    /// Uses per period and uses left, when the entitlement has a quota.
    public var quota: QuotaState?
    /// `YYYY-MM-DD`, the first day it is no longer valid.
    public var validUntil: String
    public var reason: String

    enum CodingKeys: String, CodingKey {
        case code, name, category, params, quota, reason
        case validUntil = "valid_until"
    }

    public init(
        code: String, name: LocalizedName, category: String, params: [String: JSONValue],
        quota: QuotaState?, validUntil: String, reason: String
    ) {
        self.code = code
        self.name = name
        self.category = category
        self.params = params
        self.quota = quota
        self.validUntil = validUntil
        self.reason = reason
    }
}

/// A name in Chinese and English.
public struct LocalizedName: Codable, Sendable, Hashable {
    public var zh: String
    public var en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }
}

/// An entitlement's quota in the current period.
public struct QuotaState: Codable, Sendable, Hashable {
    /// Uses allowed per period.
    public var count: Int
    /// day, week, month, quarter or year.
    public var per: String
    /// Uses left in the current period.
    public var remaining: Int

    public init(count: Int, per: String, remaining: Int) {
        self.count = count
        self.per = per
        self.remaining = remaining
    }
}
