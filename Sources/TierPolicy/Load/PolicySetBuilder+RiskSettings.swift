extension PolicySetBuilder {
    /// Reads `settings.risk`.
    mutating func declareRisk(_ node: PolicyNode) {
    }
}
