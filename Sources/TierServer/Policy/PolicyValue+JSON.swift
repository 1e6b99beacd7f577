import TierCalendar
import TierPolicy
import TierWire

extension JSONValue {
    /// A policy value on the wire: decimals, dates (`YYYY-MM-DD`) and durations
    /// (`730d`) as strings so they stay exact; missing as null.
    public init(_ value: PolicyValue) {
        switch value {
        case .bool(let bool): self = .bool(bool)
        case .int(let int): self = .int(int)
        case .decimal(let decimal): self = .string(decimal.description)
        case .string(let string): self = .string(string)
        case .date(let day): self = .string(CivilDate.format(day))
        case .duration(let days): self = .string("\(days)d")
        case .list(let items): self = .array(items.map(JSONValue.init))
        case .missing: self = .null
        }
    }
}

extension PolicyValue {
    /// Reads back a value written by `JSONValue.init(_:)`, given the fact's type.
    public init?(json: JSONValue, as type: PolicyType) {
        switch (json, type) {
        case (.null, _):
            self = .missing
        case (.bool(let bool), .bool):
            self = .bool(bool)
        case (.int(let int), .int):
            self = .int(int)
        case (.int(let int), .decimal):
            guard let decimal = FixedDecimal(integer: int) else { return nil }
            self = .decimal(decimal)
        case (.string, .list):
            return nil
        case (.string(let text), _):
            guard let value = FactValueReader.scalar(text, as: type) else { return nil }
            self = value
        case (.array(let items), .list(let element)):
            var values: [PolicyValue] = []
            for item in items {
                guard let value = PolicyValue(json: item, as: element) else { return nil }
                values.append(value)
            }
            self = .list(values)
        default:
            return nil
        }
    }
}
