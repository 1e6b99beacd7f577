extension PolicySetBuilder {
    /// Reads `settings.bundles`.
    mutating func declareBundles(_ node: PolicyNode) {
    }
}
