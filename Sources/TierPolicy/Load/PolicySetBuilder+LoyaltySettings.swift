extension PolicySetBuilder {
    /// Reads `settings.loyalty`.
    mutating func declareLoyalty(_ node: PolicyNode) {
    }
}
