extension PolicySetBuilder {
    /// Reads `settings.classification`.
    mutating func declareClassification(_ node: PolicyNode) {
    }
}
