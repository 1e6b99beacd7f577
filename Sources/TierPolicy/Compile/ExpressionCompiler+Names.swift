extension ExpressionCompiler {
    /// Resolves a dotted name: `today`, `segment.X`, `tier.X`, `settings.X.Y`, or a declared fact.
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
        if parts.first == "settings" { return setting(parts.dropFirst().joined(separator: "."), at, c) }
        return fact(path, at, c)
    }

    /// A setting is a constant of the set: its value is fixed when the set loads.
    private func setting(_ path: String, _ at: PolicyLocation, _ c: Collector) -> Node {
        guard let (type, value) = scope.settings.constant(path) else {
            let names = PolicySettings.constantPaths
            if path.isEmpty { return c.fail(.unknownSetting, "write a setting as settings.SECTION.NAME, such as settings.\(names[0])", at: at) }
            let group = names.filter { $0.hasPrefix(path + ".") }
            if !group.isEmpty {
                return c.fail(.unknownSetting, "'settings.\(path)' is a group of settings, not a setting; use one of \(group.map { "settings.\($0)" }.joined(separator: ", "))", at: at)
            }
            let hint = EditDistance.closest(to: path, among: names).map { "; did you mean 'settings.\($0)'?" }
                ?? "; expressions can read \(names.map { "settings.\($0)" }.joined(separator: ", "))"
            return c.fail(.unknownSetting, "no setting named 'settings.\(path)'\(hint)", at: at)
        }
        return Node(type: type, run: { _ in value })
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
        EditDistance.closest(to: name, among: names).map { "; did you mean '\($0)'?" } ?? ""
    }
}
