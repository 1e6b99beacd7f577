import Foundation
import Logging
import Testing
import TierStore
@testable import TierServer

/// The daemon's job scheduler, one tick at a time: slots, catch-up, abandoned
/// runs, other leaders, lease renewal and task-lease reaping.
@Suite struct JobsSchedulerTests {
    private func scheduler(_ store: StoreDatabase, holder: String = "daemon-a", catchUp: Int = 1) throws -> JobScheduler {
        var settings = ServerConfiguration.Jobs()
        settings.instance = holder
        settings.catchUpLimit = catchUp
        settings.leaseSeconds = 60
        settings.schedules = ["sla": .every(seconds: 3600)]
        return JobScheduler(
            pool: store.pool, policies: try PolicyHolder(directory: StorePolicies.branchDirectory), settings: settings,
            logger: Logger(label: "test.scheduler"))
    }

    private func runs(_ store: StoreDatabase) async throws -> [String] {
        try await store.query { connection in
            try connection.execute(
                """
                SELECT concat_ws(' ', to_char(scheduled_for AT TIME ZONE 'UTC', 'HH24:MI'), holder, fencing_token, status)
                FROM job_runs WHERE job = 'sla' AND scheduled_for IS NOT NULL ORDER BY scheduled_for
                """).map { try $0.decode(0, as: String.self) }
        }
    }

    private func hour(_ date: Date, minus hours: Int = 0) -> String {
        let slot = JobSchedule.every(seconds: 3600).latestSlot(atOrBefore: date)!.addingTimeInterval(TimeInterval(-3600 * hours))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return String(format: "%02d:00", calendar.component(.hour, from: slot))
    }

    @Test func aTickRunsTheNewestMissedSlotsOnceEach() async throws {
        let store = try await JobsFixture.make()
        let scheduler = try scheduler(store, catchUp: 3)
        let now = Date()
        await scheduler.tick(now: now)
        await scheduler.waitUntilIdle()
        let expected = [2, 1, 0].map { "\(hour(now, minus: $0)) daemon-a 1 succeeded" }
        #expect(try await runs(store) == expected)
        // The next tick finds every slot run.
        await scheduler.tick(now: now)
        await scheduler.waitUntilIdle()
        #expect(try await runs(store) == expected)
        await store.close()
    }

    @Test func aClockJumpMovesSlotsByTheJumpAndNeverRunsOneTwice() async throws {
        let store = try await JobsFixture.make()
        let scheduler = try scheduler(store)
        let now = Date()
        await scheduler.tick(now: now)
        await scheduler.waitUntilIdle()
        // The daemon's clock jumps two hours ahead: the slot due then runs, early by the jump.
        let ahead = now.addingTimeInterval(2 * 3600)
        await scheduler.tick(now: ahead)
        await scheduler.waitUntilIdle()
        let both = ["\(hour(now)) daemon-a 1 succeeded", "\(hour(ahead)) daemon-a 1 succeeded"]
        #expect(try await runs(store) == both)
        // And back, and ahead again: every slot it reaches has a finished run, so nothing runs twice.
        for instant in [now, ahead, now.addingTimeInterval(60), ahead.addingTimeInterval(60)] {
            await scheduler.tick(now: instant)
            await scheduler.waitUntilIdle()
        }
        #expect(try await runs(store) == both)
        // The lease it holds was judged by the database's clock, not the daemon's.
        let expires = try await store.value("SELECT expires_at > now() + interval '50 seconds' FROM job_leases WHERE job = 'sla'", as: Bool.self)
        #expect(expires, "the lease's expiry was not set from the database's clock")
        await store.close()
    }

    @Test func aSlotAbandonedByADeadLeaderIsRunAgainByTheNext() async throws {
        let store = try await JobsFixture.make()
        let now = Date()
        let slot = JobSchedule.every(seconds: 3600).latestSlot(atOrBefore: now)!
        // daemon-b took the lease, recorded the slot's start and died: its lease ran out.
        _ = try await store.query { connection in
            try connection.execute(
                "INSERT INTO job_leases (job, holder, fencing_token, expires_at) VALUES ('sla', 'daemon-b', 4, now() - interval '1 second')")
            try connection.execute(
                "INSERT INTO job_runs (job, holder, fencing_token, scheduled_for, policy_revision) VALUES ('sla', 'daemon-b', 4, $1::timestamptz, 'r')",
                [slot])
        }
        let scheduler = try scheduler(store)
        await scheduler.tick(now: now)
        await scheduler.waitUntilIdle()
        #expect(try await runs(store) == ["\(hour(now)) daemon-a 5 succeeded"])
        await store.close()
    }

