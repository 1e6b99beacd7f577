extension PolicySetBuilder {
    /// Reads `settings.classification`: `window` and `loyal_after` (durations from 1d
    /// to 100 years), `abc_cuts` (two shares, 0 < a < b <= 1) and `value_table` (a
    /// tier table of the set, checked once every table is declared).
    mutating func declareClassification(_ node: PolicyNode) {
        let keys = ["window", "abc_cuts", "loyal_after", "value_table"]
        guard let reader = MappingReader(node, "settings.classification", allowed: keys, sink: sink) else { return }
        if let entry = reader.entries["window"], isFirstDefinition(of: "classification.window", at: entry.keyLocation),
           let days = classificationDays(reader, "window") {
            settings.classification.windowDays = days
        }
        if let entry = reader.entries["loyal_after"], isFirstDefinition(of: "classification.loyal_after", at: entry.keyLocation),
           let days = classificationDays(reader, "loyal_after") {
            settings.classification.loyalAfterDays = days
        }
        if let entry = reader.entries["abc_cuts"], isFirstDefinition(of: "classification.abc_cuts", at: entry.keyLocation),
           let cuts = abcCuts(entry.value) {
            settings.classification.abcCuts = cuts
        }
        if let entry = reader.entries["value_table"], isFirstDefinition(of: "classification.value_table", at: entry.keyLocation),
           let (name, valueNode) = reader.optionalText("value_table") {
            settings.classification.valueTable = name
            settingTierReferences.append((name, valueNode.location))
        }
    }

    private func classificationDays(_ reader: MappingReader, _ key: String) -> Int? {
        guard let (text, node) = reader.optionalText(key) else { return nil }
        guard let days = Self.durationLiteral(text, at: node.contentLocation), days > 0, days <= 36_500 else {
            sink.add(.invalidValue, "\(key) is a duration from 1d to 100y, such as 3y, not '\(text)'", at: node.location)
            return nil
        }
        return Int(days)
    }

    private func abcCuts(_ node: PolicyNode) -> [FixedDecimal]? {
        let rule = "abc_cuts is two shares, the first below the second, such as [0.80, 0.95]"
        guard let items = node.items, items.count == 2 else {
            sink.add(.invalidValue, rule, at: node.location)
            return nil
        }
        let cuts = items.compactMap { $0.scalar.flatMap { FixedDecimal($0) } }
        guard cuts.count == 2, cuts[0] > FixedDecimal(scaled: 0), cuts[0] < cuts[1], cuts[1] <= FixedDecimal(integer: 1)! else {
            sink.add(.invalidValue, rule, at: node.location)
            return nil
        }
        return cuts
    }
}
