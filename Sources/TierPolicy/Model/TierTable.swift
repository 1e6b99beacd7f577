/// A decision table mapping customers to tiers.
public struct TierTable: Sendable {
    /// How rows are chosen.
    public enum HitPolicy: String, Sendable {
        /// The first row whose condition holds; the default when none does.
        case first
        /// Every row whose condition holds, as a list.
        case collect
    }

    /// A row: a condition and the tier it gives.
    public struct Row: Sendable {
        public var condition: CompiledExpression
        public var tier: String
        public var location: PolicyLocation
    }

    /// Its name (`tier.NAME` in expressions).
    public var name: String
    /// First-hit or collect.
    public var hit: HitPolicy
    /// The rows in order.
    public var rows: [Row]
    /// The tier when no row holds (first-hit tables).
    public var defaultTier: String?
    /// Where it is defined.
    public var location: PolicyLocation

    /// Every tier name the table can produce.
    public var tierNames: [String] {
        var names: [String] = []
        for name in rows.map(\.tier) + (defaultTier.map { [$0] } ?? []) where !names.contains(name) { names.append(name) }
        return names
    }
}
