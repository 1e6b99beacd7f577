extension ExpressionCompiler {
    /// Resolves a dotted name: `today`, `segment.X`, `tier.X`, or a declared fact.
    func compileName(_ parts: [String], _ at: PolicyLocation, _ c: Collector) -> Node {
        let path = parts.joined(separator: ".")
        if path == "today" { return fact("context.as_of", at, c) }
        if parts.first == "segment" {
            guard parts.count == 2 else { return c.fail(.unknownSegment, "write a segment as segment.NAME", at: at) }
            guard let slot = scope.segments[parts[1]] else {
                return c.fail(.unknownSegment, "no segment named '\(parts[1])'\(hint(parts[1], among: scope.segments.keys))", at: at)
            }
            c.note(&c.segments, parts[1])
            return Node(type: .bool, run: { frame in frame.segments[slot] })
        }
        if parts.first == "tier" {
            guard parts.count == 2 else { return c.fail(.unknownTier, "write a tier table as tier.NAME", at: at) }
            guard let tier = scope.tiers[parts[1]] else {
                return c.fail(.unknownTier, "no tier table named '\(parts[1])'\(hint(parts[1], among: scope.tiers.keys))", at: at)
            }
            c.note(&c.tiers, parts[1])
            let slot = tier.slot
            return Node(type: tier.type, run: { frame in frame.tiers[slot] })
        }
        return fact(path, at, c)
    }

    private func fact(_ path: String, _ at: PolicyLocation, _ c: Collector) -> Node {
        guard let slot = scope.schema.slot(of: path) else {
            let group = scope.schema.paths(under: path)
            if !group.isEmpty {
                return c.fail(.unknownFact, "'\(path)' is a group of facts, not a fact; use one of \(group.prefix(6).joined(separator: ", "))", at: at)
            }
            let suggestion = scope.schema.suggestion(for: path).map { "; did you mean '\($0)'?" } ?? ""
            return c.fail(.unknownFact, "no fact named '\(path)'\(suggestion)", at: at)
        }
        c.note(&c.facts, path)
        return Node(type: scope.schema[slot].type, run: { frame in frame.facts[slot] })
    }

    private func hint(_ name: String, among names: some Collection<String>) -> String {
        guard let best = names.min(by: { EditDistance.between($0, name) < EditDistance.between($1, name) }),
              EditDistance.between(best, name) <= max(2, name.count / 3) else { return "" }
        return "; did you mean '\(best)'?"
    }
}
