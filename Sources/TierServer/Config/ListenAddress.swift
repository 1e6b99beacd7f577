/// `HOST:PORT` for the TCP listener; `[::1]:7411` for IPv6.
enum ListenAddress {
    static func parse(_ text: String) throws(ConfigurationError) -> (host: String, port: Int) {
        guard let colon = text.lastIndex(of: ":") else {
            throw ConfigurationError("listen address '\(text)' must be HOST:PORT")
        }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, let port = Int(text[text.index(after: colon)...]), (0...65_535).contains(port) else {
            throw ConfigurationError("listen address '\(text)' must be HOST:PORT with a port from 0 to 65535")
        }
        return (host, port)
    }
}