    @Test func aLiveLeaderElsewhereKeepsTheSlotAndAFinishedSlotIsNotRerun() async throws {
        let store = try await JobsFixture.make()
        let now = Date()
        let slot = JobSchedule.every(seconds: 3600).latestSlot(atOrBefore: now)!
        _ = try await JobsFixture.acquire(store, job: "sla", holder: "daemon-b")
        let scheduler = try scheduler(store)
        await scheduler.tick(now: now)
        await scheduler.waitUntilIdle()
        #expect(try await runs(store).isEmpty)
        // daemon-b's run failed; the failure stands and the slot is not retried.
        _ = try await store.query { connection in
            try connection.execute(
                """
                INSERT INTO job_runs (job, holder, fencing_token, scheduled_for, policy_revision, status, finished_at, error)
                VALUES ('sla', 'daemon-b', 1, $1::timestamptz, 'r', 'failed', now(), 'boom')
                """, [slot])
        }
        try await JobsFixture.expireLease(store, job: "sla")
        await scheduler.tick(now: now)
        await scheduler.waitUntilIdle()
        #expect(try await runs(store) == ["\(hour(now)) daemon-b 1 failed"])
        await store.close()
    }

    @Test func theLeaderRenewsItsLeaseEveryTick() async throws {
        let store = try await JobsFixture.make()
        let scheduler = try scheduler(store)
        await scheduler.tick(now: Date())
        await scheduler.waitUntilIdle()
        _ = try await store.query {
            try $0.execute("UPDATE job_leases SET expires_at = now() + interval '5 seconds' WHERE job = 'sla'")
        }
        await scheduler.tick(now: Date())
        let lease = try #require(try await store.query { try JobLeases.current(job: "sla", on: $0) })
        #expect(lease.holder == "daemon-a")
        #expect(lease.token == 1)
        #expect(lease.expiresAt > Date().addingTimeInterval(30))
        await store.close()
    }

    @Test func aTickReturnsExpiredTaskLeasesToTheQueue() async throws {
        let store = try await JobsFixture.make()
        _ = try await store.query { connection in
            try connection.execute(
                """
                INSERT INTO tasks (kind, idempotency_key, status, attempts, lease_owner, lease_token, lease_expires_at)
                VALUES ('revisit', 'k1', 'leased', 1, 'w1', gen_random_uuid(), now() - interval '1 second')
                """)
        }
        let scheduler = try scheduler(store)
        await scheduler.tick(now: Date())
        await scheduler.waitUntilIdle()
        #expect(try await store.value("SELECT status FROM tasks WHERE idempotency_key = 'k1'", as: String.self) == "pending")
        await store.close()
    }

    @Test func anOnDemandRunHasNoSlotAndIsRefusedWhileTheJobRunsHere() async throws {
        let store = try await JobsFixture.make()
        let scheduler = try scheduler(store)
        let result = try await scheduler.runNow("sla", job: SLAJob())
        guard case .succeeded = result else { Issue.record("\(result)"); return }
        #expect(try await runs(store).isEmpty, "an on-demand run has no slot")
        #expect(try await store.value("SELECT count(*) FROM job_runs WHERE scheduled_for IS NULL", as: Int64.self) == 1)

        let slow = Task { try await scheduler.runNow(SlowJob.name, job: SlowJob()) }
        // Wait for its run to be recorded: from then on it is running in this daemon.
        try await waitUntil("the slow job's run is recorded") {
            try await store.value("SELECT count(*) FROM job_runs WHERE job = 'slow'", as: Int64.self) == 1
        }
        await #expect(throws: JobSchedulerError.alreadyRunning(SlowJob.name)) {
            try await scheduler.runNow(SlowJob.name, job: SlowJob())
        }
        guard case .succeeded = try await slow.value else { Issue.record("the slow job did not succeed"); return }
        await store.close()
    }
}

/// A job that takes a while (to be caught running).
private struct SlowJob: PeriodicJob {
    static let name = "slow"

    func run(lease: JobLease, context: JobContext, on connection: PGConnection) throws -> [String: Int] {
        try connection.execute("SELECT pg_sleep(1.5)")
        return [:]
    }
}
