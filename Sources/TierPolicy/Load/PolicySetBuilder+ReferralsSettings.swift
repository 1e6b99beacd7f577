extension PolicySetBuilder {
    /// Reads `settings.referrals`.
    mutating func declareReferrals(_ node: PolicyNode) {
    }
}
