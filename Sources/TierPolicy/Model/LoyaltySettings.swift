/// `settings.loyalty`: the yearly free cover for loyal households (seed 004 §2.2.3 (2)).
public struct LoyaltySettings: Hashable, Sendable {
    /// A household holding at least this many active long-term policies is loyal
    /// (`min_long_term_policies`, readable as `settings.loyalty.min_long_term_policies`).
    public var minLongTermPolicies: Int = 6
    /// The catalogue entitlement the loyalty job grants each loyal household once per
    /// policy year (`entitlement`); nil: the job grants nothing.
    public var entitlement: String?
    /// The priority of the grant's fulfilment task (`fulfilment_priority`, 0..100).
    public var fulfilmentPriority: Int = 50

    public init() {}
}
