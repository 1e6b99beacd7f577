import Foundation
import TierCalendar

/// Dates and timestamps as protocol v1 writes and reads them: days as
/// `YYYY-MM-DD`, instants as RFC 3339 in UTC (`2026-11-23T10:15:00Z`).
public enum WireTime {
    /// RFC 3339 UTC with whole seconds.
    public static func format(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        return format(seconds: seconds, fraction: nil)
    }

    /// RFC 3339 UTC with microseconds, for the database.
    public static func formatPrecise(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970
        let seconds = Int64(interval.rounded(.down))
        let micros = Int((interval - Double(seconds)) * 1_000_000)
        return format(seconds: seconds, fraction: min(max(micros, 0), 999_999))
    }

    /// Parses an RFC 3339 timestamp with a `Z` or `±hh:mm` offset.
    public static func parseTimestamp(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    /// The day number of a `YYYY-MM-DD` date.
    public static func parseDay(_ text: String) -> Int? { CivilDate.parse(text) }

    /// `YYYY-MM-DD` of a day number.
    public static func formatDay(_ day: Int) -> String { CivilDate.format(day) }

    /// Today's day number in the daemon's time zone.
    public static func today(_ now: Date = Date(), timeZone: TimeZone = .current) -> Int {
        let seconds = Int64(now.timeIntervalSince1970.rounded(.down)) + Int64(timeZone.secondsFromGMT(for: now))
        return Int(seconds.dividedRoundingDown(by: 86_400))
    }

    private static func format(seconds: Int64, fraction: Int?) -> String {
        let day = Int(seconds.dividedRoundingDown(by: 86_400))
        let rest = Int(seconds - Int64(day) * 86_400)
        let time = String(format: "%02d:%02d:%02d", rest / 3600, rest / 60 % 60, rest % 60)
        let fractionText = fraction.map { String(format: ".%06d", $0) } ?? ""
        return "\(CivilDate.format(day))T\(time)\(fractionText)Z"
    }
}

extension Int64 {
    fileprivate func dividedRoundingDown(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
