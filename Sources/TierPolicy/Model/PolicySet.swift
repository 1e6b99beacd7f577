/// A loaded, checked and compiled policy set, ready to evaluate.
public struct PolicySet: Sendable {
    /// SHA-256 (hex) of the normalised sources; stamped on every decision.
    public var revision: String
    /// The fact schema expressions were checked against.
    public var schema: FactSchema
    /// The entitlement catalogue by code, and its codes in definition order.
    public var catalogue: [String: Entitlement]
    public var catalogueOrder: [String]
    /// Segments in evaluation order (each after the segments and tiers it reads).
    public var segments: [Segment]
    /// Tier tables in evaluation order.
    public var tiers: [TierTable]
    /// Segment and tier evaluation interleaved so that dependencies come first.
    public var steps: [Step]
    /// Grant rules in definition order.
    public var grants: [GrantRule]
    /// Task rules in definition order.
    public var tasks: [TaskRule]
    /// Budgets by table and tier.
    public var budgets: [TierBudget]
    /// Stacking caps.
    public var limits: [StackingLimit]
    /// Named constants from the files' `settings:` sections, with defaults for the rest.
    public var settings: PolicySettings
    /// The names expressions were compiled against (explain compiles parts of conditions with it).
    public var scope: ExpressionScope

    /// One step of the segment/tier phase.
    public enum Step: Sendable {
        case segment(Int)
        case tier(Int)
    }
}
