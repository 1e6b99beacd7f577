import Foundation
import Testing
import TierServer

/// Parsing job schedules and computing their slots.
@Suite struct JobScheduleTests {
    private var utc: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }

    private func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test func parsesTheThreeForms() throws {
        #expect(try JobSchedule(parsing: "off") == .off)
        #expect(try JobSchedule(parsing: "every 5m") == .every(seconds: 300))
        #expect(try JobSchedule(parsing: "every  2h") == .every(seconds: 7200))
        #expect(try JobSchedule(parsing: "every 1d") == .every(seconds: 86_400))
        #expect(try JobSchedule(parsing: "daily 02:30") == .daily(minuteOfDay: 150))
        #expect(try JobSchedule(parsing: "daily 00:00") == .daily(minuteOfDay: 0))
        for bad in ["", "sometimes", "every", "every 0m", "every 5", "every 5w", "every -1h", "daily 24:00", "daily 2:30",
                    "daily 02:60", "off now", "every 99999999999999999d"] {
            #expect(throws: ConfigurationError.self, "\(bad)") { try JobSchedule(parsing: bad) }
        }
    }

    @Test func everySlotsCountFromTheEpoch() {
        let schedule = JobSchedule.every(seconds: 300)
        #expect(schedule.latestSlot(atOrBefore: date("2026-11-24T10:07:59Z")) == date("2026-11-24T10:05:00Z"))
        #expect(schedule.latestSlot(atOrBefore: date("2026-11-24T10:05:00Z")) == date("2026-11-24T10:05:00Z"))
        #expect(schedule.slots(after: nil, through: date("2026-11-24T10:07:00Z"), limit: 3)
            == [date("2026-11-24T09:55:00Z"), date("2026-11-24T10:00:00Z"), date("2026-11-24T10:05:00Z")])
        // Only the slots after the last one run, however many the limit allows.
        #expect(schedule.slots(after: date("2026-11-24T10:00:00Z"), through: date("2026-11-24T10:07:00Z"), limit: 10)
            == [date("2026-11-24T10:05:00Z")])
        #expect(schedule.slots(after: date("2026-11-24T10:05:00Z"), through: date("2026-11-24T10:07:00Z"), limit: 10).isEmpty)
    }

    @Test func dailySlotsFallAtTheLocalTime() {
        let schedule = JobSchedule.daily(minuteOfDay: 120)
        #expect(schedule.latestSlot(atOrBefore: date("2026-11-24T01:59:00Z"), calendar: utc) == date("2026-11-23T02:00:00Z"))
        #expect(schedule.latestSlot(atOrBefore: date("2026-11-24T02:00:00Z"), calendar: utc) == date("2026-11-24T02:00:00Z"))
        #expect(schedule.slots(after: nil, through: date("2026-11-24T12:00:00Z"), limit: 2, calendar: utc)
            == [date("2026-11-23T02:00:00Z"), date("2026-11-24T02:00:00Z")])
        // Across a year's end.
        #expect(schedule.latestSlot(atOrBefore: date("2027-01-01T01:00:00Z"), calendar: utc) == date("2026-12-31T02:00:00Z"))
    }

    @Test func describesItselfAsWritten() throws {
        for text in ["off", "every 5m", "every 90s", "every 2h", "every 1d", "daily 02:30"] {
            #expect(try JobSchedule(parsing: text).description == text)
        }
    }

    @Test func offHasNoSlots() {
        #expect(JobSchedule.off.latestSlot(atOrBefore: Date()) == nil)
        #expect(JobSchedule.off.slots(after: nil, through: Date(), limit: 5).isEmpty)
    }
}
