/// What a policy set decided for one customer at one moment.
public struct Decision: Sendable {
    /// The policy revision that decided.
    public var revision: String
    /// The as-of day.
    public var asOf: Int
    /// The request channel.
    public var channel: String
    /// Segments that hold, in definition order.
    public var segments: [String]
    /// Each tier table's result: a tier name, a list of them (collect), or missing.
    public var tiers: [(table: String, value: PolicyValue)]
    /// What the customer is entitled to.
    public var entitlements: [GrantedEntitlement]
    /// Follow-up tasks to create.
    public var tasks: [PlannedTask]
    /// The summed unit cost of the entitlements.
    public var totalCost: FixedDecimal

    /// The tier a table gave, if it gave a single one.
    public func tier(_ table: String) -> String? {
        guard case .string(let name)? = tiers.first(where: { $0.table == table })?.value else { return nil }
        return name
    }

    /// The granted entitlement with a code, if granted.
    public func entitlement(_ code: String) -> GrantedEntitlement? {
        entitlements.first { $0.code == code }
    }
}

/// One granted entitlement.
public struct GrantedEntitlement: Sendable {
    public var code: String
    public var nameZh: String
    public var nameEn: String
    public var category: String
    /// Parameter values, in the order written.
    public var params: [(name: String, value: PolicyValue)]
    public var quota: Quota?
    /// Uses left in the current period, when there is a quota.
    public var remaining: Int?
    /// The first day it is no longer valid.
    public var validUntil: Int
    public var reason: String
    public var unitCost: FixedDecimal
    /// Where the rule that granted it is (a grant rule or a budget).
    public var grantedBy: PolicyLocation

    /// A parameter's value, if present.
    public func param(_ name: String) -> PolicyValue? {
        params.first { $0.name == name }?.value
    }
}

/// One follow-up task a decision asks for.
public struct PlannedTask: Sendable {
    public var kind: String
    /// The idempotency key.
    public var key: String
    /// Due day.
    public var due: Int
    public var priority: Int
    public var payload: [(name: String, value: PolicyValue)]
    /// Where the task rule is.
    public var plannedBy: PolicyLocation
}
