import Foundation

/// When a periodic job's slots fall: `off`, `every <N><s|m|h|d>` (slots every N
/// units counted from 1970-01-01T00:00Z, so every daemon computes the same slots),
/// or `daily HH:MM` (each day at that local time).
public enum JobSchedule: Sendable, Hashable, CustomStringConvertible {
    /// Never scheduled; the job still runs on demand.
    case off
    /// A slot every so many seconds.
    case every(seconds: Int64)
    /// A slot each day at this minute of the local day (0..<1440).
    case daily(minuteOfDay: Int)

    /// Parses the configuration text; the error names what is accepted.
    public init(parsing text: String) throws(ConfigurationError) {
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        switch (words.first, words.count) {
        case ("off", 1):
            self = .off
        case ("every", 2):
            guard let seconds = Self.interval(words[1]) else { throw Self.invalid(text) }
            self = .every(seconds: seconds)
        case ("daily", 2):
            guard let minute = Self.minuteOfDay(words[1]) else { throw Self.invalid(text) }
            self = .daily(minuteOfDay: minute)
        default:
            throw Self.invalid(text)
        }
    }

    public var description: String {
        switch self {
        case .off: return "off"
        case .every(let seconds):
            // The largest unit that divides it, as written in the configuration.
            for (unit, scale) in [("d", Int64(86_400)), ("h", 3_600), ("m", 60)] where seconds % scale == 0 {
                return "every \(seconds / scale)\(unit)"
            }
            return "every \(seconds)s"
        case .daily(let minute): return String(format: "daily %02d:%02d", minute / 60, minute % 60)
        }
    }

    /// The newest slot at or before `date`; nil when the schedule is off.
    public func latestSlot(atOrBefore date: Date, calendar: Calendar = .current) -> Date? {
        switch self {
        case .off:
            return nil
        case .every(let seconds):
            let now = Int64(date.timeIntervalSince1970.rounded(.down))
            let slot = now - ((now % seconds) + seconds) % seconds
            return Date(timeIntervalSince1970: TimeInterval(slot))
        case .daily(let minute):
            let today = dailySlot(on: date, minute: minute, calendar: calendar)
            if today <= date { return today }
            let yesterday = calendar.date(byAdding: .day, value: -1, to: date) ?? date.addingTimeInterval(-86_400)
            return dailySlot(on: yesterday, minute: minute, calendar: calendar)
        }
    }

    /// The slot before `slot` (which must be a slot of this schedule).
    public func previousSlot(before slot: Date, calendar: Calendar = .current) -> Date? {
        latestSlot(atOrBefore: slot.addingTimeInterval(-1), calendar: calendar)
    }

    /// The newest `limit` slots after `after` (exclusive; nil: no bound) up to and
    /// including `through`, oldest first: the slots a scheduler has to run.
    public func slots(after: Date?, through: Date, limit: Int, calendar: Calendar = .current) -> [Date] {
        var found: [Date] = []
        var cursor = latestSlot(atOrBefore: through, calendar: calendar)
        while let slot = cursor, found.count < limit {
            if let after, slot <= after { break }
            found.append(slot)
            cursor = previousSlot(before: slot, calendar: calendar)
        }
        return found.reversed()
    }

    private func dailySlot(on date: Date, minute: Int, calendar: Calendar) -> Date {
        let start = calendar.startOfDay(for: date)
        return calendar.date(bySettingHour: minute / 60, minute: minute % 60, second: 0, of: start)
            ?? start.addingTimeInterval(TimeInterval(minute * 60))
    }

    /// `15m`, `30s`, `2h`, `1d` in seconds; nil for anything else (or zero).
    private static func interval(_ text: String) -> Int64? {
        guard let unit = text.last, let count = Int64(text.dropLast()), count > 0 else { return nil }
        let scale: Int64
        switch unit {
        case "s": scale = 1
        case "m": scale = 60
        case "h": scale = 3_600
        case "d": scale = 86_400
        default: return nil
        }
        let (seconds, overflow) = count.multipliedReportingOverflow(by: scale)
        return overflow ? nil : seconds
    }

    /// `HH:MM` as a minute of the day; nil when out of range.
    private static func minuteOfDay(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              let hour = Int(parts[0]), let minute = Int(parts[1]),
              (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        return hour * 60 + minute
    }

    private static func invalid(_ text: String) -> ConfigurationError {
        ConfigurationError("a job schedule is 'off', 'every <N>s|m|h|d' (e.g. every 5m) or 'daily HH:MM' (e.g. daily 02:00), not '\(text)'")
    }
}
