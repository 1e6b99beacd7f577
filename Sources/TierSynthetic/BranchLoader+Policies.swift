import TierStore

extension BranchLoader {
    func loadPolicies() throws -> Int {
        let columns = ["id", "policy_no", "customer_id", "product_code", "product_line", "term", "premium",
                       "premium_frequency", "status", "issued_on", "lapsed_on", "channel", "selling_agent_id",
                       "referring_employee_id", "created_at"]
        let products = profile.products
        return try copy("policies", columns) { writer in
            try forEachHousehold(.policies) { plan in
                for policy in plan.policies {
                    let product = products[policy.product]
                    let year = PGDate(daysSinceEpoch: policy.issuedOn).year
                    try writer.append(texts: [
                        String(policy.id), "P\(year)\(SyntheticText.padded(policy.id, 9))", String(policy.customerId),
                        product.code, product.line, product.term, SyntheticText.money(policy.premiumCents),
                        policy.frequency, policy.status, SyntheticText.date(policy.issuedOn),
                        policy.lapsedOn.map(SyntheticText.date), policy.channel, policy.agentId.map(String.init),
                        policy.referrerId.map(String.init), Self.issuedAt(policy),
                    ])
                }
            }
        }
    }

    /// Office hours of the issue day, spread by id (no random draw: it is cosmetic).
    static func issuedAt(_ policy: HouseholdPlan.Policy) -> String {
        SyntheticText.shanghai(policy.issuedOn * 86_400 + 9 * 3600 + policy.id * 7_919 % 28_800)
    }

    func loadComplaints() throws -> Int {
        let columns = ["id", "customer_id", "policy_id", "received_at", "category", "mis_selling", "outcome",
                       "resolved_at", "note", "created_at"]
        return try copy("complaints", columns) { writer in
            try forEachHousehold(.complaints) { plan in
                for complaint in plan.complaints {
                    let received = SyntheticText.shanghai(complaint.receivedAt)
                    try writer.append(texts: [
                        String(complaint.id), String(complaint.customerId), complaint.policyId.map(String.init),
                        received, complaint.category, complaint.misSelling ? "t" : "f", complaint.outcome,
                        complaint.resolvedAt.map(SyntheticText.shanghai), complaint.note, received,
                    ])
                }
            }
        }
    }

    /// Accruals for referred policies, then (a second COPY, as the clawback trigger
    /// reads the accrual) clawbacks for upheld mis-selling on them.
    func loadReferralCommissions() throws -> Int {
        let basisPoints = profile.referralCommissionBasisPoints
        guard basisPoints > 0 else { return 0 }
        let clawBack = profile.clawBackUpheldMisSelling
        let columns = ["id", "employee_id", "policy_id", "kind", "amount", "reason", "complaint_id", "created_at"]
        var clawbacks: [(employee: Int, policy: Int, cents: Int, complaint: Int, at: Int)] = []
        var nextId = 1
        let accruals = try copy("referral_commissions", columns) { writer in
            try forEachHousehold(.complaints) { plan in
                var accrued = [Int](repeating: 0, count: plan.policies.count)
                for (index, policy) in plan.policies.enumerated() {
                    guard let employee = policy.referrerId else { continue }
                    let cents = policy.premiumCents * basisPoints / 10_000
                    guard cents > 0 else { continue }
                    accrued[index] = cents
                    let day = min(policy.issuedOn + 30, asOf - 1)
                    try writer.append(texts: [
                        String(nextId), String(employee), String(policy.id), "accrual", SyntheticText.money(cents),
                        "referral commission", nil, SyntheticText.shanghai(day * 86_400 + 10 * 3600),
                    ])
                    nextId += 1
                }
                guard clawBack else { return }
                for complaint in plan.complaints where complaint.misSelling && complaint.outcome == "upheld" {
                    guard let index = complaint.policyIndex, accrued[index] > 0,
                          let employee = plan.policies[index].referrerId, let resolved = complaint.resolvedAt
                    else { continue }
                    clawbacks.append((employee, plan.policies[index].id, accrued[index], complaint.id, resolved))
                    accrued[index] = 0  // one clawback per policy
                }
            }
        }
        let clawed = try copy("referral_commissions", columns) { writer in
            for clawback in clawbacks {
                try writer.append(texts: [
                    String(nextId), String(clawback.employee), String(clawback.policy), "clawback",
                    SyntheticText.money(-clawback.cents), "mis-selling upheld", String(clawback.complaint),
                    SyntheticText.shanghai(clawback.at),
                ])
                nextId += 1
            }
        }
        return accruals + clawed
    }
}
