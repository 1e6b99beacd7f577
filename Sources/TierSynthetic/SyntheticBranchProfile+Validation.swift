extension SyntheticBranchProfile {
    /// Throws ``SyntheticBranchError/invalidProfile(_:)`` naming the first setting out of range.
    public func validate() throws {
        func require(_ condition: Bool, _ message: String) throws {
            if !condition { throw SyntheticBranchError.invalidProfile(message) }
        }
        func share(_ value: Double, _ name: String) throws {
            try require(value >= 0 && value <= 1, "\(name) must be between 0 and 1, got \(value)")
        }
        try require(customers >= 1, "customers must be at least 1")
        try require(!offices.isEmpty, "at least one branch office is needed")
        try require(offices.allSatisfy { $0.weight > 0 && !$0.districts.isEmpty },
                    "every office needs a positive weight and at least one district")
        try require(salesAgents >= offices.count, "need at least one sales agent per office")
        try require((3...60).contains(historyYears), "historyYears must be 3...60")
        try require(!householdSizeWeights.isEmpty && householdSizeWeights.allSatisfy { $0 >= 0 }
                    && householdSizeWeights.reduce(0, +) > 0, "householdSizeWeights need a positive total")
        try require(householdSizeWeights.count <= 8, "households of more than 8 are not modelled")
        try require(!products.isEmpty && products.allSatisfy { $0.weight > 0 && $0.premiumWeight > 0 && !$0.frequencies.isEmpty },
                    "every product needs positive weights and at least one premium frequency")
        try require(products.contains { $0.isLongTerm }, "the catalogue needs a long-term product")
        try require(minimumPolicyPremiumCents >= 1, "minimumPolicyPremiumCents must be positive")
        try require(riskProductBias >= 1, "riskProductBias must be at least 1")
        try require(!salesChannels.isEmpty && salesChannels.allSatisfy { $0.weight > 0 && $0.agentShare >= 0 && $0.agentShare <= 1 },
                    "salesChannels need positive weights and agent shares in 0...1")
        for (name, weights) in [
            ("complaintCategories", complaintCategories.map(\.weight)), ("complaintOutcomes", complaintOutcomes.map(\.weight)),
            ("serviceKinds", serviceKinds.map(\.weight)), ("serviceChannels", serviceChannels.map(\.weight)),
        ] {
            try require(!weights.isEmpty && weights.allSatisfy { $0 > 0 }, "\(name) need positive weights")
        }
        try require(!complaintOutcomes.contains { $0.outcome == "pending" },
                    "complaintOutcomes are for resolved complaints; pending ones come from their age")
        try require(newCustomerShare + lapsedCustomerShare <= 1, "newCustomerShare + lapsedCustomerShare must not exceed 1")
        try require(returningExtraPurchases >= 0 && lapsedExtraPurchases >= 0 && serviceInteractionsPerCustomer >= 0,
                    "means must not be negative")
        try require(referralCommissionBasisPoints >= 0, "referralCommissionBasisPoints must not be negative")
        try require(loyalLongTermPolicies >= 1, "loyalLongTermPolicies must be at least 1")
        try require(riskAverseMaxScore >= 0 && riskAverseMaxScore < riskSeekingMinScore && riskSeekingMinScore <= 100,
                    "need 0 <= riskAverseMaxScore < riskSeekingMinScore <= 100")
        try share(inactiveAgentShare, "inactiveAgentShare")
        try share(staffShare * meanHouseholdSize, "staffShare times the mean household size")
        for (value, name) in [
            (formerStaffShare, "formerStaffShare"), (familyRegistrationShare, "familyRegistrationShare"),
            (otherRelativeRegistrationShare, "otherRelativeRegistrationShare"), (unknownGenderShare, "unknownGenderShare"),
            (unknownBirthDateShare, "unknownBirthDateShare"), (phoneShare, "phoneShare"), (photoShare, "photoShare"),
            (lapsedCustomerPolicyLapseShare, "lapsedCustomerPolicyLapseShare"), (policyLapseShare, "policyLapseShare"),
            (reinstatedShare, "reinstatedShare"), (surrenderShare, "surrenderShare"), (claimedShare, "claimedShare"),
            (loyalHouseholdShare, "loyalHouseholdShare"), (referralShare, "referralShare"),
            (staffFamilyReferralShare, "staffFamilyReferralShare"), (misSellingOnReferredShare, "misSellingOnReferredShare"),
            (complaintShare, "complaintShare"), (riskSurveyShare, "riskSurveyShare"), (repeatSurveyShare, "repeatSurveyShare"),
        ] {
            try share(value, name)
        }
    }

    /// The mean household size the size weights give.
    public var meanHouseholdSize: Double {
        let total = householdSizeWeights.reduce(0, +)
        guard total > 0 else { return 1 }
        let people = householdSizeWeights.enumerated().reduce(0) { $0 + ($1.offset + 1) * $1.element }
        return Double(people) / Double(total)
    }
}
