import TierPolicy

/// An explanation as text for people at a terminal.
struct ExplanationText {
    let explanation: Explanation

    init(_ explanation: Explanation) { self.explanation = explanation }

    func render() -> String {
        let decision = explanation.decision
        var lines = ["revision \(decision.revision)", "as of \(CivilDate.format(decision.asOf)), channel \(decision.channel)", ""]
        lines.append("segments: " + (decision.segments.isEmpty ? "none" : decision.segments.joined(separator: ", ")))
        for (table, value) in decision.tiers { lines.append("tier \(table): \(value)") }
        lines.append("")
        lines.append("entitlements (total cost \(decision.totalCost)):")
        for grant in decision.entitlements {
            let params = grant.params.map { "\($0.name)=\($0.value)" }.joined(separator: " ")
            lines.append("  \(grant.code) \(grant.nameZh) / \(grant.nameEn)  \(params)  until \(CivilDate.format(grant.validUntil))")
            lines.append("    because: \(grant.reason)")
        }
        if !decision.tasks.isEmpty {
            lines.append("tasks:")
            for task in decision.tasks { lines.append("  \(task.kind) \(task.key) due \(CivilDate.format(task.due)) priority \(task.priority)") }
        }
        lines.append("")
        lines.append("trace:")
        for step in explanation.steps {
            let facts = step.facts.map { "\($0.path)=\($0.value)" }.joined(separator: ", ")
            lines.append("  \(step.location) \(step.kind.rawValue) \(step.name): \(step.outcome.rawValue)\(facts.isEmpty ? "" : "  [\(facts)]")")
        }
        if !explanation.hints.isEmpty {
            lines.append("")
            lines.append("not granted:")
            for hint in explanation.hints {
                lines.append("  \(hint.code) (\(hint.name)): " + hint.reasons.joined(separator: "; "))
            }
        }
        return lines.joined(separator: "\n")
    }
}
