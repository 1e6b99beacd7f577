import CoreMetrics
import Prometheus
import TierSync
import TierWire

/// The daemon's metrics, recorded through swift-metrics into a Prometheus registry of
/// the daemon's own (so several daemons in one process keep apart) and written out in
/// Prometheus' text format for `GET /metrics`.
///
/// Requests and job runs are recorded as they finish; the state that already has a
/// count elsewhere (the pool, the decision log, the task queue, the serving revision)
/// is copied in from a ``DaemonSnapshot`` at each scrape.
public final class DaemonMetrics: Sendable {
    /// Request latency buckets: most calls take well under a millisecond, so the default
    /// buckets (5 ms and up) would put nearly all of them in the first one.
    static let requestBuckets: [Duration] = [
        .microseconds(250), .microseconds(500), .milliseconds(1), .microseconds(2500), .milliseconds(5),
        .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
        .milliseconds(500), .seconds(1), .microseconds(2_500_000), .seconds(5),
    ]
    /// Job run buckets: from a second-long SLA sweep to a classification of a large branch.
    static let jobBuckets: [Duration] = [
        .seconds(1), .seconds(5), .seconds(15), .seconds(30), .seconds(60), .seconds(120), .seconds(300),
        .seconds(600), .seconds(1800), .seconds(3600),
    ]

    let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory
    private let recorders = Locked<Recorders>(Recorders())
    /// Serialises scrapes: copying a snapshot in is a read-modify-write of the mirrors.
    private let mirror = Locked<Mirrored>(Mirrored())

    /// A `tierd_requests_total` series, keyed without building a string per request.
    private struct RequestSeries: Hashable {
        var method: String
        var code: String
    }

    private struct Recorders {
        var requests: [RequestSeries: CoreMetrics.Counter] = [:]
        var latencies: [String: CoreMetrics.Timer] = [:]
    }

    /// What the last scrape copied in, so counters advance by the difference and series
    /// that went away are zeroed or removed.
    private struct Mirrored {
        var totals: [String: Int64] = [:]
        var waitedSeconds: Double = 0
        var taskSeries: Set<TaskSeries> = []
        var revision: (name: String, gauge: CoreMetrics.Gauge)?
    }

    /// One `tierd_tasks` series: a task kind and status.
    public struct TaskSeries: Hashable, Sendable {
        public var kind: String
        public var status: String

        public init(kind: String, status: String) {
            self.kind = kind
            self.status = status
        }
    }

