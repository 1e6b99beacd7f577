/// The periodic jobs the daemon and `tierd job run` know, by name.
public enum JobCatalog {
    /// Every job, keyed by ``PeriodicJob/name``.
    public static let all: [String: any PeriodicJob] = [
        SLAJob.name: SLAJob(),
        ClassifyJob.name: ClassifyJob(),
        RevisitJob.name: RevisitJob(),
        LoyaltyJob.name: LoyaltyJob(),
        ReferralJob.name: ReferralJob(),
        RiskJob.name: RiskJob(),
    ]

    /// The known names, sorted (for messages).
    public static var names: [String] { all.keys.sorted() }
}
