import TierCalendar

/// A value while a policy evaluates. `missing` stands for an optional fact that is
/// absent (or an arithmetic result that does not exist, such as a division by zero);
/// it flows through operators, and a condition that ends up missing does not match.
public enum PolicyValue: Hashable, Sendable, CustomStringConvertible {
    case bool(Bool)
    case int(Int64)
    case decimal(FixedDecimal)
    case string(String)
    /// Days since 1970-01-01.
    case date(Int)
    /// A number of days.
    case duration(Int64)
    case list([PolicyValue])
    case missing

    /// The value as a condition: only `true` matches.
    public var isTrue: Bool { self == .bool(true) }

    /// The type of this value (`.emptyList` for an empty list, `.string` for missing).
    public var kind: PolicyType {
        switch self {
        case .bool: return .bool
        case .int: return .int
        case .decimal: return .decimal
        case .string, .missing: return .string
        case .date: return .date
        case .duration: return .duration
        case .list(let values): return values.first.map { .list($0.kind) } ?? .emptyList
        }
    }

    /// Numbers widened to decimals, for mixed arithmetic and comparison.
    var asDecimal: FixedDecimal? {
        switch self {
        case .decimal(let value): return value
        case .int(let value): return FixedDecimal(integer: value)
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .bool(let value): return value ? "true" : "false"
        case .int(let value): return String(value)
        case .decimal(let value): return value.description
        case .string(let value): return "\"\(value)\""
        case .date(let days): return CivilDate.format(days)
        case .duration(let days): return "\(days)d"
        case .list(let values): return "[" + values.map(\.description).joined(separator: ", ") + "]"
        case .missing: return "missing"
        }
    }
}
