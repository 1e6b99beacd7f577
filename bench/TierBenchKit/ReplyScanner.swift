/// Reads just enough of a JSON-RPC response line to account for it: the top-level
/// `id` (an integer; the load generator numbers its requests) and, for an error,
/// its `data.code` (the daemon's error name). One pass, no allocation on success,
/// so the load generator spends its CPU sending, not parsing: it shares the
/// machine with the daemon and PostgreSQL.
public enum ReplyScanner {
    public struct Reply: Sendable, Equatable {
        /// nil when the id is missing, null or not an integer.
        public var id: Int64?
        /// nil for a result; the error's `data.code`, or `"error"` if it has none.
        public var errorCode: String?
    }

    public static func scan(_ bytes: UnsafeRawBufferPointer) -> Reply {
        var reply = Reply(id: nil, errorCode: nil)
        var depth = 0
        var index = 0
        let count = bytes.count
        var keyStart = -1
        var lastKey: Slice<UnsafeRawBufferPointer>?
        var expectingKey = false
        while index < count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                let start = index + 1
                index = start
                while index < count && bytes[index] != UInt8(ascii: "\"") {
                    if bytes[index] == UInt8(ascii: "\\") { index += 1 }
                    index += 1
                }
                if depth == 1 && expectingKey {
                    keyStart = start
                    lastKey = bytes[start..<min(index, count)]
                    expectingKey = false
                }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                expectingKey = byte == UInt8(ascii: "{") && depth == 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
            case UInt8(ascii: ","):
                if depth == 1 { expectingKey = true }
            case UInt8(ascii: ":") where depth == 1 && keyStart >= 0:
                if let key = lastKey, equals(key, "id") {
                    reply.id = integer(bytes, from: index + 1)
                } else if let key = lastKey, equals(key, "error") {
                    reply.errorCode = errorCode(bytes, from: index + 1) ?? "error"
                }
                keyStart = -1
            default:
                break
            }
            index += 1
        }
        return reply
    }

    private static func equals(_ slice: Slice<UnsafeRawBufferPointer>, _ text: StaticString) -> Bool {
        guard slice.count == text.utf8CodeUnitCount else { return false }
        var i = 0
        for byte in slice {
            if byte != text.utf8Start[i] { return false }
            i += 1
        }
        return true
    }

    private static func integer(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int64? {
        var index = start
        while index < bytes.count && bytes[index] == UInt8(ascii: " ") { index += 1 }
        var negative = false
        if index < bytes.count && bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        var value: Int64 = 0
        var digits = 0
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            value = value &* 10 &+ Int64(bytes[index] - UInt8(ascii: "0"))
            digits += 1
            index += 1
        }
        if digits == 0 { return nil }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: "e") { return nil }
        return negative ? -value : value
    }

    /// The string value of the first `"code":"..."` inside the error object.
    private static func errorCode(_ bytes: UnsafeRawBufferPointer, from start: Int) -> String? {
        let pattern = Array("\"code\":\"".utf8)
        var index = start
        var depth = 0
        while index + pattern.count <= bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "{") { depth += 1 }
            if byte == UInt8(ascii: "}") {
                depth -= 1
                if depth == 0 { return nil }
            }
            if byte == pattern[0] && zip(pattern.indices, pattern).allSatisfy({ bytes[index + $0.0] == $0.1 }) {
                let valueStart = index + pattern.count
                var end = valueStart
                while end < bytes.count && bytes[end] != UInt8(ascii: "\"") { end += 1 }
                return String(decoding: bytes[valueStart..<end], as: UTF8.self)
            }
            index += 1
        }
        return nil
    }
}
