import Foundation
import Testing
import TierServer
import TierStore

/// JobRunner: run records, schedule slots, failures, and one leader among racers.
@Suite struct JobsRunnerTests {
    private func run(
        _ store: StoreDatabase, _ job: CountingJob = CountingJob(), holder: String = "daemon-a", scheduledFor: Date? = nil,
        pool: PGPool? = nil
    ) async throws -> JobRunResult {
        try await JobRunner.run(
            job, holder: holder, ttl: .seconds(60), scheduledFor: scheduledFor, context: JobsFixture.context,
            pool: pool ?? store.pool)
    }

    @Test func aRunIsRecordedWithItsCounts() async throws {
        let store = try await JobsFixture.make()
        let result = try await run(store)
        guard case .succeeded(let runId, let counts) = result else { Issue.record("\(result)"); return }
        #expect(counts == ["done": 1])
        let row = try await store.value(
            """
            SELECT concat_ws(' ', job, holder, fencing_token, coalesce(scheduled_for::text, '-'), status, counts::text,
                             policy_revision, finished_at IS NOT NULL, coalesce(error, '-'))
            FROM job_runs WHERE id = $1::bigint
            """, [runId], as: String.self)
        #expect(row == #"counting daemon-a 1 - succeeded {"done": 1} "# + JobsFixture.policy.revision + " t -")
        // On-demand runs are never blocked by earlier ones; the holder renews its lease.
        #expect(try await run(store) != .skipped(heldBy: "daemon-a"))
        #expect(try await store.value("SELECT count(*) FROM job_runs WHERE status = 'succeeded'", as: Int.self) == 2)
        await store.close()
    }

    @Test func aScheduledSlotRunsOnce() async throws {
        let store = try await JobsFixture.make()
        let slot = Date(timeIntervalSince1970: 1_790_000_000)
        guard case .succeeded = try await run(store, scheduledFor: slot) else { Issue.record("first run did not run"); return }
        #expect(try await run(store, scheduledFor: slot) == .alreadyRan(scheduledFor: slot))
        // Another holder catching up after the lease expired is refused the slot too.
        try await JobsFixture.expireLease(store, job: CountingJob.name)
        #expect(try await run(store, holder: "daemon-b", scheduledFor: slot) == .alreadyRan(scheduledFor: slot))
        guard case .succeeded = try await run(store, holder: "daemon-b", scheduledFor: slot.addingTimeInterval(3600)) else {
            Issue.record("next slot did not run"); return
        }
        #expect(try await store.value("SELECT count(*) FROM job_runs", as: Int.self) == 2)
        #expect(try await store.value("SELECT count(*) FROM tasks", as: Int.self) == 2)
        await store.close()
    }

    @Test func aFailedRunIsRecordedAndItsWritesRolledBack() async throws {
        let store = try await JobsFixture.make()
        await #expect(throws: StoreTestError.self) { _ = try await run(store, CountingJob(fails: true)) }
        let row = try await store.value(
            "SELECT status || ' ' || error || ' ' || (finished_at IS NOT NULL) FROM job_runs", as: String.self)
        #expect(row == "failed the job failed true")
        #expect(try await store.value("SELECT count(*) FROM tasks", as: Int.self) == 0)
        await store.close()
    }

    @Test func anotherLiveLeaseSkipsTheRun() async throws {
        let store = try await JobsFixture.make()
        _ = try await JobsFixture.acquire(store, job: CountingJob.name, holder: "daemon-a")
        #expect(try await run(store, holder: "daemon-b") == .skipped(heldBy: "daemon-a"))
        #expect(try await store.value("SELECT count(*) FROM job_runs", as: Int.self) == 0)
        await store.close()
    }

    @Test func twoDaemonsRacingRunTheJobOnce() async throws {
        let store = try await JobsFixture.make()
        let poolA = store.database.pool(maxConnections: 2)
        let poolB = store.database.pool(maxConnections: 2)
        async let a = run(store, holder: "daemon-a", scheduledFor: nil, pool: poolA)
        async let b = run(store, holder: "daemon-b", scheduledFor: nil, pool: poolB)
        let results = try await [a, b]
        let ran = results.filter { if case .succeeded = $0 { true } else { false } }
        let skipped = results.filter { if case .skipped = $0 { true } else { false } }
        #expect(ran.count == 1 && skipped.count == 1, "\(results)")
        #expect(try await store.value("SELECT count(*) FROM job_runs", as: Int.self) == 1)
        #expect(try await store.value("SELECT count(*) FROM tasks", as: Int.self) == 1)
        await poolA.close()
        await poolB.close()
        await store.close()
    }
}
