extension FactSchema {
    /// tierd's fact schema: what the store loads for a customer and what the request
    /// carries. Policies may read exactly these.
    public static let standard = FactSchema([
        // Request context.
        FactDeclaration("context.as_of", .date, "The day the decision is for; `today` is the same."),
        FactDeclaration("context.channel", .string,
            "Where the request comes from: counter, website, wechat, phone, agent, bancassurance or other."),

        // Customer profile (seed 004 §2.1).
        FactDeclaration("customer.id", .int, "The customer's id."),
        FactDeclaration("customer.gender", .string, "male, female, other or unknown."),
        FactDeclaration("customer.birth_date", .date, optional: true, "Date of birth, when known."),
        FactDeclaration("customer.age", .int, optional: true, "Whole years at the as-of date, when the birth date is known."),
        FactDeclaration("customer.branch", .string, "Code of the customer's branch."),
        FactDeclaration("customer.since", .date, "The day the customer was first recorded."),

        // Staff and registered family (seed 004 §2.2.1).
        FactDeclaration("staff.is_employee", .bool, "The customer is an active employee at the as-of date."),
        FactDeclaration("staff.is_family", .bool, "The customer is a registered family member of an active employee."),
        FactDeclaration("staff.years_of_service", .int, optional: true, "Whole years employed, for employees."),

        // Household.
        FactDeclaration("household.size", .int, "People in the customer's household."),
        FactDeclaration("household.long_term_policies", .int, "Active long-term policies held by the whole household."),
        FactDeclaration("household.annual_premium", .decimal, "Annualised premium of the household's active policies."),

        // Policy history (seed 004 §2.2.3).
        FactDeclaration("history.active_policies", .int, "The customer's active policies."),
        FactDeclaration("history.long_term_policies", .int, "The customer's active long-term policies."),
        FactDeclaration("history.lapsed_policies", .int, "The customer's policies that lapsed."),
        FactDeclaration("history.annual_premium", .decimal, "Annualised premium of the customer's active policies."),
        FactDeclaration("history.purchases", .int, "Policies the customer ever bought."),
        FactDeclaration("history.first_purchase_on", .date, optional: true, "Issue date of the first policy."),
        FactDeclaration("history.last_purchase_on", .date, optional: true, "Issue date of the latest policy."),
        FactDeclaration("history.product_lines", .list(.string),
            "Product lines of active policies: accident, health, life, investment_linked, universal_life, other."),
        FactDeclaration("history.referred_policies", .int, "Active policies referred by an employee."),

        // Complaints.
        FactDeclaration("complaints.open", .int, "Complaints not yet resolved."),
        FactDeclaration("complaints.upheld_mis_selling", .int, "Upheld mis-selling complaints on the customer's policies."),

        // Classification (seed 004 §1.2; recomputed periodically).
        FactDeclaration("classification.rfm_type", .int, optional: true, "RFM type 1 to 8 from the last classification."),
        FactDeclaration("classification.abc_class", .string, optional: true, "A, B or C from the last classification."),
        FactDeclaration("classification.quadrant", .string, optional: true, "Loyalty × relative-profit quadrant."),
        FactDeclaration("classification.run_id", .int, optional: true, "The classification run these facts come from."),
        FactDeclaration("classification.tier_change", .string, optional: true,
                        "How that run changed the value tier: new, up, down or lateral; absent when it did not."),
        FactDeclaration("classification.previous_tier", .string, optional: true,
                        "The value tier before that run's change; absent when there was none."),

        // Risk preference (seed 004 §2.2.4).
        FactDeclaration("risk.score", .int, optional: true, "Latest risk survey score, 0 (averse) to 100 (seeking)."),
        FactDeclaration("risk.profile", .string, optional: true, "averse, neutral or seeking, from the latest survey."),
    ])
}
