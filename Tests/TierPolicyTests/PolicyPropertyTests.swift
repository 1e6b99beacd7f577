import Foundation
import Testing
import TierPolicy

/// Property-based tests: thousands of generated customers, evaluated against the test
/// fixture's set and against `policies/branch`, checking what must hold for every
/// input. Deterministic: each seed gives the same inputs on every run, so a failure
/// names its seed and input number and can be replayed.
@Suite struct PolicyPropertyTests {
    /// Fixed seeds; each gives ``iterations`` inputs.
    static let seeds: [UInt64] = [20_260_101, 0x5EED_7135, 42]
    /// Inputs generated per seed.
    static let iterations = 2000

    // MARK: The fixture's set

    @Test("fixture: evaluation is total, deterministic, well-formed and capped", arguments: PolicyPropertyTests.seeds)
    func fixtureDecisions(seed: UInt64) throws {
        let coverage = try PropertySubject(name: "fixture", set: load(PolicySetFixture.files).get()).checkDecisions(seed: seed)
        // Not vacuous: the discount cap binds, and entitlements and tasks are given.
        #expect(coverage.bindingLimits > 0 && coverage.grants > 0 && coverage.tasks > 0, "\(coverage)")
    }

    @Test("fixture: loyalty 5/6, revisit 730/731 and tier thresholds are exact", arguments: PolicyPropertyTests.seeds)
    func fixtureBoundaries(seed: UInt64) throws {
        let subject = try PropertySubject(name: "fixture", set: load(PolicySetFixture.files).get())
        subject.checkFixtureBoundaries(seed: seed)
        subject.checkThresholdRows(seed: seed)
    }

    @Test("fixture: thresholds derived from the loaded tier rows are the known ones")
    func fixtureThresholdsAreDerived() throws {
        let subject = try PropertySubject(name: "fixture", set: load(PolicySetFixture.files).get())
        let derived = subject.thresholds.map { "\($0.tableName) \($0.fact) \($0.op.rawValue) \($0.bound) → \($0.tier)" }
        #expect(derived == [
            "value history.annual_premium >= 200000 → diamond", "value history.annual_premium >= 100000 → platinum",
            "value history.annual_premium >= 50000 → gold", "value history.annual_premium >= 20000 → silver",
        ])
    }

    @Test("the generator covers the whole schema, its extremes and absent optional facts")
    func generatorCoverage() throws {
        let subject = try PropertySubject(name: "fixture", set: load(PolicySetFixture.files).get())
        var random = SplitMix64(state: Self.seeds[0])
        var seen: [String: Set<String>] = [:]
        for _ in 0..<Self.iterations {
            let input = subject.generator.input(&random, catalogue: subject.set.catalogueOrder)
            _ = try FactSet(input.values, schema: subject.set.schema)
            let asOf = input.asOf
            for declaration in subject.set.schema.declarations {
                var marks = seen[declaration.path, default: []]
                switch input.values[declaration.path] {
                case nil: marks.insert("absent")
                case .int(let v)?: marks.insert(v == .max ? "max" : v == .min ? "min" : v == 0 ? "zero" : "other")
                case .decimal(let v)?:
                    marks.insert(v.scaled == .max ? "max" : v.scaled == .min ? "min" : v.scaled < 0 ? "negative" : "other")
                case .date(let day)?:
                    let year = CivilDate.components(day).year
                    marks.insert(day == asOf ? "as-of" : year < 1950 ? "early" : year > 2050 ? "late" : "other")
                case .list(let items)?: marks.insert(items.isEmpty ? "empty" : "items")
                case .bool(let b)?: marks.insert(b ? "true" : "false")
                case .string?: marks.insert("string")
                default: marks.insert("other")
                }
                seen[declaration.path] = marks
            }
        }
        for declaration in subject.set.schema.declarations where declaration.path != "context.as_of" {
            let marks = seen[declaration.path, default: []]
            #expect(marks.contains("absent") == declaration.optional, "\(declaration.path): \(marks.sorted())")
            let wanted: Set<String>
            switch declaration.type {
            case .int: wanted = ["max", "min", "zero", "other"]
            case .decimal: wanted = ["max", "min", "negative", "other"]
            case .date: wanted = ["as-of", "early", "late", "other"]
            case .list: wanted = ["empty", "items"]
            case .bool: wanted = ["true", "false"]
            default: wanted = ["string"]
            }
            #expect(wanted.isSubset(of: marks), "\(declaration.path): \(marks.sorted())")
        }
    }

    // MARK: policies/branch

    @Test("policies/branch loads")
    func branchLoads() throws {
        let set = try BranchPolicies.load()
        #expect(!set.catalogue.isEmpty)
    }

    @Test("branch: evaluation is total, deterministic, well-formed and capped",
          arguments: PolicyPropertyTests.seeds)
    func branchDecisions(seed: UInt64) throws {
        let coverage = try PropertySubject(name: "branch", set: BranchPolicies.load()).checkDecisions(seed: seed)
        #expect(coverage.grants > 0, "\(coverage)")
    }

    @Test("branch: tier thresholds derived from its rows are exact",
          arguments: PolicyPropertyTests.seeds)
    func branchThresholds(seed: UInt64) throws {
        let subject = try PropertySubject(name: "branch", set: BranchPolicies.load())
        subject.checkThresholdRows(seed: seed)
    }
}

