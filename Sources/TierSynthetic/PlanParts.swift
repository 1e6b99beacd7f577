/// Which parts of a household a table pass needs; members are always generated.
struct PlanParts: OptionSet {
    let rawValue: Int

    static let policies = PlanParts(rawValue: 1)
    /// Complaints refer to policies, so this includes ``policies``.
    static let complaints = PlanParts(rawValue: 3)
    /// Interactions refer to policies, so this includes ``policies``.
    static let interactions = PlanParts(rawValue: 5)
    static let surveys = PlanParts(rawValue: 8)
}
