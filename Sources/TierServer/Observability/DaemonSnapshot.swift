import TierStore

/// The daemon's state at a scrape, as ``DaemonMetrics`` publishes it.
public struct DaemonSnapshot: Sendable {
    /// Whether the database answered the scrape's query.
    public var databaseUp: Bool
    /// Open client connections and requests being answered.
    public var connections: Int
    public var inFlight: Int
    /// The pool's configured size and its use.
    public var poolSize: Int
    public var pool: PGPoolStatistics
    /// Decision records not yet written (the log's lag), and writes so far.
    public var decisionLogQueued: Int
    public var decisionLogWritten: Int64
    public var decisionLogFailedWrites: Int64
    public var factsCacheHits: Int
    public var factsCacheMisses: Int
    /// Open tasks (`pending`, `leased`) by kind and status; nil when the database did not answer.
    public var tasks: [DaemonMetrics.TaskSeries: Int]?
    /// The serving policy revision.
    public var revision: String

    public init(
        databaseUp: Bool, connections: Int, inFlight: Int, poolSize: Int, pool: PGPoolStatistics,
        decisionLogQueued: Int, decisionLogWritten: Int64, decisionLogFailedWrites: Int64,
        factsCacheHits: Int, factsCacheMisses: Int, tasks: [DaemonMetrics.TaskSeries: Int]?, revision: String
    ) {
        self.databaseUp = databaseUp
        self.connections = connections
        self.inFlight = inFlight
        self.poolSize = poolSize
        self.pool = pool
        self.decisionLogQueued = decisionLogQueued
        self.decisionLogWritten = decisionLogWritten
        self.decisionLogFailedWrites = decisionLogFailedWrites
        self.factsCacheHits = factsCacheHits
        self.factsCacheMisses = factsCacheMisses
        self.tasks = tasks
        self.revision = revision
    }
}
