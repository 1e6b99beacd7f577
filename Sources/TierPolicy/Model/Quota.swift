import TierCalendar

/// How often an entitlement may be used: `count` uses per `period`.
public struct Quota: Hashable, Sendable {
    /// Calendar periods quotas reset on.
    public enum Period: String, Hashable, Sendable, CaseIterable {
        case day, week, month, quarter, year
    }

    /// Uses allowed per period.
    public var count: Int
    /// The period.
    public var period: Period

    /// Makes a quota.
    public init(count: Int, per period: Period) {
        self.count = count
        self.period = period
    }

    /// The first day after the period that contains `day` (weeks start on Monday).
    public func periodEnd(containing day: Int) -> Int {
        let (year, month, _) = CivilDate.components(day)
        switch period {
        case .day: return day + 1
        case .week:
            let weekday = ((day % 7) + 7 + 3) % 7  // 1970-01-01 was a Thursday; 0 = Monday
            return day - weekday + 7
        case .month:
            return month == 12 ? CivilDate.days(year: year + 1, month: 1, day: 1) : CivilDate.days(year: year, month: month + 1, day: 1)
        case .quarter:
            let next = ((month - 1) / 3 + 1) * 3 + 1
            return next > 12 ? CivilDate.days(year: year + 1, month: 1, day: 1) : CivilDate.days(year: year, month: next, day: 1)
        case .year:
            return CivilDate.days(year: year + 1, month: 1, day: 1)
        }
    }
}
