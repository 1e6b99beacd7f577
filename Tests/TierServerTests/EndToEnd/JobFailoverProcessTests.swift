import Foundation
import Testing
import TierServer
import TierStore
import TierTestSupport

/// Two real `tierd serve` processes on one database: the job leader is killed with
/// SIGKILL and the other daemon takes its job over once the lease runs out, with no
/// run of either overlapping the other's and every overdue ticket escalated once.
@Suite(.serialized) struct JobFailoverProcessTests {
    /// The lease the daemons hold, in seconds: short, so the takeover comes soon, but
    /// long enough that a leader slowed by a sanitizer still renews it in time.
    static let leaseSeconds = 3.0 * Double(testWaitScale)

    private func start(_ instance: String, database: String, log: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try ServeProcessTests.tierdBinary())
        process.arguments = ["serve", "--listen", "127.0.0.1:0", "--socket", "", "--policies", repositoryRoot() + "/policies/branch"]
        var environment = ProcessInfo.processInfo.environment
        environment.merge([
            "TIERD_DATABASE": database, "TIERD_LOG_FORMAT": "text", "TIERD_LOG_LEVEL": "notice",
            "TIERD_JOBS_INSTANCE": instance, "TIERD_JOBS_LEASE_SECONDS": "\(Self.leaseSeconds)",
            "TIERD_JOBS_TICK_SECONDS": "0.2", "TIERD_JOBS_SLA_SCHEDULE": "every 1s",
        ], uniquingKeysWith: { $1 })
        for job in ServerConfiguration.Jobs.scheduledJobs where job != "sla" {
            environment["TIERD_JOBS_\(job.uppercased())_SCHEDULE"] = "off"
        }
        process.environment = environment
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }

    /// Polls `condition` every 50 ms, up to `attempts` times.
    private func waitFor(_ what: String, attempts: Int = 600, _ condition: () async throws -> Bool) async throws {
        for _ in 0..<attempts * testWaitScale {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw StoreTestError("gave up waiting for \(what)")
    }

    @Test func theOtherDaemonTakesOverAKilledLeadersJobWithinTheLease() async throws {
        let store = try await JobsFixture.make(connections: 2)
        let logA = NSTemporaryDirectory() + "tierd-failover-a-\(UUID().uuidString.prefix(8)).log"
        let logB = NSTemporaryDirectory() + "tierd-failover-b-\(UUID().uuidString.prefix(8)).log"
        let a = try start("daemon-a", database: store.database.conninfo, log: logA)
        defer { if a.isRunning { kill(a.processIdentifier, SIGKILL) } }
        try await waitFor("daemon-a to lead the sla job") {
            try await store.query { try JobLeases.current(job: "sla", on: $0)?.holder } == "daemon-a"
        }
        let b = try start("daemon-b", database: store.database.conninfo, log: logB)
        defer { if b.isRunning { kill(b.processIdentifier, SIGKILL) } }
        try await waitFor("daemon-b's scheduler") {
            ((try? String(contentsOfFile: logB, encoding: .utf8)) ?? "").contains("job scheduler started")
        }
        // Both tick now; while daemon-a lives, it alone runs the job.
        let first = try await JobsFixture.ticket(store, customer: 1, dueInSeconds: -60)
        try await waitFor("daemon-a to escalate the first ticket") {
            try await store.value("SELECT count(*) FROM tasks WHERE kind = 'sla_escalation'", as: Int64.self) == 1
        }
        try await waitFor("a few more runs") {
            try await store.value("SELECT count(*) FROM job_runs WHERE job = 'sla' AND status = 'succeeded'", as: Int64.self) >= 3
        }
        #expect(try await store.value("SELECT count(*) FROM job_runs WHERE holder <> 'daemon-a'", as: Int64.self) == 0)

        kill(a.processIdentifier, SIGKILL)
        a.waitUntilExit()
        let lost = try #require(try await store.query { try JobLeases.current(job: "sla", on: $0) })
        #expect(lost.holder == "daemon-a")
        let second = try await JobsFixture.ticket(store, customer: 2, dueInSeconds: -60)
        try await waitFor("daemon-b to take the job over") {
            try await store.value(
                "SELECT count(*) FROM job_runs WHERE holder = 'daemon-b' AND status = 'succeeded'", as: Int64.self) >= 1
        }

        let taken = try #require(try await store.query { try JobLeases.current(job: "sla", on: $0) })
        #expect(taken.holder == "daemon-b")
        #expect(taken.token > lost.token, "a takeover raises the fencing token")
        let takeover = try await store.value(
            "SELECT min(started_at) FROM job_runs WHERE holder = 'daemon-b'", as: Date.self)
        // Not while daemon-a's lease was live, and within the lease time after it ran
        // out (a few scheduler ticks of 0.2 s; the margin absorbs a loaded machine).
        #expect(takeover >= lost.expiresAt)
        #expect(takeover < lost.expiresAt.addingTimeInterval(Self.leaseSeconds + 10))
        // No run of one daemon overlaps the other's: daemon-a finished before daemon-b began.
        let overlaps = try await store.value(
            """
            SELECT count(*) FROM job_runs x JOIN job_runs y ON x.holder = 'daemon-a' AND y.holder = 'daemon-b'
            WHERE coalesce(x.finished_at, 'infinity') > y.started_at
            """, as: Int64.self)
        #expect(overlaps == 0)
        // Each ticket escalated exactly once, the second by the new leader.
        let escalations = try await store.query { connection in
            try connection.execute(
                "SELECT (payload->>'ticket_id')::bigint FROM tasks WHERE kind = 'sla_escalation' ORDER BY 1")
                .map { try $0.decode(0, as: Int64.self) }
        }
        #expect(escalations == [first, second])

        kill(b.processIdentifier, SIGTERM)
        b.waitUntilExit()
        #expect(b.terminationStatus == 0, "\((try? String(contentsOfFile: logB, encoding: .utf8)) ?? "")")
        await store.close()
    }
}
