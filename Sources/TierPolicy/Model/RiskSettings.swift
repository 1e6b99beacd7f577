/// `settings.risk`: risk-disclosure letters for new policies (seed 004 §2.2.4 (1)).
public struct RiskSettings: Hashable, Sendable {
    /// The segment whose customers get a disclosure letter task for each new policy
    /// (`letter_segment`); nil: the risk job opens no letters.
    public var letterSegment: String?

    public init() {}
}
