extension PolicySetBuilder {
    /// The sections `settings:` may have.
    static let settingSections = ["revisits", "green_channel", "loyalty", "referrals", "risk", "bundles", "classification"]

    /// Reads one section of a file's `settings:`. A setting (a key of `revisits`, a
    /// kind of `green_channel`) may be defined in one file of the set only.
    mutating func declareSetting(_ entry: PolicyNode.Entry) {
        switch entry.key {
        case "revisits": declareRevisits(entry.value)
        case "green_channel": declareGreenChannel(entry.value)
        case "loyalty": declareLoyalty(entry.value)
        case "referrals": declareReferrals(entry.value)
        case "risk": declareRisk(entry.value)
        case "bundles": declareBundles(entry.value)
        case "classification": declareClassification(entry.value)
        default:
            let suggestion = EditDistance.closest(to: entry.key, among: Self.settingSections).map { " (did you mean '\($0)'?)" } ?? ""
            sink.add(.unexpectedKey, "settings has no section '\(entry.key)'\(suggestion); sections are \(Self.settingSections.joined(separator: ", "))", at: entry.keyLocation)
        }
    }

    private mutating func declareRevisits(_ node: PolicyNode) {
        guard let reader = MappingReader(node, "settings.revisits", allowed: ["lapse_after", "churn_reasons"], sink: sink) else { return }
        if let entry = reader.entries["lapse_after"], isFirstDefinition(of: "revisits.lapse_after", at: entry.keyLocation),
           let days = lapseDays(reader) {
            settings.revisitLapseDays = days
        }
        if let entry = reader.entries["churn_reasons"], isFirstDefinition(of: "revisits.churn_reasons", at: entry.keyLocation),
           let reasons = churnReasons(entry.value) {
            settings.churnReasons = reasons
        }
    }

    /// The days of `lapse_after`: a duration literal from 1d to 100 years; nil (and a
    /// diagnostic) otherwise.
    private func lapseDays(_ reader: MappingReader) -> Int? {
        guard let (text, valueNode) = reader.optionalText("lapse_after") else { return nil }
        let longest = PolicySettings.longestRevisitLapseDays
        guard let days = Self.durationLiteral(text, at: valueNode.contentLocation), days > 0, days <= Int64(longest) else {
            sink.add(.invalidValue, "lapse_after is a duration from 1d to \(longest)d (100 years), such as 730d or 2y, not '\(text)'", at: valueNode.location)
            return nil
        }
        return Int(days)
    }

    /// The words of `churn_reasons`: a non-empty list of unique lower_snake_case words
    /// (they are stored in `tasks.churn_reason` and compared exactly). Nil, with every
    /// problem reported, when any item is wrong.
    private func churnReasons(_ node: PolicyNode) -> [String]? {
        let rule = "a list of lower_snake_case words, such as [price, service, other]"
        guard let items = node.items else {
            sink.add(.wrongNodeKind, "churn_reasons is \(rule), not \(node.shapeName)", at: node.location)
            return nil
        }
        guard !items.isEmpty else {
            sink.add(.invalidValue, "churn_reasons must list at least one reason", at: node.location)
            return nil
        }
        var reasons: [String] = []
        var seen: [String: PolicyLocation] = [:]
        var failed = false
        for item in items {
            guard let word = churnReason(item) else {
                failed = true
                continue
            }
            if let first = seen[word] {
                sink.add(.duplicateName, "churn reason '\(word)' is already listed at \(first)", at: item.location)
                failed = true
                continue
            }
            seen[word] = item.location
            reasons.append(word)
        }
        return failed ? nil : reasons
    }

    /// One item of `churn_reasons` when it is a lower_snake_case word; nil (and a diagnostic) otherwise.
    private func churnReason(_ item: PolicyNode) -> String? {
        guard let word = item.scalar else {
            sink.add(.wrongNodeKind, "a churn reason is a single word, not \(item.shapeName)", at: item.location)
            return nil
        }
        guard Self.isName(word) else {
            sink.add(.invalidValue, "churn reasons are lower_snake_case words; '\(word)' is not", at: item.location)
            return nil
        }
        return word
    }

    private mutating func declareGreenChannel(_ node: PolicyNode) {
        guard let reader = MappingReader(node, "settings.green_channel", allowed: PolicySettings.greenChannelKinds, sink: sink) else { return }
        for entry in node.entries ?? [] where reader.entries[entry.key] != nil {
            guard isFirstDefinition(of: "green_channel.\(entry.key)", at: entry.keyLocation) else { continue }
            if let rule = greenChannelRule(entry) { settings.greenChannel[entry.key] = rule }
        }
    }

