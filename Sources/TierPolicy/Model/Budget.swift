/// Cost-controlled personalised services for one tier (seed 004 §2.2.2): a yearly
/// budget and a ranked list of services, granted greedily while they fit.
public struct TierBudget: Sendable {
    /// A ranked service with its condition.
    public struct Service: Sendable {
        public var code: String
        public var condition: CompiledExpression?
        public var location: PolicyLocation
    }

    /// The tier table this budget belongs to.
    public var table: String
    /// That table's slot in the evaluation frame, resolved when the set loads.
    public var tableSlot: Int
    /// The tier within it.
    public var tier: String
    /// Yearly budget in yuan.
    public var yearly: FixedDecimal
    /// Services in rank order.
    public var services: [Service]
    /// Where it is defined.
    public var location: PolicyLocation
}

/// A cap on the sum of one numeric param across granted entitlements of a category.
public struct StackingLimit: Sendable {
    /// The catalogue category it applies to.
    public var category: String
    /// The param summed.
    public var param: String
    /// The most the param may add up to.
    public var cap: FixedDecimal
    /// Where it is defined.
    public var location: PolicyLocation
}
