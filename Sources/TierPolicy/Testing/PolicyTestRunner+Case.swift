import TierCalendar

extension PolicyTestRunner {
    static func runCase(_ node: PolicyNode, _ set: PolicySet) -> PolicyTestReport.Result {
        let entries = Dictionary((node.entries ?? []).map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        let name = entries["name"]?.scalar ?? "case at line \(node.location.line)"
        var failures: [String] = []
        func result() -> PolicyTestReport.Result { .init(name: name, location: node.location, failures: failures) }
        let allowed: Set = ["name", "context", "facts", "quota_used", "expect"]
        for entry in node.entries ?? [] where !allowed.contains(entry.key) {
            failures.append("unknown case field '\(entry.key)'; fields are \(allowed.sorted().joined(separator: ", "))")
        }

        var asOf = defaultAsOf, channel = defaultChannel
        for entry in entries["context"]?.entries ?? [] {
            switch entry.key {
            case "as_of":
                guard let day = entry.value.scalar.flatMap(CivilDate.parse) else { failures.append("context.as_of must be YYYY-MM-DD"); continue }
                asOf = day
            case "channel": channel = entry.value.scalar ?? channel
            default: failures.append("unknown context field '\(entry.key)'")
            }
        }
        var values = FactValueReader.defaults(schema: set.schema, asOf: asOf, channel: channel)
        for entry in entries["facts"]?.entries ?? [] {
            guard let slot = set.schema.slot(of: entry.key) else { failures.append("no fact named '\(entry.key)'"); continue }
            let type = set.schema[slot].type
            guard let value = read(entry.value, as: type) else {
                failures.append("fact \(entry.key) must be \(type)")
                continue
            }
            values[entry.key] = value
        }
        var quotaUsed: [String: Int64] = [:]
        for entry in entries["quota_used"]?.entries ?? [] {
            guard let count = entry.value.scalar.flatMap({ Int64($0) }) else { failures.append("quota_used.\(entry.key) must be a count"); continue }
            quotaUsed[entry.key] = count
        }
        guard failures.isEmpty else { return result() }
        FactValueReader.deriveAge(&values)
        let facts: FactSet
        do { facts = try FactSet(values, schema: set.schema) } catch {
            failures.append(error.description)
            return result()
        }
        let decision = PolicyEvaluator(set).evaluate(facts, quotaUsed: quotaUsed)
        failures += compare(decision, entries["expect"], set)
        return result()
    }

    static func read(_ node: PolicyNode, as type: PolicyType) -> PolicyValue? {
        if case .list(let element) = type {
            guard let items = node.items else { return nil }
            var values: [PolicyValue] = []
            for item in items {
                guard let value = read(item, as: element) else { return nil }
                values.append(value)
            }
            return .list(values)
        }
        return node.scalar.flatMap { FactValueReader.scalar($0, as: type) }
    }

    /// The differences between a decision and a case's expectations.
    static func compare(_ decision: Decision, _ expect: PolicyNode?, _ set: PolicySet) -> [String] {
        var failures: [String] = []
        let granted = decision.entitlements.map(\.code)
        let plannedKinds = decision.tasks.map(\.kind)
        func names(_ key: String) -> [String] { expect?.entries?.first { $0.key == key }?.value.items?.compactMap(\.scalar) ?? [] }
        // A misspelt name would make a "not_" expectation pass forever: refuse names the set does not have.
        let segmentNames = Set(set.segments.map(\.name)), taskKinds = Set(set.tasks.map(\.kind))
        for key in ["segments", "not_segments"] { for name in names(key) where !segmentNames.contains(name) { failures.append("\(key): the set has no segment '\(name)'") } }
        for key in ["entitlements", "not_entitlements"] { for code in names(key) where set.catalogue[code] == nil { failures.append("\(key): the catalogue has no '\(code)'") } }
        for key in ["tasks", "not_tasks"] { for kind in names(key) where !taskKinds.contains(kind) { failures.append("\(key): no task rule has kind '\(kind)'") } }
        for entry in expect?.entries?.first(where: { $0.key == "tiers" })?.value.entries ?? [] where !set.tiers.contains(where: { $0.name == entry.key }) {
            failures.append("tiers: the set has no tier table '\(entry.key)'")
        }
        for segment in names("segments") where !decision.segments.contains(segment) {
            failures.append("segment \(segment): expected to hold, did not (held: \(list(decision.segments)))")
        }
        for segment in names("not_segments") where decision.segments.contains(segment) {
            failures.append("segment \(segment): expected not to hold, it did")
        }
        for code in names("entitlements") where !granted.contains(code) {
            failures.append("entitlement \(code): expected, not granted (granted: \(list(granted)))")
        }
        for code in names("not_entitlements") where granted.contains(code) {
            failures.append("entitlement \(code): not expected, but granted")
        }
        for kind in names("tasks") where !plannedKinds.contains(kind) {
            failures.append("task \(kind): expected, not planned (planned: \(list(plannedKinds)))")
        }
        for kind in names("not_tasks") where plannedKinds.contains(kind) {
            failures.append("task \(kind): not expected, but planned")
        }
        for entry in expect?.entries?.first(where: { $0.key == "tiers" })?.value.entries ?? [] {
            let actual = decision.tiers.first { $0.table == entry.key }?.value ?? .missing
            let wanted: PolicyValue = entry.value.items.map { .list($0.compactMap(\.scalar).map(PolicyValue.string)) }
                ?? entry.value.scalar.map(PolicyValue.string) ?? .missing
            if actual != wanted { failures.append("tier \(entry.key): expected \(wanted), was \(actual)") }
        }
        for entry in expect?.entries?.first(where: { $0.key == "params" })?.value.entries ?? [] {
            guard let grant = decision.entitlement(entry.key) else {
                failures.append("params of \(entry.key): it was not granted")
                continue
            }
            for param in entry.value.entries ?? [] {
                let actual = grant.param(param.key) ?? .missing
                guard let text = param.value.scalar else { continue }
                // Read the expected text as the kind of value the param has.
                let wanted = FactValueReader.scalar(text, as: actual.kind) ?? .string(text)
                let same = actual == wanted || (actual.asDecimal != nil && actual.asDecimal == wanted.asDecimal)
                if !same { failures.append("param \(entry.key).\(param.key): expected \(wanted), was \(actual)") }
            }
        }
        for key in names("task_keys") where !decision.tasks.contains(where: { $0.key == key }) {
            failures.append("task key \(key): expected, not planned (keys: \(list(decision.tasks.map(\.key))))")
        }
        for entry in expect?.entries?.first(where: { $0.key == "remaining" })?.value.entries ?? [] {
            let actual = decision.entitlement(entry.key)?.remaining
            if actual.map(String.init) != entry.value.scalar {
                failures.append("remaining \(entry.key): expected \(entry.value.scalar ?? "?"), was \(actual.map(String.init) ?? "no quota or not granted")")
            }
        }
        if let text = expect?.entries?.first(where: { $0.key == "total_cost" })?.value.scalar {
            if FixedDecimal(text) != decision.totalCost { failures.append("total_cost: expected \(text), was \(decision.totalCost)") }
        }
        let known: Set = ["segments", "not_segments", "entitlements", "not_entitlements", "tasks", "not_tasks", "task_keys",
                          "tiers", "params", "remaining", "total_cost"]
        for entry in expect?.entries ?? [] where !known.contains(entry.key) {
            failures.append("unknown expectation '\(entry.key)'; use \(known.sorted().joined(separator: ", "))")
        }
        return failures
    }

    private static func list(_ names: [String]) -> String { names.isEmpty ? "none" : names.joined(separator: ", ") }
}
