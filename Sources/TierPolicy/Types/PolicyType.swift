/// The static type of a policy expression, checked when a policy set loads.
public indirect enum PolicyType: Hashable, Sendable, CustomStringConvertible {
    case bool
    /// Whole numbers (counts, days, ages).
    case int
    /// Exact decimals with four fractional digits (money, rates).
    case decimal
    case string
    /// A calendar date.
    case date
    /// A number of days.
    case duration
    /// A list whose elements all have one type.
    case list(PolicyType)
    /// The type of `[]`, which fits any list.
    case emptyList

    /// True for int and decimal.
    public var isNumeric: Bool { self == .int || self == .decimal }

    /// The element type of a list type.
    public var elementType: PolicyType? {
        switch self {
        case .list(let element): return element
        default: return nil
        }
    }

    /// Whether a value of this type may stand where `other` is expected
    /// (int widens to decimal, `[]` fits any list).
    public func fits(_ other: PolicyType) -> Bool {
        if self == other { return true }
        switch (self, other) {
        case (.int, .decimal), (.emptyList, .list): return true
        case (.list(let a), .list(let b)): return a.fits(b)
        default: return false
        }
    }

    /// The common type of two branches or list elements, if they have one.
    public static func join(_ a: PolicyType, _ b: PolicyType) -> PolicyType? {
        if a.fits(b) { return b }
        if b.fits(a) { return a }
        return nil
    }

    public var description: String {
        switch self {
        case .bool: return "bool"
        case .int: return "int"
        case .decimal: return "decimal"
        case .string: return "string"
        case .date: return "date"
        case .duration: return "duration"
        case .list(let element): return "list of \(element)"
        case .emptyList: return "empty list"
        }
    }
}
