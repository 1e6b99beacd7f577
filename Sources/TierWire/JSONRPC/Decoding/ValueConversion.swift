/// Converts `JSONValue`s to Swift scalars, with the protocol's strictness.
enum ValueConversion {
    static func bool(_ value: JSONValue, at path: ValuePath) throws -> Bool {
        guard case .bool(let flag) = value else { throw ValueDecodingFailure.mismatch(expected: "a boolean", found: value, at: path) }
        return flag
    }

    static func string(_ value: JSONValue, at path: ValuePath) throws -> String {
        guard case .string(let text) = value else { throw ValueDecodingFailure.mismatch(expected: "a string", found: value, at: path) }
        // PostgreSQL text cannot hold U+0000; refused here rather than cut short later.
        guard !text.utf8.contains(0) else { throw ValueDecodingFailure(at: path, "text may not contain the NUL character (U+0000)") }
        return text
    }

    /// An integer that fits `I`; integral doubles are accepted, fractions are not.
    static func integer<I: FixedWidthInteger>(_ type: I.Type, _ value: JSONValue, at path: ValuePath) throws -> I {
        switch value {
        case .int(let number):
            guard let result = I(exactly: number) else { throw outOfRange(I.self, "\(number)", at: path) }
            return result
        case .double(let number) where number.rounded() == number && number.isFinite:
            guard let result = I(exactly: number) else { throw outOfRange(I.self, "\(number)", at: path) }
            return result
        default:
            throw ValueDecodingFailure.mismatch(expected: "an integer", found: value, at: path)
        }
    }

    static func floatingPoint<F: BinaryFloatingPoint>(_ type: F.Type, _ value: JSONValue, at path: ValuePath) throws -> F {
        let result: F
        switch value {
        case .int(let number): result = F(number)
        case .double(let number): result = F(number)
        default: throw ValueDecodingFailure.mismatch(expected: "a number", found: value, at: path)
        }
        guard result.isFinite else {
            throw ValueDecodingFailure(at: path, "expected a number that fits \(F.self), found \(JSONValueDescription.kind(of: value))")
        }
        return result
    }

    private static func outOfRange<I: FixedWidthInteger>(_ type: I.Type, _ text: String, at path: ValuePath) -> ValueDecodingFailure {
        ValueDecodingFailure(at: path, "expected an integer from \(I.min) to \(I.max), found \(text)")
    }
}
