import TierWire

/// Writes a `JSONValue` as JSON text: compact, or pretty with two-space indents.
/// Object keys are always sorted, so output is stable for scripts and diffs.
public enum JSONPrinter {
    /// Pretty text, two-space indents, sorted keys, no trailing newline.
    public static func pretty(_ value: JSONValue) -> String {
        var output = ""
        write(value, indent: 0, pretty: true, into: &output)
        return output
    }

    /// One line, sorted keys.
    public static func compact(_ value: JSONValue) -> String {
        var output = ""
        write(value, indent: 0, pretty: false, into: &output)
        return output
    }

    /// A JSON string literal, quotes included.
    public static func quoted(_ text: String) -> String {
        var output = ""
        writeString(text, into: &output)
        return output
    }

    private static func write(_ value: JSONValue, indent: Int, pretty: Bool, into output: inout String) {
        switch value {
        case .null: output += "null"
        case .bool(let bool): output += bool ? "true" : "false"
        case .int(let int): output += String(int)
        case .double(let double): output += double.isFinite ? "\(double)" : "null"
        case .string(let string): writeString(string, into: &output)
        case .array(let elements):
            guard !elements.isEmpty else { output += "[]"; return }
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                if pretty { newline(indent + 1, into: &output) }
                write(element, indent: indent + 1, pretty: pretty, into: &output)
            }
            if pretty { newline(indent, into: &output) }
            output += "]"
        case .object(let members):
            guard !members.isEmpty else { output += "{}"; return }
            output += "{"
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { output += "," }
                if pretty { newline(indent + 1, into: &output) }
                writeString(key, into: &output)
                output += pretty ? ": " : ":"
                write(members[key]!, indent: indent + 1, pretty: pretty, into: &output)
            }
            if pretty { newline(indent, into: &output) }
            output += "}"
        }
    }

    private static func newline(_ indent: Int, into output: inout String) {
        output += "\n" + String(repeating: "  ", count: indent)
    }

    private static func writeString(_ text: String, into output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
