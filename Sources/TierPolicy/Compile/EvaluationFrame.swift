/// Everything one evaluation reads: the facts (by schema slot), the segment and tier
/// results computed so far, and quota usage. Compiled expressions read it by index.
public final class EvaluationFrame {
    /// Fact values in ``FactSchema`` slot order; absent optional facts are `missing`.
    public var facts: [PolicyValue]
    /// Segment results by segment slot.
    public var segments: [PolicyValue]
    /// Tier results by tier-table slot.
    public var tiers: [PolicyValue]
    /// Uses of each entitlement in its current period, by entitlement code.
    public var quotaUsed: [String: Int64]
    /// The as-of day (days since 1970-01-01), for date functions.
    public var asOf: Int

    /// Makes a frame.
    public init(facts: [PolicyValue], segments: Int = 0, tiers: Int = 0, quotaUsed: [String: Int64] = [:], asOf: Int) {
        self.facts = facts
        self.segments = Array(repeating: .missing, count: segments)
        self.tiers = Array(repeating: .missing, count: tiers)
        self.quotaUsed = quotaUsed
        self.asOf = asOf
    }
}
