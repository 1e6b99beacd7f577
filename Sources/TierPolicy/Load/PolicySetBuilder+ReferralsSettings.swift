extension PolicySetBuilder {
    /// Reads `settings.referrals`: `commission_rate`, a decimal share above 0 and at
    /// most 1, and `review_priority` (0..100).
    mutating func declareReferrals(_ node: PolicyNode) {
        guard let reader = MappingReader(node, "settings.referrals", allowed: ["commission_rate", "review_priority"], sink: sink) else { return }
        if let entry = reader.entries["commission_rate"], isFirstDefinition(of: "referrals.commission_rate", at: entry.keyLocation),
           let (text, valueNode) = reader.optionalText("commission_rate") {
            if let rate = FixedDecimal(text), rate > FixedDecimal(scaled: 0), rate <= FixedDecimal(integer: 1)! {
                settings.referrals.commissionRate = rate
            } else {
                sink.add(.invalidValue, "commission_rate is a share above 0 and at most 1, such as 0.05, not '\(text)'", at: valueNode.location)
            }
        }
        if let entry = reader.entries["review_priority"], isFirstDefinition(of: "referrals.review_priority", at: entry.keyLocation),
           let priority = priority(reader, entry, default: ReferralSettings().reviewPriority) {
            settings.referrals.reviewPriority = priority
        }
    }
}
