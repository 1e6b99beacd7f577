import Foundation

/// Parses JSON text into `JSONValue` with Foundation's `JSONSerialization`.
///
/// Measured on Linux, `JSONSerialization` plus this conversion is about three
/// times faster than `JSONDecoder` decoding `JSONValue` (whose `init(from:)` tries
/// each type in turn). Integer-valued numbers become `.int` (so `1.0` and `1e3`
/// are integers), others `.double`; integers beyond `Int64` become `.double`.
/// Callers run `JSONShapeScanner` first: it bounds the nesting depth, so the
/// recursion here is bounded, and it rejects NUL bytes, so Foundation never
/// guesses UTF-16.
enum FoundationJSONReader {
    static func read(_ bytes: UnsafeRawBufferPointer, what: String = "the frame") throws(RPCError) -> JSONValue {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            throw failure(bytes, error, what: what)
        }
        return convert(object)
    }

    /// A parse error that says whether the bytes were not UTF-8 or not JSON.
    private static func failure(_ bytes: UnsafeRawBufferPointer, _ error: any Error, what: String) -> RPCError {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }) {
            return .parseError("\(what) is empty")
        }
        if String(validating: bytes, as: UTF8.self) == nil {
            return .parseError("\(what) is not valid UTF-8")
        }
        let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
        return .parseError("\(what) is not valid JSON" + (detail.map { ": \($0)" } ?? ""))
    }

    private static let booleanType = ObjectIdentifier(type(of: NSNumber(value: true)))

    private static func convert(_ object: Any) -> JSONValue {
        switch object {
        case let string as String:
            return .string(string)
        case let members as [String: Any]:
            var converted = [String: JSONValue](minimumCapacity: members.count)
            for (key, value) in members { converted[key] = convert(value) }
            return .object(converted)
        case let elements as [Any]:
            return .array(elements.map(convert))
        case let number as NSNumber:
            return convert(number)
        default:
            return .null
        }
    }

    private static func convert(_ number: NSNumber) -> JSONValue {
        if ObjectIdentifier(type(of: number)) == booleanType { return .bool(number.boolValue) }
        if let decimal = number as? NSDecimalNumber {
            let text = decimal.stringValue
            if let integer = Int64(text) { return .int(integer) }
            return double(Double(text) ?? decimal.doubleValue)
        }
        switch UInt8(bitPattern: number.objCType.pointee) {
        case UInt8(ascii: "d"), UInt8(ascii: "f"):
            return double(number.doubleValue)
        case UInt8(ascii: "Q"), UInt8(ascii: "L"), UInt8(ascii: "I"):
            let unsigned = number.uint64Value
            return Int64(exactly: unsigned).map(JSONValue.int) ?? .double(Double(unsigned))
        default:
            return .int(number.int64Value)
        }
    }

    private static func double(_ value: Double) -> JSONValue {
        Int64(exactly: value).map(JSONValue.int) ?? .double(value)
    }
}
