import Testing
import TierStore
@testable import TierServer

/// What the metrics say after requests, job runs and scrapes.
@Suite struct DaemonMetricsTests {
    static func snapshot(
        revision: String = "r1", tasks: [DaemonMetrics.TaskSeries: Int]? = [:], pool: PGPoolStatistics? = nil,
        written: Int64 = 0
    ) -> DaemonSnapshot {
        DaemonSnapshot(
            databaseUp: tasks != nil, connections: 3, inFlight: 1, poolSize: 8,
            pool: pool ?? PGPoolStatistics(open: 2, inUse: 1, waiting: 0, discarded: 0),
            decisionLogQueued: 5, decisionLogWritten: written, decisionLogFailedWrites: 0,
            factsCacheHits: 7, factsCacheMisses: 2, tasks: tasks, revision: revision)
    }

    /// The samples of an exposition: each series (name and labels as written) with its value.
    static func samples(_ metrics: DaemonMetrics, _ snapshot: DaemonSnapshot) -> [String: Double] {
        let text = String(decoding: metrics.exposition(snapshot), as: UTF8.self)
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                Issue.record("not a sample line: \(line)")
                continue
            }
            samples[String(line[..<space])] = value
        }
        return samples
    }

    @Test func requestsAreCountedByMethodAndCode() {
        let metrics = DaemonMetrics()
        metrics.requestFinished(method: "entitlements.get", code: "ok")
        metrics.requestFinished(method: "entitlements.get", code: "ok")
        metrics.requestFinished(method: "entitlements.get", code: "not_found")
        metrics.requestTook(method: "entitlements.get", .microseconds(700))
        metrics.requestTook(method: "entitlements.get", .milliseconds(30))
        let samples = Self.samples(metrics, Self.snapshot())
        #expect(samples[#"tierd_requests_total{method="entitlements.get",code="ok"}"#] == 2)
        #expect(samples[#"tierd_requests_total{method="entitlements.get",code="not_found"}"#] == 1)
        #expect(samples[#"tierd_request_duration_seconds_count{method="entitlements.get"}"#] == 2)
        // 0.7 ms falls in the 1 ms bucket, 30 ms only from the 50 ms one on.
        #expect(samples[#"tierd_request_duration_seconds_bucket{method="entitlements.get",le="0.001"}"#] == 1)
        #expect(samples[#"tierd_request_duration_seconds_bucket{method="entitlements.get",le="0.025"}"#] == 1)
        #expect(samples[#"tierd_request_duration_seconds_bucket{method="entitlements.get",le="0.05"}"#] == 2)
    }

    @Test func aMethodOutsideTheProtocolIsCountedAsUnknown() {
        let metrics = DaemonMetrics()
        metrics.requestFinished(method: "drop.tables", code: "method_not_found")
        metrics.requestFinished(method: "x\"}\n", code: "method_not_found")
        let samples = Self.samples(metrics, Self.snapshot())
        #expect(samples[#"tierd_requests_total{method="unknown",code="method_not_found"}"#] == 2)
        #expect(!samples.keys.contains { $0.contains("drop.tables") })
    }

    @Test func jobRunsAreCountedAndTimed() {
        let metrics = DaemonMetrics()
        metrics.jobFinished("classify", outcome: "succeeded", duration: .seconds(12))
        metrics.jobFinished("classify", outcome: "skipped", duration: nil)
        let samples = Self.samples(metrics, Self.snapshot())
        #expect(samples[#"tierd_job_runs_total{job="classify",outcome="succeeded"}"#] == 1)
        #expect(samples[#"tierd_job_runs_total{job="classify",outcome="skipped"}"#] == 1)
        #expect(samples[#"tierd_job_duration_seconds_count{job="classify"}"#] == 1)
        #expect(samples[#"tierd_job_duration_seconds_sum{job="classify"}"#] == 12)
        #expect(samples[#"tierd_job_duration_seconds_bucket{job="classify",le="15.0"}"#] == 1)
    }

    @Test func stateIsCopiedInAtEachScrape() {
        let metrics = DaemonMetrics()
        let pool = PGPoolStatistics(open: 4, inUse: 3, waiting: 2, discarded: 1, acquired: 100, waited: 10, waitedFor: .milliseconds(1500), timedOut: 1)
        var samples = Self.samples(metrics, Self.snapshot(
            tasks: [.init(kind: "revisit", status: "pending"): 12, .init(kind: "revisit", status: "leased"): 2], pool: pool, written: 40))
        #expect(samples["tierd_database_up"] == 1)
        #expect(samples["tierd_connections"] == 3)
        #expect(samples["tierd_pool_size"] == 8)
        #expect(samples[#"tierd_pool_connections{state="in_use"}"#] == 3)
        #expect(samples["tierd_pool_waiting"] == 2)
        #expect(samples["tierd_pool_acquired_total"] == 100)
        #expect(samples["tierd_pool_wait_seconds_total"] == 1.5)
        #expect(samples["tierd_pool_timeouts_total"] == 1)
        #expect(samples["tierd_decision_log_queued"] == 5)
        #expect(samples["tierd_decision_log_written_total"] == 40)
        #expect(samples["tierd_facts_cache_hits_total"] == 7)
        #expect(samples[#"tierd_tasks{kind="revisit",status="pending"}"#] == 12)
        #expect(samples[#"tierd_tasks{kind="revisit",status="leased"}"#] == 2)
        #expect(samples[#"tierd_policy_revision_info{revision="r1"}"#] == 1)

        // The next scrape: counters move to the new totals, a task series that emptied
        // reads 0, the old revision's series is gone.
        samples = Self.samples(metrics, Self.snapshot(revision: "r2", tasks: [.init(kind: "revisit", status: "pending"): 3], written: 90))
        #expect(samples["tierd_decision_log_written_total"] == 90)
        #expect(samples[#"tierd_tasks{kind="revisit",status="pending"}"#] == 3)
        #expect(samples[#"tierd_tasks{kind="revisit",status="leased"}"#] == 0)
        #expect(samples[#"tierd_policy_revision_info{revision="r2"}"#] == 1)
        #expect(samples[#"tierd_policy_revision_info{revision="r1"}"#] == nil)

        // A database that does not answer: down, and the task figures stay as they were.
        samples = Self.samples(metrics, Self.snapshot(revision: "r2", tasks: nil, written: 90))
        #expect(samples["tierd_database_up"] == 0)
        #expect(samples[#"tierd_tasks{kind="revisit",status="pending"}"#] == 3)
    }
}
