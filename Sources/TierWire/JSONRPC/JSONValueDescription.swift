/// Words for JSON values in error messages: "a string", "the fractional number 1.5".
enum JSONValueDescription {
    /// The value's kind with an article; numbers are shown, since their value usually matters.
    static func kind(of value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .int(let number): "the integer \(number)"
        case .double(let number) where number.rounded() == number: "the number \(number)"
        case .double(let number): "the fractional number \(number)"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
