extension PolicySetBuilder {
    /// Reads `settings.loyalty`: `min_long_term_policies` (a whole number, 1 or more),
    /// `entitlement` (a catalogue code) and `fulfilment_priority` (0..100).
    mutating func declareLoyalty(_ node: PolicyNode) {
        guard let reader = MappingReader(node, "settings.loyalty", allowed: ["min_long_term_policies", "entitlement", "fulfilment_priority"], sink: sink) else { return }
        if let entry = reader.entries["min_long_term_policies"],
           isFirstDefinition(of: "loyalty.min_long_term_policies", at: entry.keyLocation),
           let count = wholeNumber(reader, "min_long_term_policies", at: 1, default: LoyaltySettings().minLongTermPolicies,
                                   rule: "a whole number of policies, 1 or more") {
            settings.loyalty.minLongTermPolicies = count
        }
        if let entry = reader.entries["entitlement"], isFirstDefinition(of: "loyalty.entitlement", at: entry.keyLocation),
           let code = entitlementCode(entry.value, on: nil) {
            settings.loyalty.entitlement = code
        }
        if let entry = reader.entries["fulfilment_priority"], isFirstDefinition(of: "loyalty.fulfilment_priority", at: entry.keyLocation),
           let priority = priority(reader, entry, default: LoyaltySettings().fulfilmentPriority) {
            settings.loyalty.fulfilmentPriority = priority
        }
    }
}