// MARK: - Randomness

// MARK: - Generated inputs

/// One generated customer: facts by path (absent optional facts left out) and quota usage.
private struct GeneratedInput {
    /// Fact values by path.
    var values: [String: PolicyValue]
    /// Uses of entitlements in their current period.
    var quotaUsed: [String: Int64]

    /// The as-of day.
    var asOf: Int {
        guard case .date(let day)? = values["context.as_of"] else { return PolicyTestRunner.defaultAsOf }
        return day
    }

    /// This input with one fact replaced (nil removes it).
    func with(_ path: String, _ value: PolicyValue?) -> GeneratedInput {
        var copy = self
        copy.values[path] = value
        return copy
    }
}

/// Random facts over the whole standard schema: every required fact, each optional fact
/// present or absent, values from everyday ones to the extremes of their type.
private struct FactGenerator {
    /// The schema to cover.
    let schema: FactSchema
    /// Numbers worth hitting exactly and just beside, by fact path (the set's thresholds).
    let interesting: [String: [FixedDecimal]]

    /// The request channels of the schema.
    static let channels = ["counter", "website", "wechat", "phone", "agent", "bancassurance", "other"]
    /// The product lines of the schema.
    static let productLines = ["accident", "health", "life", "investment_linked", "universal_life", "other"]
    /// The everyday values of string facts, by path.
    static let enumerations: [String: [String]] = [
        "customer.gender": ["male", "female", "other", "unknown"],
        "customer.branch": ["SH01", "BJ02", "GZ03"],
        "classification.abc_class": ["A", "B", "C"],
        "classification.quadrant": ["loyal_profitable", "loyal_unprofitable", "fickle_profitable", "fickle_unprofitable"],
        "risk.profile": ["averse", "neutral", "seeking"],
    ]
    /// Strings no policy expects.
    static let oddStrings = ["", " ", "理赔绿色通道", "O'Brien \"quoted\"", "{customer.id}", "COUNTER", String(repeating: "x", count: 300)]
    /// Int extremes, and decimal extremes as scaled values.
    static let intExtremes: [Int64] = [.max, .min, .max - 1, .min + 1, 0, 1, -1]
    static let decimalExtremes: [Int64] = [.max, .min, .max - 1, .min + 1, 0, 1, -1]
    /// The span everyday dates are drawn from: 1900-01-01 to 2100-12-31.
    static let firstDay = CivilDate.days(year: 1900, month: 1, day: 1)
    static let lastDay = CivilDate.days(year: 2100, month: 12, day: 31)
    /// The calendar's ends, which the engine accepts as fact values.
    static let calendarStart = CivilDate.days(year: 1, month: 1, day: 1)
    static let calendarEnd = CivilDate.days(year: 9999, month: 12, day: 31)

    /// One input; `catalogue` lists the codes quota usage may be given for.
    func input(_ random: inout SplitMix64, catalogue: [String]) -> GeneratedInput {
        let asOf: Int
        switch Int.random(in: 0..<64, using: &random) {
        case 0: asOf = Self.calendarEnd
        case 1: asOf = CivilDate.days(year: 3, month: 1, day: 1)
        case 2..<18: asOf = PolicyTestRunner.defaultAsOf
        default: asOf = Int.random(in: Self.firstDay...Self.lastDay, using: &random)
        }
        var values: [String: PolicyValue] = [:]
        for declaration in schema.declarations {
            if declaration.optional, random.chance(1, in: 3) { continue }
            values[declaration.path] = value(declaration.path, declaration.type, asOf: asOf, &random)
        }
        values["context.as_of"] = .date(asOf)
        values["context.channel"] = .string(random.chance(1, in: 12) ? random.pick(Self.oddStrings) : random.pick(Self.channels))
        var quotaUsed: [String: Int64] = [:]
        for code in catalogue where random.chance(2, in: 3) {
            quotaUsed[code] = random.pick([0, 0, 1, 1, 2, 3, 100, Int64.max])
        }
        return GeneratedInput(values: values, quotaUsed: quotaUsed)
    }

