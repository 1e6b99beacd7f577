import TierCalendar

/// The run-time meaning of operators on values the type checker has already
/// matched up. Anything that cannot produce a value (a missing operand, overflow,
/// division by zero) produces `missing` instead of trapping.
enum ValueOperations {
    static func equal(_ a: PolicyValue, _ b: PolicyValue) -> PolicyValue {
        if a == .missing || b == .missing { return .missing }
        if let x = a.asDecimal, let y = b.asDecimal { return .bool(x == y) }
        return .bool(a == b)
    }

    /// -1, 0, 1, or nil when either side is missing.
    static func compare(_ a: PolicyValue, _ b: PolicyValue) -> Int? {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.date(let x), .date(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.duration(let x), .duration(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.string(let x), .string(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        default:
            guard let x = a.asDecimal, let y = b.asDecimal else { return nil }
            return x < y ? -1 : (x == y ? 0 : 1)
        }
    }

    static func contains(_ list: PolicyValue, _ element: PolicyValue) -> PolicyValue {
        guard case .list(let values) = list, element != .missing else { return .missing }
        for value in values where equal(value, element) == .bool(true) { return .bool(true) }
        return .bool(false)
    }

    static func add(_ a: PolicyValue, _ b: PolicyValue) -> PolicyValue {
        switch (a, b) {
        case (.int(let x), .int(let y)): return checked(x.addingReportingOverflow(y), PolicyValue.int)
        case (.date(let d), .duration(let n)), (.duration(let n), .date(let d)): return shift(d, by: n)
        case (.duration(let x), .duration(let y)): return checked(x.addingReportingOverflow(y), PolicyValue.duration)
        case (.string(let x), .string(let y)): return .string(x + y)
        default:
            guard let x = a.asDecimal, let y = b.asDecimal, let sum = x.adding(y) else { return .missing }
            return .decimal(sum)
        }
    }

    static func subtract(_ a: PolicyValue, _ b: PolicyValue) -> PolicyValue {
        switch (a, b) {
        case (.int(let x), .int(let y)): return checked(x.subtractingReportingOverflow(y), PolicyValue.int)
        case (.date(let d), .duration(let n)):
            guard n != Int64.min else { return .missing }
            return shift(d, by: -n)
        case (.date(let x), .date(let y)): return .duration(Int64(x) - Int64(y))
        case (.duration(let x), .duration(let y)): return checked(x.subtractingReportingOverflow(y), PolicyValue.duration)
        default:
            guard let x = a.asDecimal, let y = b.asDecimal, let difference = x.subtracting(y) else { return .missing }
            return .decimal(difference)
        }
    }

    static func multiply(_ a: PolicyValue, _ b: PolicyValue) -> PolicyValue {
        switch (a, b) {
        case (.int(let x), .int(let y)): return checked(x.multipliedReportingOverflow(by: y), PolicyValue.int)
        case (.duration(let x), .int(let y)), (.int(let y), .duration(let x)):
            return checked(x.multipliedReportingOverflow(by: y), PolicyValue.duration)
        default:
            guard let x = a.asDecimal, let y = b.asDecimal, let product = x.multiplied(by: y) else { return .missing }
            return .decimal(product)
        }
    }

    /// Division always yields a decimal: 5 / 2 is 2.5.
    static func divide(_ a: PolicyValue, _ b: PolicyValue) -> PolicyValue {
        guard let x = a.asDecimal, let y = b.asDecimal, let quotient = x.divided(by: y) else { return .missing }
        return .decimal(quotient)
    }

    static func remainder(_ a: PolicyValue, _ b: PolicyValue) -> PolicyValue {
        guard case .int(let x) = a, case .int(let y) = b, y != 0 else { return .missing }
        return checked(x.remainderReportingOverflow(dividingBy: y), PolicyValue.int)
    }

    static func negate(_ a: PolicyValue) -> PolicyValue {
        switch a {
        case .int(let x): return checked(Int64(0).subtractingReportingOverflow(x), PolicyValue.int)
        case .duration(let x): return checked(Int64(0).subtractingReportingOverflow(x), PolicyValue.duration)
        case .decimal(let x):
            guard let value = FixedDecimal(scaled: 0).subtracting(x) else { return .missing }
            return .decimal(value)
        default: return .missing
        }
    }

    private static func checked(_ result: (partialValue: Int64, overflow: Bool), _ make: (Int64) -> PolicyValue) -> PolicyValue {
        result.overflow ? .missing : make(result.partialValue)
    }

    /// Dates stay within years 1..9999 so calendar functions never trap.
    private static func shift(_ day: Int, by days: Int64) -> PolicyValue {
        let (value, overflow) = Int64(day).addingReportingOverflow(days)
        guard !overflow, value >= minimumDay, value <= maximumDay else { return .missing }
        return .date(Int(value))
    }

    static let minimumDay = Int64(CivilDate.days(year: 1, month: 1, day: 1))
    static let maximumDay = Int64(CivilDate.days(year: 9999, month: 12, day: 31))
}
