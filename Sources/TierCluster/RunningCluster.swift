/// How to reach a started (or already running) cluster.
public struct RunningCluster: Sendable, Equatable {
    /// The absolute directory holding the cluster (``ClusterConfiguration/dataDirectory``).
    public let dataDirectory: String
    /// The directory holding the server's Unix socket; use it as libpq's `host`.
    public let socketDirectory: String
    /// The server's port (TCP, and the number in the socket file name).
    public let port: Int
    /// The superuser to connect as (trusted, no password).
    public let superuser: String
    /// The configured database, which exists.
    public let database: String
    /// `false` when the server was already running from this data directory;
    /// a caller that stops "its" cluster on exit should then leave it running.
    public let startedByUs: Bool
    /// The directory of the PostgreSQL binaries in use (`psql`, `pg_dump`, `pg_isready`, ...).
    public let binDirectory: String

    /// A libpq connection string for ``database`` over the Unix socket.
    public var conninfo: String { conninfo(database: database) }

    /// A libpq connection string for `database` over the Unix socket:
    /// `host=<socketDirectory> port=<port> user=<superuser> dbname=<database>`,
    /// each value quoted per libpq rules when needed.
    public func conninfo(database: String) -> String {
        [
            ("host", socketDirectory), ("port", String(port)),
            ("user", superuser), ("dbname", database),
        ]
        .map { "\($0.0)=\(Self.quoteConninfoValue($0.1))" }
        .joined(separator: " ")
    }

    /// Quotes a conninfo value: bare unless empty or containing whitespace, `'` or `\`;
    /// otherwise in single quotes with `\` and `'` backslash-escaped.
    static func quoteConninfoValue(_ value: String) -> String {
        let needsQuotes = value.isEmpty
            || value.contains { $0.isWhitespace || $0 == "'" || $0 == "\\" }
        guard needsQuotes else { return value }
        var quoted = "'"
        for character in value {
            if character == "'" || character == "\\" { quoted.append("\\") }
            quoted.append(character)
        }
        return quoted + "'"
    }
}
