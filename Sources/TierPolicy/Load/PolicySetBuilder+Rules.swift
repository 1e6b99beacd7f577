extension PolicySetBuilder {
    /// Pass 2: compiles every rule against the declared names.
    mutating func compile(_ sections: Sections) {
        segments = segmentDeclarations.map { entry in
            expression(entry.value, expecting: .bool, what: "segment '\(entry.key)'")
                .map { Segment(name: entry.key, condition: $0, location: entry.keyLocation) }
        }
        tiers = tierDeclarations.map { compileTier($0.entry) }
        for node in sections.grants { compileGrant(node) }
        for node in sections.tasks { compileTask(node) }
        for entry in sections.budgets { compileBudgets(entry) }
        for entry in sections.limits { compileLimit(entry) }
    }

    private func compileTier(_ entry: PolicyNode.Entry) -> TierTable? {
        guard let reader = MappingReader(entry.value, "tier table '\(entry.key)'", allowed: ["hit", "rows", "default"], sink: sink) else { return nil }
        var hit = TierTable.HitPolicy.first
        if let (text, node) = reader.optionalText("hit") {
            guard let policy = TierTable.HitPolicy(rawValue: text) else {
                sink.add(.invalidValue, "hit is 'first' or 'collect', not '\(text)'", at: node.location)
                return nil
            }
            hit = policy
        }
        let defaultTier = reader.optionalText("default")?.0
        guard let rowsNode = reader.required("rows") else { return nil }
        guard let items = rowsNode.items, !items.isEmpty else {
            sink.add(.wrongNodeKind, "rows must be a non-empty list of {when, tier}", at: rowsNode.location)
            return nil
        }
        var rows: [TierTable.Row] = []
        var failed = false
        for item in items {
            guard let row = MappingReader(item, "a row of tier table '\(entry.key)'", allowed: ["when", "tier"], sink: sink),
                  let whenNode = row.required("when"), let (tier, _) = row.requiredText("tier"),
                  let condition = expression(whenNode, expecting: .bool, what: "a row's 'when'") else { failed = true; continue }
            rows.append(TierTable.Row(condition: condition, tier: tier, location: item.location))
        }
        guard !failed else { return nil }
        return TierTable(name: entry.key, hit: hit, rows: rows, defaultTier: defaultTier, location: entry.keyLocation)
    }

    private mutating func compileGrant(_ node: PolicyNode) {
        let keys = ["grant", "when", "params", "quota", "valid_for", "reason"]
        guard let reader = MappingReader(node, "an entitlement rule", allowed: keys, sink: sink),
              let (code, codeNode) = reader.requiredText("grant") else { return }
        guard catalogue[code] != nil else {
            sink.add(.unknownEntitlement, "no entitlement '\(code)' in the catalogue", at: codeNode.location)
            return
        }
        guard let whenNode = reader.required("when"), let (reason, _) = reader.requiredText("reason"),
              let condition = expression(whenNode, expecting: .bool, what: "'when'") else { return }
        let params = namedValues(reader.optional("params"), what: "params")
        let quota = reader.optional("quota").flatMap { readQuota($0, of: code) }
        var validFor: Int64?
        if let validNode = reader.optional("valid_for") {
            guard let compiled = expression(validNode, expecting: .duration, what: "valid_for") else { return }
            guard case .duration(let days) = compiled.evaluate(EvaluationFrame(facts: [], asOf: 0)),
                  days > 0, days <= Self.longestValidity,
                  compiled.factsRead.isEmpty, compiled.segmentsRead.isEmpty, compiled.tiersRead.isEmpty else {
                sink.add(.invalidValue, "valid_for is a fixed duration from 1d to \(Self.longestValidity)d (100 years), such as 30d or 1y", at: validNode.location)
                return
            }
            validFor = days
        }
        grants.append(GrantRule(code: code, condition: condition, params: params, quota: quota,
                                validForDays: validFor, reason: reason, location: node.location))
    }

    private mutating func compileTask(_ node: PolicyNode) {
        let keys = ["kind", "when", "key", "due", "priority", "payload"]
        guard let reader = MappingReader(node, "a task rule", allowed: keys, sink: sink),
              let (kind, kindNode) = reader.requiredText("kind") else { return }
        guard Self.isName(kind) else {
            sink.add(.invalidValue, "task kinds are lower_snake_case words; '\(kind)' is not", at: kindNode.location)
            return
        }
        var priority = 0
        if let (text, priorityNode) = reader.optionalText("priority") {
            guard let value = Int(text), (0...100).contains(value) else {
                sink.add(.invalidValue, "priority is a whole number from 0 to 100, not '\(text)'", at: priorityNode.location)
                return
            }
            priority = value
        }
        let condition = reader.required("when").flatMap { expression($0, expecting: .bool, what: "'when'") }
        let key = reader.required("key").flatMap { keyTemplate($0) }
        let due = reader.required("due").flatMap { expression($0, expecting: .date, what: "'due'") }
        let payload = namedValues(reader.optional("payload"), what: "payload")
        guard let condition, let key, let due else { return }
        tasks.append(TaskRule(kind: kind, condition: condition, key: key, due: due, priority: priority,
                              payload: payload, location: node.location))
    }

    private mutating func compileBudgets(_ entry: PolicyNode.Entry) {
        guard let slot = tierSlots[entry.key]?.slot else {
            sink.add(.unknownTier, "budgets name a tier table, and there is no tier table '\(entry.key)'", at: entry.keyLocation)
            return
        }
        guard let table = tiers[slot] else { return }
        guard let perTier = entry.value.entries else {
            sink.add(.wrongNodeKind, "budgets of '\(entry.key)' must be a mapping of tier names", at: entry.value.location)
            return
        }
        for tierEntry in perTier {
            guard table.tierNames.contains(tierEntry.key) else {
                sink.add(.unknownTier, "tier table '\(entry.key)' never gives tier '\(tierEntry.key)'; it gives \(table.tierNames.joined(separator: ", "))", at: tierEntry.keyLocation)
                continue
            }
            guard let reader = MappingReader(tierEntry.value, "the budget of \(tierEntry.key)", allowed: ["yearly", "services"], sink: sink),
                  let (yearlyText, yearlyNode) = reader.requiredText("yearly"), let servicesNode = reader.required("services") else { continue }
            guard let yearly = FixedDecimal(yearlyText), yearly.scaled >= 0 else {
                sink.add(.invalidValue, "yearly is an amount in yuan such as 1500.00, not '\(yearlyText)'", at: yearlyNode.location)
                continue
            }
            guard let items = servicesNode.items else {
                sink.add(.wrongNodeKind, "services must be a ranked list of {grant, when}", at: servicesNode.location)
                continue
            }
            var services: [TierBudget.Service] = []
            for item in items {
                guard let service = MappingReader(item, "a budgeted service", allowed: ["grant", "when"], sink: sink),
                      let (code, codeNode) = service.requiredText("grant") else { continue }
                guard catalogue[code] != nil else {
                    sink.add(.unknownEntitlement, "no entitlement '\(code)' in the catalogue", at: codeNode.location)
                    continue
                }
                let condition = service.optional("when").flatMap { expression($0, expecting: .bool, what: "'when'") }
                services.append(TierBudget.Service(code: code, condition: condition, location: item.location))
            }
            budgets.append(TierBudget(table: entry.key, tableSlot: slot, tier: tierEntry.key, yearly: yearly, services: services, location: tierEntry.keyLocation))
        }
    }

    private mutating func compileLimit(_ entry: PolicyNode.Entry) {
        guard catalogue.values.contains(where: { $0.category == entry.key }) else {
            sink.add(.invalidValue, "no catalogue entry has category '\(entry.key)', so this limit would cap nothing", at: entry.keyLocation)
            return
        }
        guard let reader = MappingReader(entry.value, "the limit on \(entry.key)", allowed: ["param", "cap"], sink: sink),
              let (param, _) = reader.requiredText("param"), let (capText, capNode) = reader.requiredText("cap") else { return }
        guard let cap = FixedDecimal(capText), cap.scaled >= 0 else {
            sink.add(.invalidValue, "cap is a non-negative number such as 0.15, not '\(capText)'", at: capNode.location)
            return
        }
        limits.append(StackingLimit(category: entry.key, param: param, cap: cap, location: entry.keyLocation))
    }
}
