/// `settings.referrals`: employees' referral commissions (seed 004 §2.2.1 (3)).
public struct ReferralSettings: Hashable, Sendable {
    /// The share of a referred policy's premium accrued to the referring employee
    /// (`commission_rate`); nil: the referral job accrues nothing.
    public var commissionRate: FixedDecimal?
    /// The priority of the liability review a clawback opens (`review_priority`, 0..100).
    public var reviewPriority: Int = 60

    public init() {}
}
