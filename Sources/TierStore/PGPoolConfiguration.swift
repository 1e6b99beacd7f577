/// How a ``PGPool`` connects and how far it grows.
public struct PGPoolConfiguration: Sendable {
    /// libpq conninfo string or URI; "" means libpq's defaults and the `PG*` variables.
    public var conninfo: String
    /// The most connections (and worker threads) the pool opens.
    public var maxConnections: Int
    /// How long a caller waits for a free connection before ``PGError/Code/poolTimeout``.
    public var acquireTimeout: Duration

    /// Makes a configuration; the defaults suit a small daemon.
    public init(conninfo: String = "", maxConnections: Int = 8, acquireTimeout: Duration = .seconds(5)) {
        precondition(maxConnections > 0, "a pool needs at least one connection")
        self.conninfo = conninfo
        self.maxConnections = maxConnections
        self.acquireTimeout = acquireTimeout
    }
}

/// A snapshot of a pool's use, for metrics and tests.
public struct PGPoolStatistics: Sendable, Equatable {
    /// Connections currently open.
    public var open: Int
    /// Connections lent out right now.
    public var inUse: Int
    /// Callers waiting for a connection.
    public var waiting: Int
    /// Connections found broken and discarded since the pool started.
    public var discarded: Int
    /// Connections lent out since the pool started.
    public var acquired: Int64 = 0
    /// Of those, the ones whose caller had to wait for a connection to come back.
    public var waited: Int64 = 0
    /// The time those callers waited, in all.
    public var waitedFor: Duration = .zero
    /// Callers that gave up after ``PGPoolConfiguration/acquireTimeout``.
    public var timedOut: Int64 = 0

    public init(
        open: Int, inUse: Int, waiting: Int, discarded: Int, acquired: Int64 = 0, waited: Int64 = 0,
        waitedFor: Duration = .zero, timedOut: Int64 = 0
    ) {
        self.open = open
        self.inUse = inUse
        self.waiting = waiting
        self.discarded = discarded
        self.acquired = acquired
        self.waited = waited
        self.waitedFor = waitedFor
        self.timedOut = timedOut
    }
}