    /// A value of `type` for the fact at `path`.
    func value(_ path: String, _ type: PolicyType, asOf: Int, _ random: inout SplitMix64) -> PolicyValue {
        switch type {
        case .bool: return .bool(random.chance(1, in: 2))
        case .int: return .int(int(path, &random))
        case .decimal: return .decimal(decimal(path, &random))
        case .string:
            if random.chance(1, in: 8) { return .string(random.pick(Self.oddStrings)) }
            return .string(random.pick(Self.enumerations[path] ?? ["a", "b", "c"]))
        case .date: return .date(date(asOf: asOf, &random))
        case .duration: return .duration(Int64.random(in: -1000...1000, using: &random))
        case .list(let element):
            let count = random.pick([0, 0, 1, 1, 2, 3, 4, 6, 9])
            return .list((0..<count).map { _ in
                if element == .string, path == "history.product_lines" {
                    return .string(random.chance(1, in: 12) ? random.pick(["pet", "", "LIFE"]) : random.pick(Self.productLines))
                }
                return value(path, element, asOf: asOf, &random)
            })
        case .emptyList: return .list([])
        }
    }

    /// An int: extremes, anywhere in Int64, the set's thresholds and their neighbours,
    /// the seed's boundaries, or an everyday count.
    func int(_ path: String, _ random: inout SplitMix64) -> Int64 {
        switch Int.random(in: 0..<10, using: &random) {
        case 0: return random.pick(Self.intExtremes)
        case 1: return Int64.random(in: .min ... .max, using: &random)
        case 2:
            let near = (interesting[path] ?? []).compactMap { bound -> Int64? in
                bound.scaled % FixedDecimal.scale == 0 ? bound.scaled / FixedDecimal.scale : nil
            }
            guard let bound = near.isEmpty ? nil : random.pick(near) else { return random.pick([5, 6, 730, 731]) }
            return bound.addingReportingOverflow(random.pick([-1, 0, 1])).partialValue
        case 3: return random.pick([5, 6, 730, 731])
        case 4...6: return Int64.random(in: 0...10, using: &random)
        default: return Int64.random(in: -5...200, using: &random)
        }
    }

    /// A decimal: extremes, anywhere in range, huge or negative amounts, the set's
    /// thresholds and just beside them, or an everyday amount in cents.
    func decimal(_ path: String, _ random: inout SplitMix64) -> FixedDecimal {
        switch Int.random(in: 0..<10, using: &random) {
        case 0: return FixedDecimal(scaled: random.pick(Self.decimalExtremes))
        case 1: return FixedDecimal(scaled: Int64.random(in: .min ... .max, using: &random))
        case 2:
            guard let bounds = interesting[path], !bounds.isEmpty else { return FixedDecimal(scaled: Int64.random(in: -10_000_000...0, using: &random)) }
            let offset = random.pick([-100, -1, 0, 0, 1, 100] as [Int64])
            return FixedDecimal(scaled: random.pick(bounds).scaled.addingReportingOverflow(offset).partialValue)
        case 3: return FixedDecimal(scaled: -Int64.random(in: 0...10_000_000_000, using: &random) * 100)
        case 4: return FixedDecimal(scaled: Int64.random(in: 0...1_000_000_000_000, using: &random) * 10_000)
        default: return FixedDecimal(scaled: Int64.random(in: 0...30_000_000, using: &random) * 100)
        }
    }

    /// A date: anywhere in 1900...2100, the as-of date, just either side of two years
    /// before it, near it, or the calendar's ends.
    func date(asOf: Int, _ random: inout SplitMix64) -> Int {
        let day: Int
        switch Int.random(in: 0..<10, using: &random) {
        case 0, 1: day = asOf
        case 2: day = asOf - random.pick([729, 730, 731, 732])
        case 3: day = random.pick([Self.calendarStart, Self.calendarEnd])
        case 4: day = asOf + Int.random(in: -1000...1000, using: &random)
        default: day = Int.random(in: Self.firstDay...Self.lastDay, using: &random)
        }
        return min(max(day, Self.calendarStart), Self.calendarEnd)
    }
}

// MARK: - Thresholds

/// A tier-table row written `fact OP literal` (`history.annual_premium >= 50000`), found
/// in a loaded set, with the values of its fact on each side of the bound.
private struct ThresholdRow {
    /// The table's position in `PolicySet.tiers`, and its name.
    var table: Int
    var tableName: String
    /// The row's position in the table, and the tier it gives.
    var row: Int
    var tier: String
    /// The fact compared, and its declared type.
    var fact: String
    var type: PolicyType
    /// The comparison and its literal bound.
    var op: BinaryOperator
    var bound: FixedDecimal

