/// Builds a ``PolicySet`` in passes: declare names, compile rules, order segments
/// and tiers, check tables. Problems go to the sink; the set is built only when
/// there are none.
struct PolicySetBuilder {
    let schema: FactSchema
    let sink: DiagnosticSink
    var catalogue: [String: Entitlement] = [:]
    var catalogueOrder: [String] = []
    var segmentSlots: [String: Int] = [:]
    var segmentDeclarations: [PolicyNode.Entry] = []
    var tierSlots: [String: (slot: Int, type: PolicyType)] = [:]
    var tierDeclarations: [(entry: PolicyNode.Entry, hit: TierTable.HitPolicy)] = []
    var segments: [Segment?] = []
    var tiers: [TierTable?] = []
    var grants: [GrantRule] = []
    var tasks: [TaskRule] = []
    var budgets: [TierBudget] = []
    var limits: [StackingLimit] = []
    var settings = PolicySettings()
    /// Where each setting (`revisits.lapse_after`, `green_channel.claims`) was first defined.
    var settingLocations: [String: PolicyLocation] = [:]
    /// Segments named by settings (`risk.letter_segment`, `bundles`), checked after pass 1.
    var settingSegmentReferences: [(name: String, location: PolicyLocation)] = []
    /// Tier tables named by settings (`classification.value_table`), checked after pass 1.
    var settingTierReferences: [(name: String, location: PolicyLocation)] = []
    var steps: [PolicySet.Step] = []

    /// The longest `valid_for` a grant may have: 100 years, in days.
    static let longestValidity: Int64 = 36_500

    init(schema: FactSchema, sink: DiagnosticSink) {
        self.schema = schema
        self.sink = sink
    }

    var scope: ExpressionScope {
        ExpressionScope(schema: schema, segments: segmentSlots, tiers: tierSlots, entitlements: Set(catalogue.keys),
                        settings: settings)
    }

    /// Pass 1: the catalogue, the settings and the names of segments and tier tables.
    mutating func declare(_ sections: Sections) {
        for node in sections.catalogue { declareEntitlement(node) }
        for entry in sections.settings { declareSetting(entry) }
        for entry in sections.segments {
            guard Self.isName(entry.key) else {
                sink.add(.invalidValue, "segment names are lower_snake_case words; '\(entry.key)' is not", at: entry.keyLocation)
                continue
            }
            if let slot = segmentSlots[entry.key] {
                let first = segmentDeclarations[slot].keyLocation
                sink.add(.duplicateName, "segment '\(entry.key)' is already defined at \(first)", at: entry.keyLocation)
                continue
            }
            segmentSlots[entry.key] = segmentDeclarations.count
            segmentDeclarations.append(entry)
        }
        for entry in sections.tiers {
            guard Self.isName(entry.key) else {
                sink.add(.invalidValue, "tier table names are lower_snake_case words; '\(entry.key)' is not", at: entry.keyLocation)
                continue
            }
            if let existing = tierSlots[entry.key] {
                let first = tierDeclarations[existing.slot].entry.keyLocation
                sink.add(.duplicateName, "tier table '\(entry.key)' is already defined at \(first)", at: entry.keyLocation)
                continue
            }
            var hit = TierTable.HitPolicy.first
            if let text = entry.value.entries?.first(where: { $0.key == "hit" })?.value.scalar {
                hit = TierTable.HitPolicy(rawValue: text) ?? .first  // an unknown value is reported when the table compiles
            }
            tierSlots[entry.key] = (tierDeclarations.count, hit == .collect ? .list(.string) : .string)
            tierDeclarations.append((entry, hit))
        }
    }

    private mutating func declareEntitlement(_ node: PolicyNode) {
        let keys = ["code", "name", "category", "unit_cost", "quota", "channels"]
        guard let reader = MappingReader(node, "a catalogue entry", allowed: keys, sink: sink),
              let (code, codeNode) = reader.requiredText("code") else { return }
        guard Self.isName(code) else {
            sink.add(.invalidValue, "entitlement codes are lower_snake_case words; '\(code)' is not", at: codeNode.location)
            return
        }
        if let existing = catalogue[code] {
            sink.add(.duplicateCode, "entitlement '\(code)' is already in the catalogue at \(existing.location)", at: codeNode.location)
            return
        }
        var zh = "", en = ""
        if let names = reader.required("name"), let nameReader = MappingReader(names, "the name of \(code)", allowed: ["zh", "en"], sink: sink) {
            zh = nameReader.requiredText("zh")?.0 ?? ""
            en = nameReader.requiredText("en")?.0 ?? ""
        }
        let category = reader.requiredText("category")?.0 ?? ""
        var cost = FixedDecimal(scaled: 0)
        if let (text, costNode) = reader.requiredText("unit_cost") {
            if let value = FixedDecimal(text), value.scaled >= 0 { cost = value } else {
                sink.add(.invalidValue, "unit_cost must be an amount in yuan such as 50.00, not '\(text)'", at: costNode.location)
            }
        }
        let quota = reader.optional("quota").flatMap { readQuota($0, of: code) }
        var channels: [String]?
        if let list = reader.optional("channels") {
            if let items = list.items, items.allSatisfy({ $0.scalar != nil }) {
                channels = items.compactMap(\.scalar)
            } else {
                sink.add(.wrongNodeKind, "channels must be a list of channel names", at: list.location)
            }
        }
        catalogue[code] = Entitlement(code: code, nameZh: zh, nameEn: en, category: category, unitCost: cost,
                                      quota: quota, channels: channels, location: codeNode.location)
        catalogueOrder.append(code)
    }

    /// Reads `{count: N, per: period}`.
    func readQuota(_ node: PolicyNode, of owner: String) -> Quota? {
        guard let reader = MappingReader(node, "the quota of \(owner)", allowed: ["count", "per"], sink: sink),
              let (countText, countNode) = reader.requiredText("count"),
              let (periodText, periodNode) = reader.requiredText("per") else { return nil }
        guard let count = Int(countText), count >= 0 else {
            sink.add(.invalidValue, "a quota count is a whole number of uses, not '\(countText)'", at: countNode.location)
            return nil
        }
        guard let period = Quota.Period(rawValue: periodText) else {
            sink.add(.invalidValue, "a quota is per \(Quota.Period.allCases.map(\.rawValue).joined(separator: ", ")), not '\(periodText)'", at: periodNode.location)
            return nil
        }
        return Quota(count: count, per: period)
    }

    static func isName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    func build(revision: String) -> PolicySet {
        PolicySet(revision: revision, schema: schema, catalogue: catalogue, catalogueOrder: catalogueOrder,
                  segments: segments.compactMap { $0 }, tiers: tiers.compactMap { $0 }, steps: steps,
                  grants: grants, tasks: tasks, budgets: budgets, limits: limits, settings: settings, scope: scope)
    }
}
