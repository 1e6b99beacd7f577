/// Writes compact JSON straight into bytes: strings, `JSONValue`s, ids and errors.
///
/// Object members are written in sorted key order so output is deterministic;
/// `/` is not escaped; non-finite doubles (which JSON cannot express) become `null`.
enum JSONByteWriter {
    static func bytes(of id: RPCID) -> [UInt8] {
        var out: [UInt8] = []
        write(id, into: &out)
        return out
    }

    static func write(_ id: RPCID, into out: inout [UInt8]) {
        switch id {
        case .int(let number): out.append(contentsOf: String(number).utf8)
        case .string(let text): write(text, into: &out)
        case .null: out.append(contentsOf: "null".utf8)
        }
    }

    /// `{"code":-32602,"message":"...","data":{"code":"invalid_params",...}}`.
    static func write(_ error: RPCError, into out: inout [UInt8]) {
        out.append(contentsOf: #"{"code":"#.utf8)
        out.append(contentsOf: String(error.code.number).utf8)
        out.append(contentsOf: #","message":"#.utf8)
        write(error.message, into: &out)
        out.append(contentsOf: #","data":{"code":"#.utf8)
        write(error.code.rawValue, into: &out)
        for key in error.data.keys.sorted() where key != "code" {
            out.append(UInt8(ascii: ","))
            write(key, into: &out)
            out.append(UInt8(ascii: ":"))
            write(error.data[key]!, into: &out)
        }
        out.append(contentsOf: "}}".utf8)
    }

    static func write(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .int(let number): out.append(contentsOf: String(number).utf8)
        case .double(let number):
            out.append(contentsOf: (number.isFinite ? "\(number)" : "null").utf8)
        case .string(let text): write(text, into: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                write(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                write(key, into: &out)
                out.append(UInt8(ascii: ":"))
                write(members[key]!, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// A JSON string literal: `"` and `\` escaped, control characters as `\n`,
    /// `\t`, ... or `\u00XX`, everything else (including `/` and non-ASCII) as is.
    static func write(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            // Runs of bytes that need no escape are copied whole.
            var runStart = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                runStart = index + 1
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
                case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
                case 0x0A: out.append(contentsOf: #"\n"#.utf8)
                case 0x0D: out.append(contentsOf: #"\r"#.utf8)
                case 0x09: out.append(contentsOf: #"\t"#.utf8)
                case 0x08: out.append(contentsOf: #"\b"#.utf8)
                case 0x0C: out.append(contentsOf: #"\f"#.utf8)
                default:
                    out.append(contentsOf: #"\u00"#.utf8)
                    out.append(hexDigit(byte >> 4))
                    out.append(hexDigit(byte & 0x0F))
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
