/// What must be known about the whole branch before any household is written:
/// the household sizes and the employee roster (referrals cross households).
struct BranchLayout {
    /// Size of each household, in order; they add up to the customer count.
    let householdSizes: [UInt8]
    /// Every employee, by id - 1.
    let roster: [HouseholdPlan.Employee]

    init(profile: SyntheticBranchProfile, seed: UInt64, asOf: Int) {
        var random = SyntheticRandom(seed: seed, stream: .layout, index: 0)
        let sizeChoice = WeightedChoice(profile.householdSizeWeights.enumerated().map { ($0.offset + 1, $0.element) })
        var sizes: [UInt8] = []
        sizes.reserveCapacity(Int(Double(profile.customers) / profile.meanHouseholdSize) + 16)
        var remaining = profile.customers
        while remaining > 0 {
            let size = min(remaining, sizeChoice.pick(&random))
            sizes.append(UInt8(size))
            remaining -= size
        }
        householdSizes = sizes

        // Staff are decided with the members, so one members-only pass finds them.
        let planner = HouseholdPlanner(profile: profile, seed: seed, asOf: asOf, householdSizes: sizes, roster: [])
        var roster: [HouseholdPlan.Employee] = []
        var ids = IdCursor()
        for index in sizes.indices {
            let plan = planner.plan(index, ids: ids, parts: [])
            if let employee = plan.employee { roster.append(employee) }
            ids.advance(past: plan)
        }
        self.roster = roster
    }
}