    /// Every threshold row of a set's tables, in table and row order.
    static func all(in set: PolicySet) -> [ThresholdRow] {
        var found: [ThresholdRow] = []
        for (tableIndex, table) in set.tiers.enumerated() {
            for (rowIndex, row) in table.rows.enumerated() {
                guard case .binary(let op, .name(let parts, _), .literal(let literal, _), _) = row.condition.source,
                      [.greaterOrEqual, .greater, .lessOrEqual, .less].contains(op),
                      let slot = set.schema.slot(of: parts.joined(separator: ".")), set.schema[slot].type.isNumeric else { continue }
                let bound: FixedDecimal?
                switch literal {
                case .integer(let value): bound = FixedDecimal(integer: value)
                case .decimal(let text): bound = FixedDecimal(text)
                default: bound = nil
                }
                guard let bound else { continue }
                found.append(ThresholdRow(table: tableIndex, tableName: table.name, row: rowIndex, tier: row.tier,
                                          fact: set.schema[slot].path, type: set.schema[slot].type, op: op, bound: bound))
            }
        }
        return found
    }

    /// Whether `value` meets the row's condition.
    func holds(_ value: FixedDecimal) -> Bool {
        switch op {
        case .greaterOrEqual: return value >= bound
        case .greater: return value > bound
        case .lessOrEqual: return value <= bound
        default: return value < bound
        }
    }

    /// The value nearest the bound that meets the condition and its neighbour one `step`
    /// away that does not (for an int fact the step is 1); nil if they do not fit.
    func sides(step: FixedDecimal) -> (inside: PolicyValue, outside: PolicyValue)? {
        let lower = op == .greaterOrEqual || op == .greater
        if type == .int {
            let scale = FixedDecimal.scale
            // The integers just below and above the bound (the bound itself when whole).
            let floor = bound.scaled >= 0 || bound.scaled % scale == 0 ? bound.scaled / scale : bound.scaled / scale - 1
            let candidates = [floor - 1, floor, floor + 1, floor + 2]
            let meets = candidates.filter { FixedDecimal(integer: $0).map(holds) ?? false }
            guard let inside = lower ? meets.min() : meets.max() else { return nil }
            return (.int(inside), .int(lower ? inside - 1 : inside + 1))
        }
        let inclusive = op == .greaterOrEqual || op == .lessOrEqual
        let toward = lower ? step : FixedDecimal(scaled: -step.scaled)
        let away = FixedDecimal(scaled: -toward.scaled)
        guard let inside = inclusive ? bound : bound.adding(toward), let outside = inclusive ? bound.adding(away) : bound else { return nil }
        return (.decimal(inside), .decimal(outside))
    }
}

// MARK: - The subject: a loaded set and its checks

/// A loaded set with its evaluator, a generator aimed at its thresholds, and the checks.
private struct PropertySubject {
    /// "fixture" or "branch", for messages.
    let name: String
    /// The loaded set and its evaluator.
    let set: PolicySet
    let evaluator: PolicyEvaluator
    /// Its threshold rows, found in its tier tables.
    let thresholds: [ThresholdRow]
    /// Inputs over the whole schema, aimed at its thresholds.
    let generator: FactGenerator

    /// Prepares a set for checking.
    init(name: String, set: PolicySet) {
        self.name = name
        self.set = set
        self.evaluator = PolicyEvaluator(set)
        self.thresholds = ThresholdRow.all(in: set)
        var interesting: [String: [FixedDecimal]] = [:]
        for threshold in thresholds { interesting[threshold.fact, default: []].append(threshold.bound) }
        self.generator = FactGenerator(schema: set.schema, interesting: interesting)
    }

    /// Runs `body` on each of the seed's inputs, collecting violations; reports them as one issue.
    func forEachInput(seed: UInt64, _ what: String, sourceLocation: SourceLocation = #_sourceLocation,
                      _ body: (GeneratedInput, inout Violations) -> Void) {
        var random = SplitMix64(state: seed)
        var violations = Violations()
        for number in 0..<PolicyPropertyTests.iterations {
            let input = generator.input(&random, catalogue: set.catalogueOrder)
            violations.context = "\(name) seed \(seed) input #\(number)"
            body(input, &violations)
        }
        violations.report(what, sourceLocation: sourceLocation)
    }

