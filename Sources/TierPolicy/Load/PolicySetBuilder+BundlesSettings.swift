extension PolicySetBuilder {
    /// Reads `settings.bundles`: a list of `{segment, bundle, lines}` rules, first
    /// match wins, the last one may be `{default: true, bundle, lines}`. `lines`
    /// maps product lines to shares of the bundle's premium that sum to 1.
    mutating func declareBundles(_ node: PolicyNode) {
        guard isFirstDefinition(of: "bundles", at: node.location) else { return }
        guard let items = node.items else {
            sink.add(.wrongNodeKind, "settings.bundles is a list of {segment, bundle, lines} rules, not \(node.shapeName)", at: node.location)
            return
        }
        var rules: [BundleRule] = []
        var failed = false
        for (index, item) in items.enumerated() {
            guard let rule = bundleRule(item, isLast: index == items.count - 1) else { failed = true; continue }
            rules.append(rule)
        }
        if !failed { settings.bundles = rules }
    }

    private mutating func bundleRule(_ item: PolicyNode, isLast: Bool) -> BundleRule? {
        let what = "a rule of settings.bundles"
        guard let reader = MappingReader(item, what, allowed: ["segment", "default", "bundle", "lines"], sink: sink) else { return nil }
        var segment: String?
        if let (name, node) = reader.optionalText("segment") {
            segment = name
            settingSegmentReferences.append((name, node.location))
        }
        if let (text, node) = reader.optionalText("default") {
            guard text == "true", segment == nil, isLast else {
                sink.add(.invalidValue, "the default bundle is the last rule, written default: true and no segment", at: node.location)
                return nil
            }
        } else if segment == nil {
            sink.add(.missingKey, "\(what) needs a segment (or, as the last rule, default: true)", at: item.location)
            return nil
        }
        guard let (name, nameNode) = reader.requiredText("bundle") else { return nil }
        guard Self.isName(name) else {
            sink.add(.invalidValue, "bundle names are lower_snake_case words; '\(name)' is not", at: nameNode.location)
            return nil
        }
        guard let linesNode = reader.required("lines"), let lines = bundleLines(linesNode) else { return nil }
        return BundleRule(segment: segment, bundle: name, lines: lines)
    }

    /// `{accident: 0.4, health: 0.3, life: 0.3}`: product lines with shares summing to 1.
    private func bundleLines(_ node: PolicyNode) -> [BundleRule.Line]? {
        guard let entries = node.entries, !entries.isEmpty else {
            sink.add(.wrongNodeKind, "lines maps product lines to shares, such as {accident: 0.4, life: 0.6}", at: node.location)
            return nil
        }
        var lines: [BundleRule.Line] = []
        var total = FixedDecimal(scaled: 0)
        for entry in entries {
            guard BundleRule.productLines.contains(entry.key) else {
                sink.add(.invalidValue, "'\(entry.key)' is not a product line; lines are \(BundleRule.productLines.joined(separator: ", "))", at: entry.keyLocation)
                return nil
            }
            guard let text = entry.value.scalar, let share = FixedDecimal(text), share > FixedDecimal(scaled: 0) else {
                sink.add(.invalidValue, "the share of \(entry.key) is a decimal above 0, such as 0.4", at: entry.value.location)
                return nil
            }
            lines.append(BundleRule.Line(productLine: entry.key, share: share))
            total = total.adding(share) ?? total
        }
        guard total == FixedDecimal(integer: 1)! else {
            sink.add(.invalidValue, "the shares of a bundle's lines add up to 1, not \(total)", at: node.location)
            return nil
        }
        return lines
    }
}
