import TierCalendar

/// A calendar date with no time and no time zone: PostgreSQL's `date`.
///
/// Foundation's `Date` is an instant, so a birth date or a policy's issue date is kept
/// as this civil date instead, free of time-zone shifts.
public struct PGDate: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    /// Days since 1970-01-01 (negative before it).
    public var daysSinceEpoch: Int

    /// Makes a date from days since 1970-01-01.
    public init(daysSinceEpoch: Int) { self.daysSinceEpoch = daysSinceEpoch }

    /// Makes a date from its calendar parts; nil when they name no real day.
    public init?(year: Int, month: Int, day: Int) {
        guard CivilDate.isValid(year: year, month: month, day: day) else { return nil }
        self.daysSinceEpoch = CivilDate.days(year: year, month: month, day: day)
    }

    /// Parses `YYYY-MM-DD` (the ISO form PostgreSQL prints and accepts).
    public init?(iso text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count >= 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The calendar parts of this date.
    public var components: (year: Int, month: Int, day: Int) {
        CivilDate.components(daysSinceEpoch)
    }

    /// The year of this date.
    public var year: Int { components.year }

    /// This date moved by a number of days.
    public func adding(days: Int) -> PGDate { PGDate(daysSinceEpoch: daysSinceEpoch + days) }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (y, m, d) = components
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    public static func < (lhs: PGDate, rhs: PGDate) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = PGDate(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a YYYY-MM-DD date: \(text)"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(abs(value))
    let padded = digits.count < width ? String(repeating: "0", count: width - digits.count) + digits : digits
    return value < 0 ? "-" + padded : padded
}
