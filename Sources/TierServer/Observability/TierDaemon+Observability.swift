import TierStore
import TierWire

extension TierDaemon {
    /// `/metrics`, `/healthz` and `/readyz` over this daemon.
    var observabilityEndpoint: ObservabilityEndpoint {
        ObservabilityEndpoint(
            metrics: { [self] in metrics.exposition(await snapshot()) },
            readiness: { [self] in await readiness() },
            rpc: configuration.http.rpc
                ? HTTPRPCBridge(dispatcher: dispatcher, limits: WireLimits(
                    maxFrameBytes: configuration.limits.maxFrameBytes, maxBatchSize: configuration.limits.maxBatch,
                    maxNestingDepth: configuration.limits.maxNestingDepth))
                : nil)
    }

    /// The daemon's state now; the open tasks are counted in the database (nil when it
    /// does not answer).
    public func snapshot() async -> DaemonSnapshot {
        let tasks = try? await pool.withConnection { connection -> [DaemonMetrics.TaskSeries: Int] in
            let rows = try connection.executePrepared(
                "SELECT kind, status, count(*)::bigint FROM tasks WHERE status IN ('pending', 'leased') GROUP BY kind, status", [])
            var counts: [DaemonMetrics.TaskSeries: Int] = [:]
            for row in rows {
                let series = DaemonMetrics.TaskSeries(kind: try row.decode(0, as: String.self), status: try row.decode(1, as: String.self))
                counts[series] = try row.decode(2, as: Int.self)
            }
            return counts
        }
        let log = decisionLog.statistics
        let cache = factsCache.statistics
        return DaemonSnapshot(
            databaseUp: tasks != nil, connections: tracker.connections, inFlight: tracker.inFlight,
            poolSize: pool.configuration.maxConnections, pool: pool.statistics,
            decisionLogQueued: log.queued, decisionLogWritten: log.written, decisionLogFailedWrites: log.failedWrites,
            factsCacheHits: cache.hits, factsCacheMisses: cache.misses, tasks: tasks, revision: policies.current.revision)
    }

    /// Ready: not shutting down, a policy revision serves, and the database answers.
    public func readiness() async -> Readiness {
        var problems: [String] = []
        if isShuttingDown { problems.append("shutting down") }
        if policies.current.revision.isEmpty { problems.append("no policy revision is loaded") }
        do {
            _ = try await pool.withConnection { try $0.execute("SELECT 1") }
        } catch {
            problems.append("the database does not answer: \(error)")
        }
        return Readiness(problems: problems)
    }
}
