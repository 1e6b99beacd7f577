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
    /// libpq conninfo of a read pool (a streaming replica) for the facts reads of
    /// `entitlements.get`/`explain`; empty: those reads use `database`.
    public var readDatabase: String = ""
    public var pool = Pool()
    public var tls = TLS()
    public var limits = Limits()
    public var decisionLog = DecisionLog()
    public var factsCache = FactsCache()
    public var log = Log()
    public var jobs = Jobs()
    public var http = HTTP()
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
        /// PEM certificate authorities for client certificates: when set, every TCP
        /// client must present a certificate one of them signed (mutual TLS), and
        /// still says hello with its token.
        public var clientCA: String = ""
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
        /// Failed hellos from one client address, over all its connections, within
        /// `helloFailureWindowSeconds` before its hellos are refused until the window
        /// ends (``HelloThrottle``); 0 turns the throttle off.
        public var helloFailuresPerAddress: Int = 20
        public var helloFailureWindowSeconds: Double = 60
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
        /// Bytes of request and result JSON held in memory (a record counts its JSON
        /// plus 256 for the rest); when full, requests wait. A record larger than the
        /// bound is still taken when the queue is empty.
        public var queueBytes: Int = 16 << 20
        /// Longest a request waits for room before failing `overloaded`.
        public var enqueueTimeoutMs: Int = 2000
        public init() {}
    }

    /// Customers' facts kept in memory between `entitlements.get` requests, forgotten
    /// when PostgreSQL announces a change to their household's rows.
    public struct FactsCache: Sendable, Hashable {
        /// The most customers (per day and channel) held; 0 reads the database every time.
        public var capacity: Int = 32_768
        public init() {}
    }

    /// The periodic jobs' scheduler.
    public struct Jobs: Sendable, Hashable {
        /// The jobs that have a schedule key (`jobs.<name>.schedule`).
        public static let scheduledJobs = ["classify", "revisit", "loyalty", "referral", "risk", "sla"]
        /// The schedules when the configuration sets none.
        public static let defaultSchedules: [String: JobSchedule] = [
            "classify": .daily(minuteOfDay: 120), "revisit": .daily(minuteOfDay: 180),
            "loyalty": .daily(minuteOfDay: 210), "referral": .daily(minuteOfDay: 240),
            "risk": .daily(minuteOfDay: 270), "sla": .every(seconds: 300),
        ]

        /// Whether this daemon schedules jobs at all (`jobs.run` works either way).
        public var enabled: Bool = true
        /// The lease holder name; empty: `<host>:<pid>`.
        public var instance: String = ""
        /// How long a job's leader lease lasts; longer than the longest run.
        public var leaseSeconds: Double = 300
        /// How often the scheduler checks for due slots and renews its leases.
        public var tickSeconds: Double = 15
        /// The most missed slots of one job run after downtime (the newest ones).
        public var catchUpLimit: Int = 1
        /// Each job's schedule.
        public var schedules: [String: JobSchedule] = defaultSchedules
        public init() {}
    }

    /// The HTTP endpoint for operators: `/metrics`, `/healthz`, `/readyz`.
    public struct HTTP: Sendable, Hashable {
        /// `HOST:PORT`; empty (the default) disables it. It has no authentication:
        /// bind it to loopback or a network only the monitoring reaches.
        public var listen: String = ""
        /// Whether `POST /rpc` carries protocol v1 (a bearer token per request). Off by
        /// default: the endpoint has no TLS, so tokens would cross the network in clear.
        public var rpc: Bool = false
        /// Open HTTP connections; a new one beyond it gets `503` and is closed, so a
        /// flood on this listener cannot take sockets the protocol needs.
        public var maxConnections: Int = 64
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