    public init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets = [
            "tierd_request_duration_seconds": Self.requestBuckets,
            "tierd_job_duration_seconds": Self.jobBuckets,
        ]
        self.factory = factory
    }

    /// The `method` label for a method name: a method of protocol v1 as it is, anything
    /// else `unknown`, so a client cannot grow the set of series.
    static func methodLabel(_ method: String) -> String {
        MethodCatalog.entry(named: method) == nil ? "unknown" : method
    }

    /// Counts a finished request: `code` is `ok` or the error's name (`RPCErrorCode`).
    public func requestFinished(method: String, code: String) {
        let method = Self.methodLabel(method)
        let key = RequestSeries(method: method, code: code)
        let counter = recorders.withLock { recorders in
            if let counter = recorders.requests[key] { return counter }
            let counter = CoreMetrics.Counter(label: "tierd_requests_total", dimensions: [("method", method), ("code", code)], factory: factory)
            recorders.requests[key] = counter
            return counter
        }
        counter.increment()
    }

    /// Records how long a request took, from its dispatch to its answer.
    public func requestTook(method: String, _ duration: Duration) {
        let method = Self.methodLabel(method)
        let timer = recorders.withLock { recorders in
            if let timer = recorders.latencies[method] { return timer }
            let timer = CoreMetrics.Timer(label: "tierd_request_duration_seconds", dimensions: [("method", method)], factory: factory)
            recorders.latencies[method] = timer
            return timer
        }
        timer.recordNanoseconds(duration.nanoseconds)
    }

    /// Counts a finished job run (`succeeded`, `failed`, `skipped`, `already_ran`) and,
    /// for one that ran, how long it took.
    public func jobFinished(_ job: String, outcome: String, duration: Duration?) {
        CoreMetrics.Counter(label: "tierd_job_runs_total", dimensions: [("job", job), ("outcome", outcome)], factory: factory).increment()
        if let duration {
            CoreMetrics.Timer(label: "tierd_job_duration_seconds", dimensions: [("job", job)], factory: factory)
                .recordNanoseconds(duration.nanoseconds)
        }
    }

    /// Copies the daemon's state in and writes every metric out, in Prometheus' text
    /// exposition format (version 0.0.4).
    public func exposition(_ snapshot: DaemonSnapshot) -> [UInt8] {
        mirror.withLock { mirror in
            copy(snapshot, into: &mirror)
            return registry.emitToBuffer()
        }
    }

    private func copy(_ snapshot: DaemonSnapshot, into mirror: inout Mirrored) {
        gauge("tierd_database_up", snapshot.databaseUp ? 1 : 0)
        gauge("tierd_connections", snapshot.connections)
        gauge("tierd_requests_in_flight", snapshot.inFlight)

        let pool = snapshot.pool
        gauge("tierd_pool_size", snapshot.poolSize)
        gauge("tierd_pool_connections", pool.open, [("state", "open")])
        gauge("tierd_pool_connections", pool.inUse, [("state", "in_use")])
        gauge("tierd_pool_waiting", pool.waiting)
        advance("tierd_pool_acquired_total", to: pool.acquired, &mirror)
        advance("tierd_pool_waited_total", to: pool.waited, &mirror)
        advance("tierd_pool_timeouts_total", to: pool.timedOut, &mirror)
        advance("tierd_pool_discarded_total", to: Int64(pool.discarded), &mirror)
        let waitedSeconds = Double(pool.waitedFor.nanoseconds) / 1e9
        if waitedSeconds > mirror.waitedSeconds {
            CoreMetrics.FloatingPointCounter(label: "tierd_pool_wait_seconds_total", dimensions: [], factory: factory)
                .increment(by: waitedSeconds - mirror.waitedSeconds)
            mirror.waitedSeconds = waitedSeconds
        }

        gauge("tierd_decision_log_queued", snapshot.decisionLogQueued)
        advance("tierd_decision_log_written_total", to: snapshot.decisionLogWritten, &mirror)
        advance("tierd_decision_log_failed_writes_total", to: snapshot.decisionLogFailedWrites, &mirror)
        advance("tierd_facts_cache_hits_total", to: Int64(snapshot.factsCacheHits), &mirror)
        advance("tierd_facts_cache_misses_total", to: Int64(snapshot.factsCacheMisses), &mirror)

        // Task depth comes from the database; when it did not answer, the last figures stay.
        if let tasks = snapshot.tasks {
            var seen: Set<TaskSeries> = []
            for (series, count) in tasks {
                gauge("tierd_tasks", count, [("kind", series.kind), ("status", series.status)])
                seen.insert(series)
            }
            for gone in mirror.taskSeries.subtracting(seen) {
                gauge("tierd_tasks", 0, [("kind", gone.kind), ("status", gone.status)])
            }
            mirror.taskSeries.formUnion(seen)
        }

        if mirror.revision?.name != snapshot.revision {
            mirror.revision?.gauge.destroy()
            let info = CoreMetrics.Gauge(label: "tierd_policy_revision_info", dimensions: [("revision", snapshot.revision)], factory: factory)
            info.record(1)
            mirror.revision = (snapshot.revision, info)
        }
    }

    private func gauge(_ name: String, _ value: Int, _ dimensions: [(String, String)] = []) {
        CoreMetrics.Gauge(label: name, dimensions: dimensions, factory: factory).record(value)
    }

    /// Moves a counter up to `total` (a count kept elsewhere since the daemon started).
    private func advance(_ name: String, to total: Int64, _ mirror: inout Mirrored) {
        let counter = CoreMetrics.Counter(label: name, dimensions: [], factory: factory)
        let before = mirror.totals[name] ?? 0
        if total > before { counter.increment(by: total - before) }
        mirror.totals[name] = max(before, total)
    }
}

extension Duration {
    /// Whole nanoseconds (saturating), for swift-metrics timers.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : scaled + attoseconds / 1_000_000_000
    }
}