    /// Builds the fact set, or records why the schema refused it (a generator bug).
    func factSet(_ input: GeneratedInput, _ violations: inout Violations) -> FactSet? {
        do { return try FactSet(input.values, schema: set.schema) } catch {
            violations.add("the schema refused generated facts: \(error)")
            return nil
        }
    }

    /// Evaluates every input twice and explains it: never traps, the same decision each
    /// time, and every decision well-formed and within the stacking caps. Returns how
    /// much the inputs exercised.
    @discardableResult
    func checkDecisions(seed: UInt64) -> Coverage {
        var random = SplitMix64(state: seed ^ 0xC0DE)
        var coverage = Coverage()
        forEachInput(seed: seed, "decisions") { input, violations in
            guard let facts = factSet(input, &violations), let again = factSet(input, &violations) else { return }
            let decision = evaluator.evaluate(facts, quotaUsed: input.quotaUsed)
            let second = evaluator.evaluate(again, quotaUsed: input.quotaUsed)
            let explanation = evaluator.explain(facts, quotaUsed: input.quotaUsed)
            let fingerprint = Fingerprint(decision)
            if Fingerprint(second) != fingerprint { violations.add("two evaluations differ:\n\(fingerprint)\n\(Fingerprint(second))") }
            if Fingerprint(explanation.decision) != fingerprint { violations.add("explain decided differently from evaluate") }
            checkWellFormed(decision, facts, &violations)
            checkLimits(decision, &violations)
            coverage.note(decision, limits: set.limits)
            checkTiers(decision, facts, input.quotaUsed, &violations)
            checkExplanation(explanation, decision, &violations)
            if let code = set.catalogueOrder.isEmpty ? nil : random.pick(set.catalogueOrder) {
                let hints = evaluator.explain(facts, quotaUsed: input.quotaUsed, code: code).hints.map(\.code)
                let wanted = decision.entitlement(code) == nil ? [code] : []
                if hints != wanted { violations.add("explain for \(code) gave hints for \(hints), expected \(wanted)") }
            }
        }
        return coverage
    }

    /// Revision, as-of and channel stamped; each code granted once, from the catalogue,
    /// with its category and cost, on a channel it applies to; total cost the sum;
    /// tasks from the set's rules with sane priorities and keys.
    func checkWellFormed(_ decision: Decision, _ facts: FactSet, _ violations: inout Violations) {
        if decision.revision != set.revision { violations.add("decision carries revision \(decision.revision)") }
        if decision.asOf != facts.asOf || decision.channel != facts.channel { violations.add("as-of or channel not stamped") }
        var codes = Set<String>()
        var total = FixedDecimal(scaled: 0)
        for grant in decision.entitlements {
            if !codes.insert(grant.code).inserted { violations.add("\(grant.code) granted twice") }
            guard let entry = set.catalogue[grant.code] else { violations.add("\(grant.code) is not in the catalogue"); continue }
            if grant.category != entry.category || grant.unitCost != entry.unitCost { violations.add("\(grant.code): category or cost differs from the catalogue") }
            if let channels = entry.channels, !channels.contains(facts.channel) { violations.add("\(grant.code) granted on channel \(facts.channel)") }
            if grant.validUntil <= facts.asOf { violations.add("\(grant.code) valid only until \(grant.validUntil), not after the as-of day") }
            if let remaining = grant.remaining, remaining < 0 { violations.add("\(grant.code) has \(remaining) uses left") }
            total = total.adding(grant.unitCost) ?? total
        }
        if total != decision.totalCost { violations.add("total cost \(decision.totalCost), but the grants cost \(total)") }
        let kinds = Set(set.tasks.map(\.kind))
        for task in decision.tasks {
            if !kinds.contains(task.kind) || !(0...100).contains(task.priority) || task.key.isEmpty {
                violations.add("malformed task \(task.kind) key '\(task.key)' priority \(task.priority)")
            }
        }
    }

    /// For every limit: the sum of its param over granted entitlements of its category
    /// stays within the cap.
    func checkLimits(_ decision: Decision, _ violations: inout Violations) {
        for limit in set.limits {
            var sum = FixedDecimal(scaled: 0)
            for grant in decision.entitlements where grant.category == limit.category {
                let amount: FixedDecimal?
                switch grant.param(limit.param) {
                case .decimal(let value)?: amount = value
                case .int(let value)?: amount = FixedDecimal(integer: value)
                default: amount = nil
                }
                guard let amount else { continue }
                guard let next = sum.adding(amount) else {
                    violations.add("\(limit.category).\(limit.param) sum overflows")
                    break
                }
                sum = next
            }
            if sum > limit.cap {
                let parts = decision.entitlements.filter { $0.category == limit.category }.map { "\($0.code)=\($0.param(limit.param) ?? .missing)" }
                violations.add("\(limit.category).\(limit.param) adds up to \(sum), over the cap \(limit.cap): \(parts)")
            }
        }
    }

