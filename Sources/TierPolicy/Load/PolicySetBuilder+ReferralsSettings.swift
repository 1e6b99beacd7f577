extension PolicySetBuilder {
    /// Reads `settings.referrals`: `commission_rate`, a decimal share above 0 and at most 1.
    mutating func declareReferrals(_ node: PolicyNode) {
        guard let reader = MappingReader(node, "settings.referrals", allowed: ["commission_rate"], sink: sink) else { return }
        guard let entry = reader.entries["commission_rate"],
              isFirstDefinition(of: "referrals.commission_rate", at: entry.keyLocation),
              let (text, valueNode) = reader.optionalText("commission_rate") else { return }
        guard let rate = FixedDecimal(text), rate > FixedDecimal(scaled: 0), rate <= FixedDecimal(integer: 1)! else {
            sink.add(.invalidValue, "commission_rate is a share above 0 and at most 1, such as 0.05, not '\(text)'", at: valueNode.location)
            return
        }
        settings.referrals.commissionRate = rate
    }
}