    private func greenChannelRule(_ entry: PolicyNode.Entry) -> GreenChannelRule? {
        let what = "settings.green_channel.\(entry.key)"
        guard let reader = MappingReader(entry.value, what, allowed: ["entitlements", "channel", "sla_hours", "priority"], sink: sink) else { return nil }
        var failed = false
        // nil when written wrong (reported); then the codes are not checked against it.
        let channel = reader.optional("channel") == nil ? GreenChannelRule.defaultChannel : requestChannel(reader)
        var codes: [String] = []
        if let list = reader.required("entitlements") {
            if let items = list.items {
                if items.isEmpty {
                    sink.add(.invalidValue, "entitlements of \(what) must list at least one catalogue code", at: list.location)
                    failed = true
                }
                for item in items {
                    guard let code = entitlementCode(item, on: channel) else { failed = true; continue }
                    codes.append(code)
                }
            } else {
                sink.add(.wrongNodeKind, "entitlements of \(what) must be a list of catalogue codes, not \(list.shapeName)", at: list.location)
                failed = true
            }
        } else {
            failed = true
        }
        let slaHours = wholeNumber(reader, "sla_hours", at: 1, default: GreenChannelRule.defaultSLAHours, rule: "a whole number of hours, 1 or more")
        let priority = wholeNumber(reader, "priority", at: 0, default: GreenChannelRule.defaultPriority, rule: "a whole number, 0 or more")
        guard !failed, let channel, let slaHours, let priority else { return nil }
        return GreenChannelRule(kind: entry.key, entitlements: codes, channel: channel, slaHours: slaHours,
                                priority: priority, location: entry.keyLocation)
    }

    /// The `channel` field's value when it is a request channel; nil (and a diagnostic) otherwise.
    private func requestChannel(_ reader: MappingReader) -> String? {
        guard let (text, node) = reader.optionalText("channel") else { return nil }
        guard PolicySettings.requestChannels.contains(text) else {
            sink.add(.invalidValue, "channel is one of \(PolicySettings.requestChannels.joined(separator: ", ")), not '\(text)'", at: node.location)
            return nil
        }
        return text
    }

    /// A catalogue code written as a list item, offered on `channel` (when known);
    /// nil (and a diagnostic) otherwise.
    func entitlementCode(_ item: PolicyNode, on channel: String?) -> String? {
        guard let code = item.scalar else {
            sink.add(.wrongNodeKind, "an entitlement code must be a single word, not \(item.shapeName)", at: item.location)
            return nil
        }
        guard let entitlement = catalogue[code] else {
            let suggestion = EditDistance.closest(to: code, among: catalogue.keys).map { "; did you mean '\($0)'?" } ?? ""
            sink.add(.unknownEntitlement, "no entitlement '\(code)' in the catalogue\(suggestion)", at: item.location)
            return nil
        }
        if let channel, let offered = entitlement.channels, !offered.contains(channel) {
            sink.add(.invalidValue, "'\(code)' is offered only on \(offered.joined(separator: ", ")), so it never opens a green channel evaluated on \(channel)", at: item.location)
            return nil
        }
        return code
    }

    /// An optional whole-number field of at least `minimum`: its value, the default
    /// when absent, or nil (and a diagnostic) when it is not such a number.
    func wholeNumber(_ reader: MappingReader, _ key: String, at minimum: Int, default value: Int, rule: String) -> Int? {
        guard reader.optional(key) != nil else { return value }
        guard let (text, node) = reader.optionalText(key) else { return nil }
        guard let number = Int(text), number >= minimum else {
            sink.add(.invalidValue, "\(key) is \(rule), not '\(text)'", at: node.location)
            return nil
        }
        return number
    }

    /// An optional task priority field (0..100) of a settings section: its value, the
    /// default when absent, or nil (and a diagnostic) when it is not such a number.
    func priority(_ reader: MappingReader, _ entry: PolicyNode.Entry, default value: Int) -> Int? {
        let rule = "a whole number from 0 to 100"
        guard let priority = wholeNumber(reader, entry.key, at: 0, default: value, rule: rule) else { return nil }
        guard priority <= 100 else {
            sink.add(.invalidValue, "\(entry.key) is \(rule), not \(priority)", at: entry.value.location)
            return nil
        }
        return priority
    }

    /// Records where a setting is defined; reports and returns false when it already was.
    mutating func isFirstDefinition(of setting: String, at location: PolicyLocation) -> Bool {
        if let first = settingLocations[setting] {
            sink.add(.duplicateName, "setting '\(setting)' is already defined at \(first)", at: location)
            return false
        }
        settingLocations[setting] = location
        return true
    }

    /// The days of a duration literal such as `730d`, `2w` or `1y`; nil for anything else.
    static func durationLiteral(_ text: String, at location: PolicyLocation) -> Int64? {
        guard case .success(.literal(.duration(let days), _)) = ExpressionParser.parse(text, at: location) else { return nil }
        return days
    }
}
