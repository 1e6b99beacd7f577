/// Where a tierd daemon listens: a TCP host and port, or a Unix socket path.
///
/// Parsed from `tcp://host:port`, `host:port`, `[::1]:7411`, `host` (port 7411),
/// `unix:///path/to/socket`, or a plain path starting with `/`, `./` or `../`.
public enum TierAddress: Sendable, Hashable, CustomStringConvertible {
    case tcp(host: String, port: Int)
    case unix(path: String)

    /// tierd's default TCP port.
    public static let defaultPort = 7411
    /// `127.0.0.1:7411`, where `tierd serve` listens by default.
    public static let `default` = TierAddress.tcp(host: "127.0.0.1", port: defaultPort)

    /// Parses an address; see the type's documentation for the accepted forms.
    public init(parsing text: String) throws(TierAddressError) {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else { throw TierAddressError(text, "the address is empty") }
        if let path = trimmed.removingPrefix("unix://") ?? (trimmed.hasPrefix("unix:/") ? String(trimmed.dropFirst(5)) : nil) {
            guard !path.isEmpty else { throw TierAddressError(text, "a unix address needs a socket path") }
            self = .unix(path: path)
            return
        }
        // A path: absolute, or relative with a slash in it and no scheme (`.tierd/demo/tierd.sock`).
        if trimmed.hasPrefix("/") || (trimmed.dropLast().contains("/") && !trimmed.contains("://")) {
            self = .unix(path: trimmed)
            return
        }
        var rest = trimmed.removingPrefix("tcp://") ?? trimmed
        if let scheme = rest.range(of: "://") {
            throw TierAddressError(text, "unsupported scheme '\(rest[..<scheme.lowerBound])'; use tcp:// or unix://")
        }
        if rest.hasSuffix("/") { rest.removeLast() }
        let (host, port) = try Self.splitHostPort(rest, original: text)
        self = .tcp(host: host, port: port)
    }

    /// Parses an address; the same as `init(parsing:)`.
    public static func parse(_ text: String) throws(TierAddressError) -> TierAddress {
        try TierAddress(parsing: text)
    }

    /// `host:port` (IPv6 hosts in brackets) or `unix://path`.
    public var description: String {
        switch self {
        case .tcp(let host, let port): host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        case .unix(let path): "unix://\(path)"
        }
    }

    private static func splitHostPort(_ text: String, original: String) throws(TierAddressError) -> (String, Int) {
        let host: Substring
        let portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else {
                throw TierAddressError(original, "an IPv6 address needs a closing ']'")
            }
            host = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            if after.isEmpty {
                portText = nil
            } else if after.hasPrefix(":") {
                portText = after.dropFirst()
            } else {
                throw TierAddressError(original, "expected ':' and a port after ']'")
            }
        } else {
            let colons = text.filter { $0 == ":" }.count
            if colons > 1 { throw TierAddressError(original, "put an IPv6 address in brackets, e.g. [::1]:7411") }
            if let colon = text.firstIndex(of: ":") {
                host = text[..<colon]
                portText = text[text.index(after: colon)...]
            } else {
                host = Substring(text)
                portText = nil
            }
        }
        guard !host.isEmpty else { throw TierAddressError(original, "the host is empty") }
        guard !host.contains(where: { $0 == "/" || $0.isWhitespace }) else {
            throw TierAddressError(original, "'\(host)' is not a host name")
        }
        guard let portText else { return (String(host), defaultPort) }
        guard let port = Int(portText), (1...65_535).contains(port) else {
            throw TierAddressError(original, "the port must be a number from 1 to 65535, not '\(portText)'")
        }
        return (String(host), port)
    }
}

/// An address that cannot be parsed.
public struct TierAddressError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text as given.
    public var text: String
    /// What is wrong with it.
    public var reason: String

    public init(_ text: String, _ reason: String) {
        self.text = text
        self.reason = reason
    }

    public var description: String { "invalid address '\(text)': \(reason)" }
}

extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }

    func removingPrefix(_ prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }
}
