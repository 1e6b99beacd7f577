/// How to find, create and run a private PostgreSQL cluster.
///
/// The cluster lives entirely inside ``dataDirectory``:
///
/// | entry          | what                                                     |
/// |----------------|----------------------------------------------------------|
/// | `pgdata/`      | the PostgreSQL data directory (PGDATA)                   |
/// | `run/`         | the Unix socket directory                                |
/// | `postgres.log` | the server log (`pg_ctl start -l`)                       |
/// | `port`         | the remembered port, when ``port`` is `nil`              |
/// | `.lock`        | serialises start, stop and reset across processes         |
///
/// When `<dataDirectory>/run/.s.PGSQL.65535` would not fit in a Unix socket
/// address (107 bytes), the socket directory is `/tmp/tierd-<hash of the
/// data directory path>` instead; everything else stays in the data directory.
public struct ClusterConfiguration: Sendable, Equatable {
    /// The folder that holds the whole cluster, e.g. `.tierd/cluster`.
    /// Relative paths are resolved against the current directory; `~` is expanded.
    public var dataDirectory: String

    /// The TCP port and Unix socket number. `nil` picks a free port on first
    /// start, remembers it in the data directory and reuses it while it stays free.
    public var port: Int?

    /// The server's `listen_addresses`: `"127.0.0.1"` (default) listens on
    /// loopback TCP as well as the Unix socket; `""` listens on the socket only.
    /// Only loopback clients are trusted by `pg_hba.conf` whatever this says.
    public var listenAddresses: String

    /// The PostgreSQL superuser created by `initdb` (default `"tierd"`).
    public var superuser: String

    /// The database created after `initdb` and on every start if missing (default `"tierd"`).
    public var database: String

    /// The directory holding `initdb`, `pg_ctl`, `postgres` and `psql`.
    /// `nil` discovers it: `$TIERD_PG_BINDIR`, the version matching an existing
    /// cluster under `/usr/lib/postgresql`, `pg_config --bindir`, the highest
    /// `/usr/lib/postgresql/<version>/bin`, then `PATH`.
    public var binDirectory: String?

    /// When the process runs as root: the unprivileged OS user that owns and runs
    /// the cluster. `nil` uses the owner of an existing cluster, else
    /// `$TIERD_CLUSTER_USER`, else `postgres` if that user exists, else `nobody`.
    /// Ignored when not running as root (the cluster then runs as the current user).
    public var osUser: String?

    /// Extra server settings passed as `-c name=value`; they override the defaults
    /// (`max_connections=100`, `unix_socket_permissions=0777`). `port` and
    /// `unix_socket_directories` are managed by the cluster and rejected here.
    /// With `fsync=off`, `initdb` also skips syncing (handy for tests).
    public var serverSettings: [String: String]

    /// Creates a configuration; every parameter but the directory has a default.
    public init(
        dataDirectory: String,
        port: Int? = nil,
        listenAddresses: String = "127.0.0.1",
        superuser: String = "tierd",
        database: String = "tierd",
        binDirectory: String? = nil,
        osUser: String? = nil,
        serverSettings: [String: String] = [:]
    ) {
        self.dataDirectory = dataDirectory
        self.port = port
        self.listenAddresses = listenAddresses
        self.superuser = superuser
        self.database = database
        self.binDirectory = binDirectory
        self.osUser = osUser
        self.serverSettings = serverSettings
    }

    /// Settings the cluster sets itself; ``serverSettings`` may not contain them.
    static let managedSettings: Set<String> = ["port", "unix_socket_directories"]

    /// Rejects values PostgreSQL or the cluster could not use, with a precise message.
    func validate() throws {
        func fail(_ message: String) -> ClusterError { ClusterError(.invalidConfiguration, message) }
        if let port, !(1...65535).contains(port) {
            throw fail("port \(port) is outside 1...65535")
        }
        for (what, name) in [("superuser", superuser), ("database", database)] {
            if name.isEmpty { throw fail("the \(what) name is empty") }
            if name.utf8.count > 63 { throw fail("the \(what) name '\(name)' is longer than 63 bytes") }
            if name.utf8.contains(0) { throw fail("the \(what) name contains a NUL byte") }
        }
        if listenAddresses.utf8.contains(0) { throw fail("listenAddresses contains a NUL byte") }
        for (name, value) in serverSettings {
            if Self.managedSettings.contains(name.lowercased()) {
                throw fail("serverSettings may not set '\(name)'; use ClusterConfiguration.port (the socket directory is managed)")
            }
            let valid = name.first.map { $0.isLetter || $0 == "_" } == true
                && name.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "_" || $0 == "." }
            if !valid { throw fail("'\(name)' is not a valid server setting name") }
            if value.utf8.contains(0) { throw fail("the value of '\(name)' contains a NUL byte") }
        }
    }
}
