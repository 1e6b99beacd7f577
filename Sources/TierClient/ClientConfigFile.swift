import Foundation

/// tierctl's config file: a tiny `key: value` format (a subset of YAML).
///
/// ```
/// # ~/.config/tierctl/config.yaml
/// address: tcp://10.1.2.3:7411
/// token: "tk_3f9c..."
/// tls_ca: ~/.config/tierctl/branch-ca.pem
/// ```
///
/// One setting a line; `#` starts a comment at the start of a line or after a
/// space; values may be in single or double quotes; an empty value is unset.
/// Unknown keys, repeated keys and nested values are errors with the line number.
public struct ClientConfigFile: Sendable, Hashable {
    public var address: String?
    public var token: String?
    /// PEM file of the CAs to trust; setting it turns TLS on.
    public var tlsCA: String?
    /// PEM client certificate chain, for mutual TLS.
    public var tlsCert: String?
    /// PEM private key of the client certificate.
    public var tlsKey: String?
    /// The name to verify in the server's certificate.
    public var tlsServerName: String?

    /// The keys the file may set.
    public static let keys = ["address", "token", "tls_ca", "tls_cert", "tls_key", "tls_server_name"]

    public init(
        address: String? = nil, token: String? = nil, tlsCA: String? = nil, tlsCert: String? = nil,
        tlsKey: String? = nil, tlsServerName: String? = nil
    ) {
        self.address = address
        self.token = token
        self.tlsCA = tlsCA
        self.tlsCert = tlsCert
        self.tlsKey = tlsKey
        self.tlsServerName = tlsServerName
    }

    /// Parses the file's text; `file` names it in errors.
    public init(parsing text: String, file: String = "config") throws(ClientConfigError) {
        self.init()
        var seen: Set<String> = []
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let lineNumber = index + 1
            var line = Substring(rawLine)
            if line.last == "\r" { line.removeLast() }
            let content = String(line).trimmingWhitespace()
            if content.isEmpty || content.hasPrefix("#") || content == "---" { continue }
            func fail(_ message: String) -> ClientConfigError { ClientConfigError(file: file, line: lineNumber, message: message) }
            if line.first?.isWhitespace == true { throw fail("nested values are not supported; write `key: value` at the start of the line") }
            guard let colon = content.firstIndex(of: ":") else { throw fail("expected `key: value`") }
            let key = String(content[..<colon]).trimmingWhitespace()
            guard Self.keys.contains(key) else {
                throw fail("unknown key '\(key)'; known keys: \(Self.keys.joined(separator: ", "))")
            }
            guard seen.insert(key).inserted else { throw fail("'\(key)' is set twice") }
            let value = try Self.parseValue(String(content[content.index(after: colon)...]), fail: fail)
            switch key {
            case "address": address = value
            case "token": token = value
            case "tls_ca": tlsCA = value
            case "tls_cert": tlsCert = value
            case "tls_key": tlsKey = value
            default: tlsServerName = value
            }
        }
    }

    /// Reads and parses a file.
    public static func load(path: String) throws(ClientConfigError) -> ClientConfigFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ClientConfigError(file: path, line: nil, message: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ClientConfigError(file: path, line: nil, message: "the file is not UTF-8")
        }
        return try ClientConfigFile(parsing: text, file: path)
    }

    /// `$XDG_CONFIG_HOME/tierctl/config.yaml`, else `~/.config/tierctl/config.yaml`.
    public static func defaultPath(environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty { return xdg + "/tierctl/config.yaml" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.config/tierctl/config.yaml"
    }

    /// A value after the colon: quoted, or plain up to a ` #` comment; nil when empty.
    private static func parseValue(_ raw: String, fail: (String) -> ClientConfigError) throws(ClientConfigError) -> String? {
        let text = raw.trimmingWhitespace()
        guard let quote = text.first, quote == "\"" || quote == "'" else {
            var plain = text
            if let comment = plain.range(of: " #") ?? plain.range(of: "\t#") { plain = String(plain[..<comment.lowerBound]) }
            plain = plain.trimmingWhitespace()
            return plain.isEmpty ? nil : plain
        }
        var value = ""
        var index = text.index(after: text.startIndex)
        while index < text.endIndex {
            let character = text[index]
            index = text.index(after: index)
            if character == quote {
                if quote == "'", index < text.endIndex, text[index] == "'" {  // '' is a quote in single quotes
                    value.append("'")
                    index = text.index(after: index)
                    continue
                }
                let rest = String(text[index...]).trimmingWhitespace()
                guard rest.isEmpty || rest.hasPrefix("#") else { throw fail("unexpected text after the closing quote") }
                return value.isEmpty ? nil : value
            }
            if quote == "\"", character == "\\", index < text.endIndex {
                let escaped = text[index]
                index = text.index(after: index)
                switch escaped {
                case "n": value.append("\n")
                case "t": value.append("\t")
                case "\\", "\"": value.append(escaped)
                default: throw fail("unknown escape '\\\(escaped)'")
                }
                continue
            }
            value.append(character)
        }
        throw fail("missing closing \(quote)")
    }
}

/// A config file that cannot be used.
public struct ClientConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// 1-based line, when the problem is on one.
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`.
    public var description: String { line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)" }
}