    /// A frame holding what the decision computed: its facts, segments and tiers.
    func decisionFrame(_ decision: Decision, _ facts: FactSet, _ quotaUsed: [String: Int64]) -> EvaluationFrame {
        let frame = EvaluationFrame(facts: facts.values, segments: set.segments.count, tiers: set.tiers.count,
                                    quotaUsed: quotaUsed, asOf: facts.asOf)
        for (slot, segment) in set.segments.enumerated() { frame.segments[slot] = .bool(decision.segments.contains(segment.name)) }
        for (slot, tier) in decision.tiers.enumerated() where slot < set.tiers.count { frame.tiers[slot] = tier.value }
        return frame
    }

    /// What each table gives by its hit policy, its rows evaluated on the decision's frame.
    func expectedTier(_ table: TierTable, _ frame: EvaluationFrame) -> PolicyValue {
        let holding = table.rows.filter { $0.condition.evaluate(frame).isTrue }
        switch table.hit {
        case .first: return (holding.first?.tier ?? table.defaultTier).map(PolicyValue.string) ?? .missing
        case .collect: return .list(holding.map { .string($0.tier) })
        }
    }

    /// Every table gave what its rows and hit policy say, and every segment holds exactly
    /// when its condition does.
    func checkTiers(_ decision: Decision, _ facts: FactSet, _ quotaUsed: [String: Int64], _ violations: inout Violations) {
        let frame = decisionFrame(decision, facts, quotaUsed)
        let tables = decision.tiers.map { $0.table }
        if tables != set.tiers.map(\.name) { violations.add("tiers out of order: \(tables)") }
        for (slot, table) in set.tiers.enumerated() where slot < decision.tiers.count {
            let expected = expectedTier(table, frame)
            if decision.tiers[slot].value != expected { violations.add("tier \(table.name) is \(decision.tiers[slot].value), its rows give \(expected)") }
        }
        for segment in set.segments where segment.condition.evaluate(frame).isTrue != decision.segments.contains(segment.name) {
            violations.add("segment \(segment.name) disagrees with its condition")
        }
    }

    /// The explanation has a step per rule and a hint for each entitlement not granted.
    func checkExplanation(_ explanation: Explanation, _ decision: Decision, _ violations: inout Violations) {
        let steps = set.segments.count + set.tiers.reduce(0) { $0 + $1.rows.count } + set.grants.count
            + set.budgets.reduce(0) { $0 + $1.services.filter { $0.condition != nil }.count } + set.tasks.count
        if explanation.steps.count != steps { violations.add("explain has \(explanation.steps.count) steps, expected \(steps)") }
        let missing = set.catalogueOrder.filter { decision.entitlement($0) == nil }
        if explanation.hints.map(\.code) != missing { violations.add("hints for \(explanation.hints.map(\.code)), expected \(missing)") }
        for hint in explanation.hints where hint.reasons.isEmpty { violations.add("hint for \(hint.code) gives no reason") }
    }

    /// For every threshold row and every input: at the value just inside the bound the row
    /// holds, just outside it does not (by 0.01 and by 0.0001 for decimals, by 1 for ints),
    /// and the table gives what its rows say; where no earlier row holds, the row's tier.
    func checkThresholdRows(seed: UInt64) {
        var exercised = [Int](repeating: 0, count: thresholds.count)
        forEachInput(seed: seed, "tier thresholds") { input, violations in
            for (index, threshold) in thresholds.enumerated() {
                let steps = threshold.type == .int ? [FixedDecimal(scaled: FixedDecimal.scale)] : [FixedDecimal(scaled: 100), FixedDecimal(scaled: 1)]
                for step in steps {
                    guard let (inside, outside) = threshold.sides(step: step) else {
                        violations.add("\(threshold.fact) \(threshold.op.rawValue) \(threshold.bound): no value beside the bound")
                        continue
                    }
                    for (value, holds) in [(inside, true), (outside, false)] {
                        guard let facts = factSet(input.with(threshold.fact, value), &violations) else { continue }
                        let decision = evaluator.evaluate(facts, quotaUsed: input.quotaUsed)
                        let frame = decisionFrame(decision, facts, input.quotaUsed)
                        let table = set.tiers[threshold.table]
                        let label = "\(table.name) row \(threshold.row + 1) (\(threshold.fact) \(threshold.op.rawValue) \(threshold.bound)) at \(value)"
                        if table.rows[threshold.row].condition.evaluate(frame).isTrue != holds {
                            violations.add("\(label): the row should \(holds ? "" : "not ")hold")
                        }
                        let actual = decision.tiers[threshold.table].value
                        let expected = expectedTier(table, frame)
                        if actual != expected { violations.add("\(label): tier is \(actual), its rows give \(expected)") }
                        let earlier = table.rows[..<threshold.row].contains { $0.condition.evaluate(frame).isTrue }
                        if holds, table.hit == .first, !earlier {
                            exercised[index] += 1
                            if actual != .string(threshold.tier) { violations.add("\(label): tier is \(actual), not \(threshold.tier)") }
                        }
                    }
                }
            }
        }
        for (index, threshold) in thresholds.enumerated() where set.tiers[threshold.table].hit == .first {
            #expect(exercised[index] > 0, "\(name): \(threshold.tableName) row \(threshold.row + 1) was never reached at its bound")
        }
    }

