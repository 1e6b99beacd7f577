import TierStore

extension BranchLoader {
    func loadInteractions() throws -> Int {
        let columns = ["id", "customer_id", "policy_id", "employee_id", "channel", "kind", "occurred_at", "note", "created_at"]
        return try copy("service_interactions", columns) { writer in
            try forEachHousehold(.interactions) { plan in
                for interaction in plan.interactions {
                    let occurred = SyntheticText.shanghai(interaction.occurredAt)
                    try writer.append(texts: [
                        String(interaction.id), String(interaction.customerId), interaction.policyId.map(String.init),
                        interaction.employeeId.map(String.init), interaction.channel, interaction.kind, occurred,
                        interaction.note, occurred,
                    ])
                }
            }
        }
    }

    func loadSurveys() throws -> Int {
        let columns = ["id", "customer_id", "taken_at", "instrument", "score", "profile", "answers", "created_at"]
        return try copy("risk_surveys", columns) { writer in
            try forEachHousehold(.surveys) { plan in
                for survey in plan.surveys {
                    let taken = SyntheticText.shanghai(survey.takenAt)
                    try writer.append(texts: [
                        String(survey.id), String(survey.customerId), taken, survey.instrument, String(survey.score),
                        survey.profile, survey.answers, taken,
                    ])
                }
            }
        }
    }
}
