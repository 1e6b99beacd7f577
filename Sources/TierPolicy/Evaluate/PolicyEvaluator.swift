/// Evaluates a loaded policy set against one customer's facts. Pure: the same set
/// and facts always give the same decision.
public struct PolicyEvaluator: Sendable {
    /// The set it evaluates.
    public let set: PolicySet

    /// Makes an evaluator.
    public init(_ set: PolicySet) { self.set = set }

    /// Decides entitlements and tasks. `quotaUsed` is each entitlement's uses in its
    /// current period.
    public func evaluate(_ facts: FactSet, quotaUsed: [String: Int64] = [:]) -> Decision {
        decide(facts, quotaUsed: quotaUsed).decision
    }

    /// One tier table's result alone (segments and tiers are computed, no grants,
    /// budgets or tasks): what the classify job needs for every customer.
    public func tier(_ name: String, _ facts: FactSet) -> PolicyValue {
        guard let slot = set.tiers.firstIndex(where: { $0.name == name }) else { return .missing }
        let frame = EvaluationFrame(facts: facts.values, segments: set.segments.count, tiers: set.tiers.count,
                                    quotaUsed: [:], asOf: facts.asOf)
        classify(frame)
        return frame.tiers[slot]
    }

    /// The decision and the frame it was made in (segments and tiers filled), for explain.
    func decide(_ facts: FactSet, quotaUsed: [String: Int64]) -> (decision: Decision, frame: EvaluationFrame) {
        let frame = EvaluationFrame(facts: facts.values, segments: set.segments.count, tiers: set.tiers.count,
                                    quotaUsed: quotaUsed, asOf: facts.asOf)
        classify(frame)
        var granted: [GrantedEntitlement] = []
        for rule in set.grants where rule.condition.evaluate(frame).isTrue {
            guard !granted.contains(where: { $0.code == rule.code }), let entry = set.catalogue[rule.code],
                  applies(entry, on: facts.channel) else { continue }
            granted.append(grant(entry, quota: rule.quota ?? entry.quota, validForDays: rule.validForDays,
                                 params: rule.params.map { ($0.name, $0.value.evaluate(frame)) },
                                 reason: rule.reason, by: rule.location, frame))
        }
        for budget in set.budgets where holds(budget, frame) {
            var left = budget.yearly
            for service in budget.services {
                guard !granted.contains(where: { $0.code == service.code }), let entry = set.catalogue[service.code],
                      applies(entry, on: facts.channel), service.condition.map({ $0.evaluate(frame).isTrue }) ?? true,
                      entry.unitCost <= left, let rest = left.subtracting(entry.unitCost) else { continue }
                left = rest
                granted.append(grant(entry, quota: entry.quota, validForDays: nil, params: [],
                                     reason: "personalised service within the \(budget.tier) budget of \(budget.yearly) a year",
                                     by: service.location, frame))
            }
        }
        applyLimits(&granted)
        let tasks = set.tasks.filter { $0.condition.evaluate(frame).isTrue }.map { rule in
            let due: Int
            if case .date(let day) = rule.due.evaluate(frame) { due = day } else { due = facts.asOf }
            return PlannedTask(kind: rule.kind, key: rule.key.render(frame), due: due, priority: rule.priority,
                               payload: rule.payload.map { ($0.name, $0.value.evaluate(frame)) }, plannedBy: rule.location)
        }
        var total = FixedDecimal(scaled: 0)
        for entitlement in granted { total = total.adding(entitlement.unitCost) ?? total }
        let decision = Decision(
            revision: set.revision, asOf: facts.asOf, channel: facts.channel,
            segments: set.segments.enumerated().filter { frame.segments[$0.offset].isTrue }.map(\.element.name),
            tiers: set.tiers.enumerated().map { ($0.element.name, frame.tiers[$0.offset]) },
            entitlements: granted, tasks: tasks, totalCost: total)
        return (decision, frame)
    }

    /// Computes segments and tiers in dependency order into the frame.
    func classify(_ frame: EvaluationFrame) {
        for step in set.steps {
            switch step {
            case .segment(let slot):
                frame.segments[slot] = .bool(set.segments[slot].condition.evaluate(frame).isTrue)
            case .tier(let slot):
                let table = set.tiers[slot]
                switch table.hit {
                case .first:
                    let row = table.rows.first { $0.condition.evaluate(frame).isTrue }
                    frame.tiers[slot] = (row?.tier ?? table.defaultTier).map(PolicyValue.string) ?? .missing
                case .collect:
                    frame.tiers[slot] = .list(table.rows.filter { $0.condition.evaluate(frame).isTrue }.map { .string($0.tier) })
                }
            }
        }
    }

    private func applies(_ entry: Entitlement, on channel: String) -> Bool {
        entry.channels.map { $0.contains(channel) } ?? true
    }

    private func holds(_ budget: TierBudget, _ frame: EvaluationFrame) -> Bool {
        switch frame.tiers[budget.tableSlot] {
        case .string(let tier): return tier == budget.tier
        case .list(let tiers): return tiers.contains(.string(budget.tier))
        default: return false
        }
    }

    private func grant(_ entry: Entitlement, quota: Quota?, validForDays: Int64?, params: [(name: String, value: PolicyValue)],
                       reason: String, by location: PolicyLocation, _ frame: EvaluationFrame) -> GrantedEntitlement {
        let until: Int
        if let days = validForDays {
            until = frame.asOf + Int(min(days, PolicySetBuilder.longestValidity))
        } else if let quota {
            until = quota.periodEnd(containing: frame.asOf)
        } else {
            until = frame.asOf + 1
        }
        let used = Int(clamping: max(0, frame.quotaUsed[entry.code] ?? 0))
        let remaining = quota.map { $0.count > used ? $0.count - used : 0 }
        return GrantedEntitlement(code: entry.code, nameZh: entry.nameZh, nameEn: entry.nameEn, category: entry.category,
                                  params: params, quota: quota, remaining: remaining, validUntil: until, reason: reason,
                                  unitCost: entry.unitCost, grantedBy: location)
    }

    /// Cuts back a category's numeric param so the granted entitlements' sum stays
    /// within the cap; earlier grants keep theirs first.
    private func applyLimits(_ granted: inout [GrantedEntitlement]) {
        for limit in set.limits {
            var used = FixedDecimal(scaled: 0)
            for index in granted.indices where granted[index].category == limit.category {
                guard let position = granted[index].params.firstIndex(where: { $0.name == limit.param }),
                      let value = granted[index].params[position].value.asDecimal else { continue }
                let room = limit.cap.subtracting(used) ?? FixedDecimal(scaled: 0)
                let allowed = value > room ? max(room, FixedDecimal(scaled: 0)) : value
                if allowed != value {
                    granted[index].params[position].value = .decimal(allowed)
                    granted[index].reason += " (cut to \(allowed): \(limit.category) is capped at \(limit.cap) in all)"
                }
                used = used.adding(allowed) ?? limit.cap
            }
        }
    }
}
