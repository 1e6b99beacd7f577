import TierPolicy

/// One customer's facts as the store loaded them for one day and channel, with
/// what the engine and the writers around it need besides the facts.
public struct CustomerFacts: Sendable {
    /// Every fact of the schema, checked.
    public var facts: FactSet
    /// The customer.
    public var customerId: Int64
    /// The customer's household (the owner of household-wide grants).
    public var householdId: Int64
    /// The code of the customer's branch.
    public var branch: String
    /// Uses already taken in the current quota period, by entitlement code (the key
    /// `PolicyEvaluator.evaluate(_:quotaUsed:)` reads), summed over the customer's
    /// and the household's grants.
    public var quotaUsed: [String: Int64]

    public init(facts: FactSet, customerId: Int64, householdId: Int64, branch: String, quotaUsed: [String: Int64]) {
        self.facts = facts
        self.customerId = customerId
        self.householdId = householdId
        self.branch = branch
        self.quotaUsed = quotaUsed
    }
}