    /// The fixture's known boundaries on every generated customer: 5 vs 6 household
    /// long-term policies for the loyalty cover, 730 vs 731 days for the revisit task, and
    /// each value-tier threshold at x − 0.01 vs x.
    func checkFixtureBoundaries(seed: UInt64) {
        let tiers: [(premium: String, below: String, tier: String)] = [
            ("20000", "ordinary", "silver"), ("50000", "silver", "gold"), ("100000", "gold", "platinum"), ("200000", "platinum", "diamond"),
        ]
        forEachInput(seed: seed, "fixture boundaries") { input, violations in
            // Loyalty cover: 6 or more long-term policies in the household.
            for (count, granted) in [(5, false), (6, true)] {
                guard let facts = factSet(input.with("household.long_term_policies", .int(Int64(count))), &violations) else { continue }
                let decision = evaluator.evaluate(facts, quotaUsed: input.quotaUsed)
                let cover = decision.entitlement("free_accident_cover")
                if (cover != nil) != granted || decision.segments.contains("loyal_household") != granted {
                    violations.add("household.long_term_policies \(count): loyalty cover \(cover == nil ? "not " : "")granted")
                }
                if let cover {
                    let used = Int(clamping: input.quotaUsed["free_accident_cover"] ?? 0)
                    let nextYear = CivilDate.days(year: CivilDate.components(facts.asOf).year + 1, month: 1, day: 1)
                    if cover.validUntil != nextYear || cover.remaining != max(0, 1 - used) {
                        violations.add("loyalty cover valid until \(CivilDate.format(cover.validUntil)), \(cover.remaining ?? -1) left (used \(used))")
                    }
                }
            }
            // Revisit: the last purchase more than 730 days ago.
            let asOf = input.asOf
            for (days, planned) in [(730, false), (731, true)] where asOf - days >= FactGenerator.calendarStart {
                let lastPurchase = asOf - days
                guard let facts = factSet(input.with("history.last_purchase_on", .date(lastPurchase)), &violations) else { continue }
                let tasks = evaluator.evaluate(facts, quotaUsed: input.quotaUsed).tasks.filter { $0.kind == "revisit" }
                guard planned else {
                    if !tasks.isEmpty { violations.add("\(days) days since the last purchase: revisit planned") }
                    continue
                }
                guard tasks.count == 1, let task = tasks.first else { violations.add("\(days) days since the last purchase: \(tasks.count) revisit tasks"); continue }
                guard case .int(let id)? = input.values["customer.id"] else { continue }
                let due = asOf + 7 <= FactGenerator.calendarEnd ? asOf + 7 : asOf
                if task.key != "revisit:\(id):\(CivilDate.format(lastPurchase))" || task.due != due || task.priority != 5
                    || task.payload.first?.value != .date(lastPurchase) {
                    violations.add("revisit task \(task.key) due \(CivilDate.format(task.due)) priority \(task.priority)")
                }
            }
            if let facts = factSet(input.with("history.last_purchase_on", nil), &violations),
               evaluator.evaluate(facts, quotaUsed: input.quotaUsed).tasks.contains(where: { $0.kind == "revisit" }) {
                violations.add("revisit planned with no purchase on record")
            }
            // Value tiers: x − 0.01 is the tier below, x the tier.
            for (premium, below, tier) in tiers {
                let bound = FixedDecimal(premium)!
                for (amount, expected) in [(bound.subtracting(FixedDecimal(scaled: 100))!, below), (bound, tier)] {
                    guard let facts = factSet(input.with("history.annual_premium", .decimal(amount)), &violations) else { continue }
                    let decision = evaluator.evaluate(facts, quotaUsed: input.quotaUsed)
                    if decision.tier("value") != expected || decision.segments.contains("vip") != (expected != "ordinary") {
                        violations.add("annual premium \(amount): tier \(decision.tier("value") ?? "none"), expected \(expected)")
                    }
                }
            }
        }
    }
}

