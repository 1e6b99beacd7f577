/// `settings.classification`: how the classify job computes RFM, ABC and quadrants
/// (seed 004 §1.2, seeds 001 and 003).
public struct ClassificationSettings: Hashable, Sendable {
    /// F (purchases) and M (premium) count the policies issued in this many days up
    /// to the run's day (`window`, default 3 years); R is the days since the last
    /// purchase ever.
    public var windowDays: Int = 1_095
    /// The ABC cuts (`abc_cuts`): customers by M, largest first, are A while the share
    /// of M before them is below the first cut, B below the second, C after.
    public var abcCuts: [FixedDecimal] = [FixedDecimal("0.80")!, FixedDecimal("0.95")!]
    /// Loyalty is high when the first purchase is at least this many days old
    /// (`loyal_after`, default 3 years); relative profit is high when M is at least
    /// the population mean.
    public var loyalAfterDays: Int = 1_095
    /// The tier table naming the VIP tier (`value_table`); its rows run from the
    /// highest tier to the lowest, the default being the lowest.
    public var valueTable: String = "value"

    public init() {}
}
