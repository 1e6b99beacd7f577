extension PolicySetBuilder {
    /// Reads `settings.risk`: `letter_segment` (a segment of the set, checked once
    /// every segment is declared), `new_policy_within` (a duration from 1d) and
    /// `letter_priority` (0..100).
    mutating func declareRisk(_ node: PolicyNode) {
        guard let reader = MappingReader(node, "settings.risk", allowed: ["letter_segment", "new_policy_within", "letter_priority"], sink: sink) else { return }
        if let entry = reader.entries["letter_segment"], isFirstDefinition(of: "risk.letter_segment", at: entry.keyLocation),
           let (name, valueNode) = reader.optionalText("letter_segment") {
            settings.risk.letterSegment = name
            settingSegmentReferences.append((name, valueNode.location))
        }
        if let entry = reader.entries["new_policy_within"], isFirstDefinition(of: "risk.new_policy_within", at: entry.keyLocation),
           let (text, valueNode) = reader.optionalText("new_policy_within") {
            guard let days = Self.durationLiteral(text, at: valueNode.contentLocation), days > 0, days <= 3_660 else {
                sink.add(.invalidValue, "new_policy_within is a duration from 1d to 10y, such as 30d, not '\(text)'", at: valueNode.location)
                return
            }
            settings.risk.newPolicyWithinDays = Int(days)
        }
        if let entry = reader.entries["letter_priority"], isFirstDefinition(of: "risk.letter_priority", at: entry.keyLocation),
           let priority = priority(reader, entry, default: RiskSettings().letterPriority) {
            settings.risk.letterPriority = priority
        }
    }

    /// Reports the segments and tier tables settings name that the set does not
    /// define; call it after pass 1 has declared them all.
    func checkSettingSegments() {
        for (name, location) in settingSegmentReferences where segmentSlots[name] == nil {
            let suggestion = EditDistance.closest(to: name, among: segmentSlots.keys).map { "; did you mean '\($0)'?" } ?? ""
            sink.add(.unknownSegment, "no segment '\(name)' in the set\(suggestion)", at: location)
        }
        for (name, location) in settingTierReferences where tierSlots[name] == nil {
            let suggestion = EditDistance.closest(to: name, among: tierSlots.keys).map { "; did you mean '\($0)'?" } ?? ""
            sink.add(.unknownTier, "no tier table '\(name)' in the set\(suggestion)", at: location)
        }
    }
}
