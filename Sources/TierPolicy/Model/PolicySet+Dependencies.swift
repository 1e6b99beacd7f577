extension PolicySet {
    /// Every fact a tier table's result depends on: the facts its rows read, and
    /// those of the segments and tier tables they read, transitively. A job that
    /// needs only one table (the classify job's value tier) loads just these.
    /// Nil when there is no table by that name.
    public func factsRead(byTier name: String) -> Set<String>? {
        guard let start = tiers.firstIndex(where: { $0.name == name }) else { return nil }
        var facts = Set<String>()
        var seenTiers: Set<Int> = [start]
        var seenSegments = Set<Int>()
        var pending: [CompiledExpression] = tiers[start].rows.map(\.condition)
        while let expression = pending.popLast() {
            facts.formUnion(expression.factsRead)
            for segment in expression.segmentsRead {
                guard let slot = segments.firstIndex(where: { $0.name == segment }), seenSegments.insert(slot).inserted else { continue }
                pending.append(segments[slot].condition)
            }
            for tier in expression.tiersRead {
                guard let slot = tiers.firstIndex(where: { $0.name == tier }), seenTiers.insert(slot).inserted else { continue }
                pending.append(contentsOf: tiers[slot].rows.map(\.condition))
            }
        }
        return facts
    }
}
