extension HouseholdPlanner {
    /// One policy per purchase, loyal households topped up with long-term policies,
    /// then each member's premium total split over their policies.
    func addPolicies(to plan: inout HouseholdPlan, ids: IdCursor) {
        var random = SyntheticRandom(seed: seed, stream: .policies, index: plan.id - 1)
        var totals: [Int] = []
        for (index, member) in plan.members.enumerated() {
            let riskClass = member.riskScore <= profile.riskAverseMaxScore ? 0
                : member.riskScore >= profile.riskSeekingMinScore ? 2 : 1
            let total = profile.premium.sample(&random)
            totals.append(total)
            var products = member.purchaseDays.map { _ in productChoices[riskClass].pick(&random) }
            // A big premium does not sit on a one-year travel policy: such customers own long-term cover.
            if total > profile.shortTermOnlyMaximumCents, !products.contains(where: { profile.products[$0].isLongTerm }) {
                products[products.count - 1] = longTermProductChoice.pick(&random)
            }
            for (day, product) in zip(member.purchaseDays, products) {
                appendPolicy(to: &plan, member: index, product: product, issuedOn: day, ids: ids, &random)
            }
        }

        if plan.loyal { topUpLongTermPolicies(of: &plan, ids: ids, &random) }

        for index in plan.members.indices {
            let owned = plan.policies.indices.filter { plan.policies[$0].memberIndex == index }
            splitPremium(totals[index], of: &plan, over: owned, &random)
        }
    }

    private func appendPolicy(to plan: inout HouseholdPlan, member index: Int, product: Int, issuedOn day: Int,
                              ids: IdCursor, forceActive: Bool = false, _ random: inout SyntheticRandom) {
        let member = plan.members[index]
        let channel = profile.salesChannels[salesChannelChoice.pick(&random)]
        let agents = agentsByOffice[plan.office]
        let agentId = random.chance(channel.agentShare) ? random.pick(agents) : nil
        let (status, lapsedOn) = forceActive ? ("active", nil)
            : policyStatus(long: profile.products[product].isLongTerm, issuedOn: day, archetype: member.archetype, &random)
        plan.policies.append(HouseholdPlan.Policy(
            id: ids.policy + plan.policies.count, customerId: member.customerId, memberIndex: index,
            product: product, premiumCents: 0, frequency: frequencyChoices[product].pick(&random),
            status: status, issuedOn: day, lapsedOn: lapsedOn, channel: channel.channel, agentId: agentId,
            referrerId: referrer(of: plan, member: index, on: day, &random)))
    }

    /// Staff family buy through their employee; anyone else sometimes through some employee.
    private func referrer(of plan: HouseholdPlan, member index: Int, on day: Int, _ random: inout SyntheticRandom) -> Int? {
        let customerId = plan.members[index].customerId
        if let employee = plan.employee {
            if employee.memberIndex == index { return nil }  // staff do not refer themselves
            if plan.registrations.contains(where: { $0.customerId == customerId }), employee.isActive(on: day),
               random.chance(profile.staffFamilyReferralShare) {
                return employee.id
            }
        }
        guard random.chance(profile.referralShare) else { return nil }
        return activeEmployee(on: day, notCustomer: customerId, &random)?.id
    }

    private func policyStatus(long: Bool, issuedOn day: Int, archetype: HouseholdPlan.Archetype,
                              _ random: inout SyntheticRandom) -> (String, Int?) {
        if !long {
            // One-year cover: ended by now unless bought within the year.
            guard day + 365 <= asOf else { return ("active", nil) }
            return (random.chance(profile.claimedShare) ? "claimed" : "matured", nil)
        }
        guard day + 30 <= asOf - 1 else { return ("active", nil) }
        let lapseDay = { (random: inout SyntheticRandom) in random.int(in: (day + 30)...min(asOf - 1, day + 3_650)) }
        if archetype == .lapsed {
            return random.chance(profile.lapsedCustomerPolicyLapseShare) ? ("lapsed", lapseDay(&random)) : ("active", nil)
        }
        var draw = random.unit()
        if draw < profile.policyLapseShare { return ("lapsed", lapseDay(&random)) }
        draw -= profile.policyLapseShare
        if draw < profile.reinstatedShare { return ("active", lapseDay(&random)) }
        draw -= profile.reinstatedShare
        if draw < profile.surrenderShare { return ("surrendered", nil) }
        draw -= profile.surrenderShare
        if draw < profile.claimedShare { return ("claimed", nil) }
        return ("active", nil)
    }

    /// Loyal households reach the loyalty threshold (plus a little) in active long-term policies.
    private func topUpLongTermPolicies(of plan: inout HouseholdPlan, ids: IdCursor, _ random: inout SyntheticRandom) {
        let active = plan.policies.filter { $0.status == "active" && profile.products[$0.product].isLongTerm }.count
        let target = profile.loyalLongTermPolicies + random.int(in: 0...2)
        let buyers = plan.members.indices.filter { plan.members[$0].archetype == .returning }
        guard !buyers.isEmpty else { return }
        for _ in active..<max(active, target) {
            let index = random.pick(buyers)
            let first = plan.members[index].purchaseDays[0]
            let day = random.int(in: max(first, asOf - Self.days(years: 8))...max(first, asOf - 30))
            appendPolicy(to: &plan, member: index, product: longTermProductChoice.pick(&random), issuedOn: day,
                         ids: ids, forceActive: true, &random)
        }
    }

    /// Splits one customer's premium total over their policies in exact cents:
    /// each gets the minimum, the rest goes by product premium weight.
    private func splitPremium(_ drawn: Int, of plan: inout HouseholdPlan, over owned: [Int],
                              _ random: inout SyntheticRandom) {
        guard !owned.isEmpty else { return }
        let floor = profile.minimumPolicyPremiumCents
        let total = max(drawn, floor * owned.count)
        let weights = owned.map { profile.products[plan.policies[$0].product].premiumWeight * random.int(in: 70...130) }
        let weightSum = weights.reduce(0, +)
        let rest = total - floor * owned.count
        var given = 0
        for (position, policy) in owned.enumerated() {
            // multipliedFullWidth keeps rest * weight exact even for very large totals.
            let (high, low) = rest.multipliedFullWidth(by: weights[position])
            let share = weightSum.dividingFullWidth((high, low)).quotient
            plan.policies[policy].premiumCents = floor + share
            given += share
        }
        // Rounding leftovers go to the first policy, so the parts sum to the total.
        plan.policies[owned[0]].premiumCents += rest - given
    }
}
