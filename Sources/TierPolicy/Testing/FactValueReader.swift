import TierCalendar

/// Reads fact values written as text (YAML test cases, JSON files) by their declared type.
public enum FactValueReader {
    /// The value of `text` as `type`, or nil when it is not one.
    public static func scalar(_ text: String, as type: PolicyType) -> PolicyValue? {
        switch type {
        case .bool:
            switch text {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: return nil
            }
        case .int: return Int64(text).map(PolicyValue.int)
        case .decimal: return FixedDecimal(text).map(PolicyValue.decimal)
        case .string: return .string(text)
        case .date: return CivilDate.parse(text).map(PolicyValue.date)
        case .duration:
            guard text.hasSuffix("d"), let days = Int64(text.dropLast()) else { return nil }
            return .duration(days)
        case .list, .emptyList: return nil
        }
    }

    /// Fills `customer.age` from `customer.birth_date` when only the birth date is
    /// given, as the store does, so a case or a facts file need not state both.
    public static func deriveAge(_ values: inout [String: PolicyValue]) {
        guard values["customer.age"] == nil || values["customer.age"] == .missing,
              case .date(let born)? = values["customer.birth_date"], case .date(let asOf)? = values["context.as_of"] else { return }
        values["customer.age"] = .int(Int64(CivilDate.wholeYears(from: born, to: asOf)))
    }

    /// Defaults for every required fact, for tests: false, 0, "", the as-of date,
    /// an empty list; `customer.id` is 1. Optional facts stay absent.
    public static func defaults(schema: FactSchema, asOf: Int, channel: String) -> [String: PolicyValue] {
        var values: [String: PolicyValue] = [:]
        for declaration in schema.declarations where !declaration.optional {
            let value: PolicyValue
            switch declaration.type {
            case .bool: value = .bool(false)
            case .int: value = .int(declaration.path == "customer.id" ? 1 : 0)
            case .decimal: value = .decimal(FixedDecimal(scaled: 0))
            case .string: value = .string("")
            case .date: value = .date(asOf)
            case .duration: value = .duration(0)
            case .list, .emptyList: value = .list([])
            }
            values[declaration.path] = value
        }
        values["context.as_of"] = .date(asOf)
        values["context.channel"] = .string(channel)
        return values
    }
}
