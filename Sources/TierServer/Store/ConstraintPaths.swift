import TierStore
import TierWire

/// Turns a constraint the database enforced into the field error the client should
/// have got: the params are checked before any write, so this catches what only
/// the database can see (a row-spanning rule, a trigger, a race).
enum ConstraintPaths {
    /// The field each named constraint of the fact tables guards.
    static let fields: [String: String] = [
        "customers_name_check": "name", "customers_gender_check": "gender", "customers_birth_date_check": "birth_date",
        "customers_external_ref_check": "external_id", "customers_external_ref_key": "external_id",
        "customers_branch_id_fkey": "branch", "households_branch_id_fkey": "branch", "customers_household_id_fkey": "household_of",
        "policies_policy_no_check": "policy_no", "policies_policy_no_key": "policy_no",
        "policies_product_code_check": "product_code", "policies_product_line_check": "product_line",
        "policies_term_check": "term", "policies_premium_check": "premium",
        "policies_premium_frequency_check": "premium_frequency", "policies_status_check": "status",
        "policies_lapsed_on_check": "lapsed_on", "policies_lapsed_requires_lapsed_on_check": "lapsed_on",
        "policies_channel_check": "channel", "policies_selling_agent_id_fkey": "selling_agent_no",
        "policies_referring_employee_id_fkey": "referring_employee_no",
        "employee_family_members_relation_check": "relation", "employee_family_members_employee_id_fkey": "employee_no",
        "risk_surveys_instrument_check": "instrument", "risk_surveys_score_check": "score",
        "risk_surveys_profile_check": "profile", "risk_surveys_answers_check": "answers",
        "risk_surveys_external_ref_key": "external_id", "risk_surveys_external_ref_check": "external_id",
        "complaints_category_check": "category", "complaints_outcome_check": "outcome",
        "complaints_resolved_at_check": "resolved_at", "complaints_resolved_after_received_check": "resolved_at",
        "complaints_policy_id_fkey": "policy_no",
        "complaints_external_ref_key": "external_id", "complaints_external_ref_check": "external_id",
    ]

    /// Constraints on the customer reference; their path is whichever param named the customer.
    static let customerConstraints: Set<String> = [
        "policies_customer_id_fkey", "employee_family_members_customer_id_fkey", "employee_family_members_not_self_check",
        "employee_family_members_employee_customer_key", "risk_surveys_customer_id_fkey", "complaints_customer_id_fkey",
    ]

    /// `invalid_params` for an integrity (23xxx) or data (22xxx) error; nil for any
    /// other error, which is not the caller's.
    static func rpcError(_ error: PGError, customerPath: String?) -> RPCError? {
        guard let state = error.sqlState, state.hasPrefix("23") || state.hasPrefix("22") else { return nil }
        let constraint = error.constraint ?? ""
        var path = "params"
        if let field = fields[constraint] {
            path = FieldCheck.path(field)
        } else if customerConstraints.contains(constraint) {
            path = customerPath ?? "params.customer_id"
        } else if let column = error.column {
            path = FieldCheck.path(column)
        }
        let message = constraint == "employee_family_members_not_self_check"
            ? "an employee cannot be registered as their own family member"
            : "the value breaks the rule \(constraint.isEmpty ? state : constraint): \(error.message)"
        return RPCError.invalidParams(path: path, message)
    }
}
