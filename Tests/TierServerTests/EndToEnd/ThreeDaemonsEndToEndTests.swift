import Foundation
import Testing
import TierClient
import TierServer
import TierStore
import TierTestSupport
import TierWire

/// Three daemons on one database, as a scaled-out deployment runs them: each
/// schedules the same jobs, yet every job slot runs once, under one leader that is
/// never taken over; the tasks that run queues are then claimed through all three,
/// each task by exactly one worker.
@Suite(.serialized) struct ThreeDaemonsEndToEndTests {
    /// Revisit and SLA every hour, ticking every second; the other jobs off.
    private static func jobs(_ instance: String) -> (inout ServerConfiguration) -> Void {
        { configuration in
            configuration.jobs.enabled = true
            configuration.jobs.instance = instance
            configuration.jobs.tickSeconds = 1
            configuration.jobs.leaseSeconds = 120
            configuration.jobs.schedules = ["revisit": .every(seconds: 3600), "sla": .every(seconds: 3600)]
        }
    }

    @Test func threeSchedulersRunEachSlotOnceAndThreeDaemonsShareTheQueue() async throws {
        try await withDaemon(customers: 300, configure: Self.jobs("daemon-a")) { daemon in
            let (second, secondAddress) = try await daemon.anotherDaemon(configure: Self.jobs("daemon-b"))
            let (third, thirdAddress) = try await daemon.anotherDaemon(configure: Self.jobs("daemon-c"))

            // Every scheduler finds the current hour's slots due; one leader runs each.
            try await waitUntil("both jobs ran their slot", seconds: 60) {
                try await daemon.query {
                    try $0.execute(
                        "SELECT count(DISTINCT job) FROM job_runs WHERE scheduled_for IS NOT NULL AND status = 'succeeded'"
                    ).scalar(Int.self)
                } == 2
            }
            // Three more ticks of every daemon, so that a second run of a slot or a takeover would show.
            try await Task.sleep(for: .seconds(3))
            let runs = try await daemon.query { connection in
                try connection.execute(
                    """
                    SELECT r.job, r.holder, r.fencing_token, r.status, l.holder, l.fencing_token, (r.counts->>'created')::int
                    FROM job_runs r JOIN job_leases l ON l.job = r.job ORDER BY r.job, r.id
                    """
                ).map { row in
                    (job: try row.decode(0, as: String.self), holder: try row.decode(1, as: String.self),
                     token: try row.decode(2, as: Int64.self), status: try row.decode(3, as: String.self),
                     leaseHolder: try row.decode(4, as: String.self), leaseToken: try row.decode(5, as: Int64.self),
                     created: try row.decode(6, as: Int32?.self))
                }
            }
            #expect(runs.map(\.job) == ["revisit", "sla"], "one run per job and slot: \(runs)")
            for run in runs {
                #expect(["daemon-a", "daemon-b", "daemon-c"].contains(run.holder))
                #expect(run.status == "succeeded")
                // Token 1 still: no daemon took a live lease from its leader.
                #expect(run.token == 1 && run.leaseToken == 1 && run.leaseHolder == run.holder, "\(run)")
            }
            let created = Int(try #require(runs.first { $0.job == "revisit" }?.created))
            try #require(created > 0, "the synthetic branch has lapsed customers")

            // The calls come due (the job plans them days ahead); one worker per daemon drains them.
            _ = try await daemon.query { try $0.execute("UPDATE tasks SET due_at = now() WHERE kind = 'revisit'") }
            let token = daemon.tokens[.scheduler]!
            let claimed = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for (worker, address) in [daemon.tcp, secondAddress, thirdAddress].enumerated() {
                    group.addTask {
                        let client = try await TierClient.connect(to: address)
                        _ = try await client.hello(token: token)
                        var done: [Int64] = []
                        while true {
                            let batch = try await client.call(
                                TasksClaim.self, .init(worker: "worker-\(worker)", kinds: ["revisit"], limit: 3, leaseSeconds: 3600))
                            if batch.tasks.isEmpty { break }
                            for task in batch.tasks {
                                _ = try await client.call(
                                    TasksComplete.self, .init(taskId: task.taskId, leaseToken: task.leaseToken, outcome: "reached"))
                                done.append(task.taskId)
                            }
                        }
                        await client.close()
                        return done
                    }
                }
                return try await group.reduce(into: [Int64]()) { $0 += $1 }
            }
            #expect(claimed.count == created, "each queued task completed once")
            #expect(Set(claimed).count == claimed.count)
            let (revisits, done) = try await daemon.query { connection in
                let row = try connection.execute(
                    "SELECT count(*), count(*) FILTER (WHERE status = 'done' AND attempts = 1) FROM tasks WHERE kind = 'revisit'")[0]
                return (try row.decode(0, as: Int64.self), try row.decode(1, as: Int64.self))
            }
            #expect(revisits == Int64(created) && done == revisits)
            await third.shutdown()
            await second.shutdown()
        }
    }
}
