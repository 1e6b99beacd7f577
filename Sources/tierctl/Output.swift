import Foundation
import TierClient
import TierWire

/// Writing to stdout and stderr, and turning JSON values into table cells.
enum Output {
    static func print(_ text: String) {
        do {
            try FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
        } catch {
            Foundation.exit(141)  // the reader went away (`| head`): stop quietly, as SIGPIPE would
        }
    }

    static func line(_ text: String = "") {
        print(text + "\n")
    }

    static func error(_ text: String) {
        try? FileHandle.standardError.write(contentsOf: Data((text + "\n").utf8))
    }

    /// Pretty JSON with sorted keys and a newline.
    static func json(_ value: JSONValue) {
        line(JSONPrinter.pretty(value))
    }

    /// A cell: strings as they are, other values as compact JSON, null as `-`.
    static func cell(_ value: JSONValue?) -> String {
        switch value {
        case nil, .null?: "-"
        case .string(let text)?: text
        case let value?: JSONPrinter.compact(value)
        }
    }

    /// `key=value, ...` sorted by key, or `-`.
    static func pairs(_ members: [String: JSONValue]) -> String {
        guard !members.isEmpty else { return "-" }
        return members.keys.sorted().map { "\($0)=\(cell(members[$0]))" }.joined(separator: ", ")
    }

    static func orDash(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "-" }
        return text
    }

    static func list(_ items: [String]) -> String {
        items.isEmpty ? "-" : items.joined(separator: ", ")
    }

    /// The lines under an error: `path`, `reason`, each of `diagnostics`, and any
    /// other members of `error.data`.
    static func errorDetails(_ data: [String: JSONValue]) -> [String] {
        var lines: [String] = []
        if case .string(let path)? = data["path"] { lines.append("path: \(path)") }
        if case .string(let reason)? = data["reason"] { lines.append("reason: \(reason)") }
        if case .array(let diagnostics)? = data["diagnostics"] {
            lines += diagnostics.map(diagnostic)
        }
        for key in data.keys.sorted() where !["path", "reason", "diagnostics", "code"].contains(key) {
            lines.append("\(key): \(cell(data[key]))")
        }
        return lines
    }

    /// `file:line:col: code: message` for a diagnostic object, else its text.
    static func diagnostic(_ value: JSONValue) -> String {
        guard case .object(let members) = value else { return cell(value) }
        var place = cell(members["file"])
        if let line = members["line"] { place += ":\(cell(line))" }
        if let column = members["column"] { place += ":\(cell(column))" }
        if members["file"] == nil, let location = members["location"] { place = cell(location) }
        let code = members["code"].map { "\(cell($0)): " } ?? ""
        return "\(place): \(code)\(cell(members["message"]))"
    }
}
