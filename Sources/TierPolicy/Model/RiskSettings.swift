/// `settings.risk`: risk-disclosure letters for new policies (seed 004 §2.2.4 (1)).
public struct RiskSettings: Hashable, Sendable {
    /// The segment whose customers get a disclosure letter task for each new policy
    /// (`letter_segment`); nil: the risk job opens no letters.
    public var letterSegment: String?
    /// A policy issued this many days before the job's day or later is new
    /// (`new_policy_within`, default 30 days).
    public var newPolicyWithinDays: Int = 30
    /// The priority of the letter tasks (`letter_priority`, 0..100).
    public var letterPriority: Int = 40

    public init() {}
}
