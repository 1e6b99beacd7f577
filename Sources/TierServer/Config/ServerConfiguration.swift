/// Everything `tierd serve` can be told, with its defaults. Read from the config
/// file, then `TIERD_*` environment variables, then command-line flags (each
/// overriding the one before). See docs/CONFIGURATION.md.
public struct ServerConfiguration: Sendable, Hashable {
    /// TCP address `HOST:PORT`; empty disables TCP.
    public var listen: String = "127.0.0.1:7411"
    /// Unix socket path; empty (the default) disables it.
    public var socket: String = ""
    /// The policy directory.
    public var policies: String = "policies/branch"
    /// libpq conninfo or URI; empty uses libpq's defaults and PG* variables.
    public var database: String = ""
    public var pool = Pool()
    public var tls = TLS()
    public var limits = Limits()
    public var decisionLog = DecisionLog()
    public var log = Log()
    /// How long SIGTERM waits for in-flight requests before closing connections.
    public var shutdownGraceSeconds: Double = 30

    public init() {}

    /// The database pool.
    public struct Pool: Sendable, Hashable {
        public var connections: Int = 8
        /// How long a request waits for a free connection before failing `unavailable`.
        public var acquireTimeoutMs: Int = 2000
        public init() {}
    }

    /// TLS on the TCP listener: on when both files are set.
    public struct TLS: Sendable, Hashable {
        /// PEM certificate chain.
        public var certificate: String = ""
        /// PEM private key.
        public var key: String = ""
        public var isEnabled: Bool { !certificate.isEmpty && !key.isEmpty }
        public init() {}
    }

    /// Per-connection and per-daemon limits.
    public struct Limits: Sendable, Hashable {
        public var maxFrameBytes: Int = 1_048_576
        public var maxBatch: Int = 100
        public var maxNestingDepth: Int = 64
        /// Requests one connection may have in flight; beyond it, `overloaded`.
        public var maxInFlight: Int = 64
        /// Open connections; beyond it new ones get `overloaded` and are closed.
        public var maxConnections: Int = 1024
        /// A connection with nothing in flight and no traffic for this long is closed.
        public var idleTimeoutSeconds: Double = 300
        /// A line started but not finished within this long closes the connection.
        public var readTimeoutSeconds: Double = 30
        /// Failed `session.hello` calls before the connection is closed.
        public var helloAttempts: Int = 3
        public init() {}
    }

    /// The batched decision-log writer.
    public struct DecisionLog: Sendable, Hashable {
        /// Rows per write.
        public var batchSize: Int = 500
        /// Longest a record waits before a write starts.
        public var flushIntervalMs: Int = 20
        /// Records held in memory; when full, requests wait (back-pressure).
        public var queueCapacity: Int = 20_000
        /// Longest a request waits for room before failing `overloaded`.
        public var enqueueTimeoutMs: Int = 2000
        public init() {}
    }

    /// Logging.
    public struct Log: Sendable, Hashable {
        /// trace, debug, info, notice, warning, error or critical.
        public var level: String = "info"
        /// `json` (one object per line) or `text`.
        public var format: String = "json"
        public init() {}
    }

}