// MARK: - Support

/// How much generated inputs exercised a set, so a property cannot pass vacuously.
private struct Coverage: CustomStringConvertible {
    /// Entitlements granted and tasks planned, over all inputs.
    var grants = 0
    var tasks = 0
    /// Decisions where a stacking limit cut a grant back.
    var bindingLimits = 0

    /// Counts one decision.
    mutating func note(_ decision: Decision, limits: [StackingLimit]) {
        grants += decision.entitlements.count
        tasks += decision.tasks.count
        if limits.contains(where: { limit in decision.entitlements.contains { $0.category == limit.category && $0.reason.contains("(cut to ") } }) {
            bindingLimits += 1
        }
    }

    var description: String { "\(grants) grants, \(tasks) tasks, \(bindingLimits) decisions cut back by a limit" }
}

/// Property violations: how many, and the first few in full with the input that caused them.
private struct Violations {
    /// The current input, prefixed to each violation.
    var context = ""
    /// How many were found, and the first ten.
    private(set) var count = 0
    private(set) var first: [String] = []

    /// Records one violation.
    mutating func add(_ text: String) {
        count += 1
        if first.count < 10 { first.append("\(context): \(text)") }
    }

    /// One issue summing them up, if there are any.
    func report(_ what: String, sourceLocation: SourceLocation) {
        #expect(count == 0, "\(what): \(count) violations, the first:\n\(first.joined(separator: "\n"))", sourceLocation: sourceLocation)
    }
}

/// Everything a decision says, in a form that compares with `==`.
private struct Fingerprint: Equatable, CustomStringConvertible {
    /// A param or payload value, or a tier table's result.
    struct Named: Equatable {
        var name: String
        var value: PolicyValue
    }

    /// A granted entitlement.
    struct Grant: Equatable {
        var code: String
        var params: [Named]
        var quota: Quota?
        var remaining: Int?
        var validUntil: Int
        var reason: String
        var unitCost: FixedDecimal
    }

    /// A planned task.
    struct PlannedWork: Equatable {
        var kind: String
        var key: String
        var due: Int
        var priority: Int
        var payload: [Named]
    }

    /// The decision's parts.
    var revision: String
    var segments: [String]
    var tiers: [Named]
    var grants: [Grant]
    var tasks: [PlannedWork]
    var totalCost: FixedDecimal

    /// The fingerprint of a decision.
    init(_ decision: Decision) {
        revision = decision.revision
        segments = decision.segments
        tiers = decision.tiers.map { Named(name: $0.table, value: $0.value) }
        grants = decision.entitlements.map {
            Grant(code: $0.code, params: $0.params.map { Named(name: $0.name, value: $0.value) }, quota: $0.quota,
                  remaining: $0.remaining, validUntil: $0.validUntil, reason: $0.reason, unitCost: $0.unitCost)
        }
        tasks = decision.tasks.map {
            PlannedWork(kind: $0.kind, key: $0.key, due: $0.due, priority: $0.priority,
                        payload: $0.payload.map { Named(name: $0.name, value: $0.value) })
        }
        totalCost = decision.totalCost
    }

    var description: String {
        let granted = grants.map { "\($0.code)\($0.params.map { "\($0.name)=\($0.value)" })" }
        return "segments \(segments), tiers \(tiers.map { "\($0.name)=\($0.value)" }), grants \(granted), "
            + "tasks \(tasks.map { "\($0.kind):\($0.key)" }), total \(totalCost)"
    }
}

/// The branch's default set, `policies/branch` of this checkout, read from disk.
private enum BranchPolicies {
    /// The set's directory, found from this file's path.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("policies/branch")

    /// The set's source paths relative to its directory: `.yaml`/`.yml` files outside `tests/`.
    static var sourceNames: [String] {
        let names = FileManager.default.subpaths(atPath: directory.path) ?? []
        return names.filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.hasPrefix("tests/") }.sorted()
    }

    /// The loaded set. A file that cannot be read, or a set that does not load, is a test
    /// failure listing every diagnostic.
    static func load() throws -> PolicySet {
        let files = try sourceNames.map { name in
            PolicySourceFile(name: name, text: try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8))
        }
        switch PolicyLoader.load(files) {
        case .success(let set): return set
        case .failure(let list):
            Issue.record("policies/branch does not load:\n\(list)")
            throw list
        }
    }
}
