import TierCalendar
import TierPolicy

/// The calendar period of a quota that contains a day, as the half-open range
/// `[start, end)` the `entitlement_grants` rows use. Aligned to calendar
/// boundaries (weeks start on Monday), so "once per period" is one row per owner.
struct QuotaPeriod: Sendable, Hashable {
    let start: Int
    let end: Int

    init(_ quota: Quota, containing day: Int) {
        end = quota.periodEnd(containing: day)
        let (year, month, _) = CivilDate.components(day)
        switch quota.period {
        case .day: start = day
        case .week: start = end - 7
        case .month: start = CivilDate.days(year: year, month: month, day: 1)
        case .quarter: start = CivilDate.days(year: year, month: (month - 1) / 3 * 3 + 1, day: 1)
        case .year: start = CivilDate.days(year: year, month: 1, day: 1)
        }
    }
}
