extension HouseholdPlanner {
    private static let notes: [String: [String]] = [
        "inquiry": ["咨询保单现金价值", "咨询续期缴费", "咨询产品条款"],
        "visit": ["柜面办理保全变更", "柜面更新联系方式"],
        "call": ["回访电话", "续期提醒"],
        "service_activity": ["客户健康讲座", "亲子活动日"],
        "claim": ["理赔报案", "理赔材料补充"],
        "event": ["客户答谢会"],
    ]

    /// Service contacts over each customer's time with the branch; lapsed customers
    /// went quiet within two years of their last purchase.
    func addInteractions(to plan: inout HouseholdPlan, ids: IdCursor) {
        var random = SyntheticRandom(seed: seed, stream: .interactions, index: plan.id - 1)
        for (memberIndex, member) in plan.members.enumerated() {
            let count = random.geometric(mean: profile.serviceInteractionsPerCustomer)
            let start = member.createdAt / 86_400 + 1
            let end = member.archetype == .lapsed ? min(asOf - 1, member.purchaseDays.last! + 730) : asOf - 1
            guard count > 0, start <= end else { continue }
            let owned = plan.policies.indices.filter { plan.policies[$0].memberIndex == memberIndex }
            for _ in 0..<count {
                let kind = serviceKindChoice.pick(&random)
                let channel = serviceChannelChoice.pick(&random)
                var day = random.int(in: start...end)
                var policyId: Int?
                if !owned.isEmpty, kind == "claim" || (kind == "inquiry" && random.chance(0.5)) {
                    let policy = plan.policies[random.pick(owned)]
                    policyId = policy.id
                    day = max(day, min(policy.issuedOn, end))
                }
                var employeeId: Int?
                if channel == "counter" || kind == "visit", random.chance(0.5) {
                    employeeId = activeEmployee(on: day, notCustomer: member.customerId, &random)?.id
                }
                let note = random.chance(0.3) ? Self.notes[kind].map { random.pick($0) } : nil
                plan.interactions.append(HouseholdPlan.Interaction(
                    id: ids.interaction + plan.interactions.count, customerId: member.customerId, policyId: policyId,
                    employeeId: employeeId, channel: channel, kind: kind, occurredAt: officeHours(day, &random), note: note))
            }
        }
    }

    /// Risk surveys (a questionnaire or a game) for some customers, scored near their latent appetite.
    func addSurveys(to plan: inout HouseholdPlan, ids: IdCursor) {
        var random = SyntheticRandom(seed: seed, stream: .surveys, index: plan.id - 1)
        for member in plan.members {
            guard random.chance(profile.riskSurveyShare) else { continue }
            let start = member.createdAt / 86_400 + 1
            guard start <= asOf - 1 else { continue }
            var days = [random.int(in: start...(asOf - 1))]
            if random.chance(profile.repeatSurveyShare) { days.append(random.int(in: days[0]...(asOf - 1))) }
            for day in days {
                let score = min(100, max(0, member.riskScore + random.int(in: -8...8)))
                let profileName = score <= profile.riskAverseMaxScore ? "averse"
                    : score >= profile.riskSeekingMinScore ? "seeking" : "neutral"
                let questionnaire = random.chance(0.75)
                let answers: String
                if questionnaire {
                    // Six 1-5 answers that lean with the score.
                    let base = 1 + score * 4 / 100
                    let items = (1...6).map { "\"q\($0)\": \(min(5, max(1, base + random.int(in: -1...1))))" }
                    answers = "{" + items.joined(separator: ", ") + "}"
                } else {
                    answers = "{\"rounds\": 10, \"risky_choices\": \(min(10, max(0, score / 10 + random.int(in: -1...1))))}"
                }
                plan.surveys.append(HouseholdPlan.Survey(
                    id: ids.survey + plan.surveys.count, customerId: member.customerId,
                    takenAt: officeHours(day, &random), instrument: questionnaire ? "questionnaire" : "game",
                    score: score, profile: profileName, answers: answers))
            }
        }
    }
}
