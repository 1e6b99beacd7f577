extension PolicyEvaluator {
    /// Evaluates and explains. With `code`, hints cover only that entitlement.
    public func explain(_ facts: FactSet, quotaUsed: [String: Int64] = [:], code: String? = nil) -> Explanation {
        let (decision, frame) = decide(facts, quotaUsed: quotaUsed)
        var steps: [Explanation.Step] = []
        func record(_ kind: Explanation.Step.Kind, _ name: String, _ condition: CompiledExpression, _ at: PolicyLocation,
                    skipped: Bool = false) {
            let read = condition.factsRead.compactMap { path in set.schema.slot(of: path).map { (path, frame.facts[$0]) } }
            let value = condition.evaluate(frame)
            let outcome: Explanation.Step.Outcome = skipped ? .skipped : value.isTrue ? .held : (value == .missing ? .missingFacts : .notHeld)
            steps.append(Explanation.Step(kind: kind, name: name, outcome: outcome, facts: read, location: at))
        }
        for step in set.steps {
            switch step {
            case .segment(let slot):
                let segment = set.segments[slot]
                record(.segment, segment.name, segment.condition, segment.location)
            case .tier(let slot):
                let table = set.tiers[slot]
                var chosen = false
                for row in table.rows {
                    record(.tier, "\(table.name) → \(row.tier)", row.condition, row.location, skipped: chosen)
                    if table.hit == .first, row.condition.evaluate(frame).isTrue { chosen = true }
                }
            }
        }
        for rule in set.grants { record(.grant, rule.code, rule.condition, rule.location) }
        for budget in set.budgets {
            for service in budget.services {
                if let condition = service.condition { record(.budget, "\(budget.tier): \(service.code)", condition, service.location) }
            }
        }
        for rule in set.tasks { record(.task, rule.kind, rule.condition, rule.location) }

        let wanted = code.map { [$0] } ?? set.catalogueOrder
        let hints = wanted.filter { decision.entitlement($0) == nil }.compactMap { code -> Explanation.Hint? in
            guard let entry = set.catalogue[code] else { return nil }
            return Explanation.Hint(code: code, name: entry.nameEn, reasons: reasons(notGranting: entry, facts, frame))
        }
        return Explanation(decision: decision, steps: steps, hints: hints)
    }

    private func reasons(notGranting entry: Entitlement, _ facts: FactSet, _ frame: EvaluationFrame) -> [String] {
        if let channels = entry.channels, !channels.contains(facts.channel) {
            return ["not offered on the \(facts.channel) channel; offered on \(channels.joined(separator: ", "))"]
        }
        let rules = set.grants.filter { $0.code == entry.code }
        let describer = HintDescriber(set: set, frame: frame)
        let candidates = rules.map { describer.failures($0.condition.source) }.filter { !$0.isEmpty }
        if let nearest = candidates.min(by: { $0.count < $1.count }) { return nearest }
        if set.budgets.contains(where: { $0.services.contains { $0.code == entry.code } }) {
            return ["offered only as a personalised service within a tier's yearly budget, which this customer's tier does not include or has used up"]
        }
        return rules.isEmpty ? ["no rule grants it"] : ["its rule held, but it was granted by an earlier rule or is limited"]
    }
}
