extension HouseholdPlanner {
    /// Upheld mis-selling on some referred policies, then ordinary complaints.
    func addComplaints(to plan: inout HouseholdPlan, ids: IdCursor) {
        var random = SyntheticRandom(seed: seed, stream: .complaints, index: plan.id - 1)
        for (index, policy) in plan.policies.enumerated() where policy.referrerId != nil {
            guard random.chance(profile.misSellingOnReferredShare) else { continue }
            // Found within about two years of the sale, resolved before the as-of date.
            let latest = min(policy.issuedOn + 700, asOf - 50)
            guard policy.issuedOn + 30 <= latest else { continue }
            let received = officeHours(random.int(in: (policy.issuedOn + 30)...latest), &random)
            plan.complaints.append(HouseholdPlan.Complaint(
                id: ids.complaint + plan.complaints.count, customerId: policy.customerId, policyId: policy.id,
                policyIndex: index, receivedAt: received, category: "sales", misSelling: true, outcome: "upheld",
                resolvedAt: received + random.int(in: 3...45) * 86_400, note: "转介绍保单销售误导，经核查投诉成立"))
        }

        for (memberIndex, member) in plan.members.enumerated() {
            guard random.chance(profile.complaintShare) else { continue }
            let count = random.chance(0.2) ? 2 : 1
            let owned = plan.policies.indices.filter { plan.policies[$0].memberIndex == memberIndex }
            for _ in 0..<count {
                let policyIndex = !owned.isEmpty && random.chance(0.8) ? random.pick(owned) : nil
                let from = policyIndex.map { plan.policies[$0].issuedOn } ?? member.purchaseDays[0]
                guard from <= asOf - 1 else { continue }
                let day = random.int(in: from...(asOf - 1))
                appendComplaint(to: &plan, customerId: member.customerId, policyIndex: policyIndex, day: day,
                                ids: ids, &random)
            }
        }
    }

    private static let notes: [String] = [
        "客户来电反映处理时效慢", "对理赔结果有异议", "柜面等候时间过长", "扣费金额与预期不符",
        "认为销售时未充分说明条款", "对服务人员态度不满", "核保结论有异议", "产品收益低于预期",
    ]

    private func appendComplaint(to plan: inout HouseholdPlan, customerId: Int, policyIndex: Int?, day: Int,
                                 ids: IdCursor, _ random: inout SyntheticRandom) {
        let category = complaintCategoryChoice.pick(&random)
        let misSelling = category == "sales" && random.chance(0.5)
        let received = officeHours(day, &random)
        let age = asOf - 1 - day
        var outcome = "pending"
        var resolvedAt: Int?
        if age >= 1, !(age < 45 && random.chance(0.7)) {
            outcome = complaintOutcomeChoice.pick(&random)
            resolvedAt = received + random.int(in: 1...min(60, age)) * 86_400
        }
        plan.complaints.append(HouseholdPlan.Complaint(
            id: ids.complaint + plan.complaints.count, customerId: customerId,
            policyId: policyIndex.map { plan.policies[$0].id }, policyIndex: policyIndex, receivedAt: received,
            category: category, misSelling: misSelling, outcome: outcome, resolvedAt: resolvedAt,
            note: random.chance(0.6) ? random.pick(Self.notes) : nil))
    }
}
