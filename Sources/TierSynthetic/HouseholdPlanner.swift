import TierStore

/// Generates households: a pure function of (profile, seed, as-of, household index).
///
/// Every household draws from its own random streams (one per part: members,
/// policies, complaints, ...), so a table pass can rebuild just the parts it needs
/// and still get exactly what every other pass got. Nothing is kept between
/// households except the employee roster, which referrals and service records need.
struct HouseholdPlanner {
    let profile: SyntheticBranchProfile
    let seed: UInt64
    /// The as-of date, days since 1970-01-01.
    let asOf: Int
    /// Sizes of all households, in order.
    let householdSizes: [UInt8]
    /// Every employee, by id - 1 (empty while the roster itself is being built).
    let roster: [HouseholdPlan.Employee]

    let officeChoice: WeightedChoice<Int>
    /// Product index choices for the averse, neutral and seeking.
    let productChoices: [WeightedChoice<Int>]
    let longTermProductChoice: WeightedChoice<Int>
    let frequencyChoices: [WeightedChoice<String>]
    let salesChannelChoice: WeightedChoice<Int>
    let complaintCategoryChoice: WeightedChoice<String>
    let complaintOutcomeChoice: WeightedChoice<String>
    let serviceKindChoice: WeightedChoice<String>
    let serviceChannelChoice: WeightedChoice<String>
    /// Agent ids per office.
    let agentsByOffice: [[Int]]
    let staffHouseholdShare: Double

    init(profile: SyntheticBranchProfile, seed: UInt64, asOf: Int, householdSizes: [UInt8],
         roster: [HouseholdPlan.Employee]) {
        self.profile = profile
        self.seed = seed
        self.asOf = asOf
        self.householdSizes = householdSizes
        self.roster = roster
        officeChoice = WeightedChoice(profile.offices.enumerated().map { ($0.offset, $0.element.weight) })
        let products = profile.products
        productChoices = (0..<3).map { riskClass in
            WeightedChoice(products.enumerated().map { index, product in
                let favoured = riskClass == 0 ? product.line == "accident"
                    : riskClass == 2 ? (product.line == "investment_linked" || product.line == "universal_life") : false
                return (index, product.weight * (favoured ? profile.riskProductBias : 1))
            })
        }
        longTermProductChoice = WeightedChoice(products.enumerated().map { ($0.offset, $0.element.isLongTerm ? $0.element.weight : 0) })
        frequencyChoices = products.map { WeightedChoice($0.frequencies.map { ($0.frequency, $0.weight) }) }
        salesChannelChoice = WeightedChoice(profile.salesChannels.enumerated().map { ($0.offset, $0.element.weight) })
        complaintCategoryChoice = WeightedChoice(profile.complaintCategories.map { ($0.category, $0.weight) })
        complaintOutcomeChoice = WeightedChoice(profile.complaintOutcomes.map { ($0.outcome, $0.weight) })
        serviceKindChoice = WeightedChoice(profile.serviceKinds.map { ($0.kind, $0.weight) })
        serviceChannelChoice = WeightedChoice(profile.serviceChannels.map { ($0.channel, $0.weight) })
        agentsByOffice = profile.offices.indices.map { office in
            stride(from: office + 1, through: profile.salesAgents, by: profile.offices.count).map { $0 }
        }
        staffHouseholdShare = profile.staffShare * profile.meanHouseholdSize
    }

    /// The household at `index`, its rows numbered from `ids`, with `parts` filled.
    func plan(_ index: Int, ids: IdCursor, parts: PlanParts) -> HouseholdPlan {
        var plan = makeMembers(index, ids: ids)
        if parts.contains(.policies) { addPolicies(to: &plan, ids: ids) }
        if parts.contains(.complaints) { addComplaints(to: &plan, ids: ids) }
        if parts.contains(.interactions) { addInteractions(to: &plan, ids: ids) }
        if parts.contains(.surveys) { addSurveys(to: &plan, ids: ids) }
        return plan
    }

    /// A random employee active on `day` who is not `customerId`, or nil after a few misses.
    func activeEmployee(on day: Int, notCustomer customerId: Int, _ random: inout SyntheticRandom) -> HouseholdPlan.Employee? {
        guard !roster.isEmpty else { return nil }
        for _ in 0..<4 {
            let candidate = roster[random.below(roster.count)]
            if candidate.isActive(on: day), candidate.customerId != customerId { return candidate }
        }
        return nil
    }

    /// Shanghai wall-clock seconds at a random office-hours moment of `day`.
    func officeHours(_ day: Int, _ random: inout SyntheticRandom) -> Int {
        day * 86_400 + random.int(in: (8 * 3600 + 1800)...(18 * 3600))
    }
}
