import Foundation
import Testing
import TierServer
import TierStore
import TierSync
import TierTestSupport

/// Leader leases: acquire, renew, takeover after expiry, and fencing.
@Suite struct JobsLeaseTests {
    @Test func acquireRenewAndTakeOverAfterExpiry() async throws {
        let store = try await JobsFixture.make()
        let first = try #require(try await JobsFixture.acquire(store, holder: "daemon-a"))
        #expect(first.token == 1 && first.holder == "daemon-a" && first.job == "demo")
        #expect(first.expiresAt.timeIntervalSinceNow > 30)

        // Another holder is refused while the lease is live; the holder renews under the same token.
        #expect(try await JobsFixture.acquire(store, holder: "daemon-b") == nil)
        let renewed = try #require(try await JobsFixture.acquire(store, holder: "daemon-a", ttl: .seconds(600)))
        #expect(renewed.token == 1)
        #expect(renewed.expiresAt.timeIntervalSinceNow > 500)

        try await JobsFixture.expireLease(store, job: "demo")
        let taken = try #require(try await JobsFixture.acquire(store, holder: "daemon-b"))
        #expect(taken.token == 2 && taken.holder == "daemon-b")
        #expect(try await JobsFixture.acquire(store, holder: "daemon-a") == nil)

        // Even the old holder coming back after expiry gets a new token.
        try await JobsFixture.expireLease(store, job: "demo")
        let back = try #require(try await JobsFixture.acquire(store, holder: "daemon-b"))
        #expect(back.token == 3)
        let current = try await store.query { try JobLeases.current(job: "demo", on: $0) }
        #expect(current == back)
        await store.close()
    }

    @Test func aDeposedHoldersWritesAreRefused() async throws {
        let store = try await JobsFixture.make()
        let old = try #require(try await JobsFixture.acquire(store, holder: "daemon-a"))
        try await store.query { try JobLeases.guardCurrent(old, on: $0) }
        try await JobsFixture.expireLease(store, job: "demo")
        // Expired but not yet taken over: already no longer current.
        await #expect(throws: JobError.deposed(job: "demo", holder: "daemon-a", token: 1)) {
            try await store.query { try JobLeases.guardCurrent(old, on: $0) }
        }
        let new = try #require(try await JobsFixture.acquire(store, holder: "daemon-b"))

        await #expect(throws: JobError.deposed(job: "demo", holder: "daemon-a", token: 1)) {
            try await store.pool.transaction { connection in
                try connection.execute("INSERT INTO tasks (kind, idempotency_key) VALUES ('job_probe', 'stale')")
                try JobLeases.guardCurrent(old, on: connection)
            }
        }
        #expect(try await store.value("SELECT count(*) FROM tasks", as: Int.self) == 0)
        try await store.pool.transaction { connection in
            try JobLeases.guardCurrent(new, on: connection)
            try connection.execute("INSERT INTO tasks (kind, idempotency_key) VALUES ('job_probe', 'fresh')")
        }
        #expect(try await store.value("SELECT count(*) FROM tasks", as: Int.self) == 1)

        // Releasing a stale lease does nothing; releasing the current one frees the job,
        // and the next holder's token is still higher (fencing stays monotonic).
        try await store.query { try JobLeases.release(old, on: $0) }
        #expect(try await JobsFixture.acquire(store, holder: "daemon-a") == nil)
        try await store.query { try JobLeases.release(new, on: $0) }
        #expect(try await JobsFixture.acquire(store, holder: "daemon-a")?.token == new.token + 1)
        await store.close()
    }

    @Test func anotherHolderIsRefusedAtOnceWhileTheLeaderRuns() async throws {
        let store = try await JobsFixture.make()
        let lease = try #require(try await JobsFixture.acquire(store, holder: "daemon-a", ttl: .seconds(600)))
        // The leader's run: its transaction holds the lease row FOR SHARE until told to end.
        let (holding, release) = (Locked(false), Locked(false))
        async let leaderRun: Void = store.pool.transaction { connection in
            try JobLeases.guardCurrent(lease, on: connection)
            holding.withLock { $0 = true }
            while !release.withLock({ $0 }) { try connection.execute("SELECT pg_sleep(0.02)") }
        }
        try await waitUntil("the leader's run holds its lease row") { holding.withLock { $0 } }
        // Without the plain read first, the upsert would wait for that lock: here it
        // would fail on the lock timeout instead of answering nil.
        let answer: Result<JobLease?, any Error>
        do {
            answer = .success(try await store.query { connection in
                try connection.execute("SET lock_timeout = '3s'")
                defer { _ = try? connection.execute("RESET lock_timeout") }
                return try JobLeases.acquire(job: "demo", holder: "daemon-b", ttl: .seconds(60), on: connection)
            })
        } catch {
            answer = .failure(error)
        }
        // The leader's run ends whatever the answer was.
        release.withLock { $0 = true }
        try await leaderRun
        #expect(try answer.get() == nil)
        // The leader itself renews after its run, under the same token.
        #expect(try await JobsFixture.acquire(store, holder: "daemon-a")?.token == lease.token)
        await store.close()
    }

    @Test func aTakeoverWaitsForTheWriteInFlight() async throws {
        let store = try await JobsFixture.make()
        // A lease long enough that the old leader's guard surely runs before it ends,
        // even on a loaded machine (and longer again under a sanitizer).
        let old = try #require(try await JobsFixture.acquire(store, holder: "daemon-a", ttl: .seconds(10 * testWaitScale)))
        // The old leader's transaction holds its lease row FOR SHARE until after the
        // lease has expired, then writes.
        async let write: Void = store.pool.transaction { connection in
            try JobLeases.guardCurrent(old, on: connection)
            while try !connection.execute(
                // clock_timestamp(): now() stands still inside a transaction.
                "SELECT expires_at < clock_timestamp() FROM job_leases WHERE job = $1::text", [old.job]).scalar(Bool.self)
            {
                try connection.execute("SELECT pg_sleep(0.05)")
            }
            try connection.execute("INSERT INTO tasks (kind, idempotency_key) VALUES ('job_probe', 'in-flight')")
        }
        while try await !store.value("SELECT expires_at < now() FROM job_leases WHERE job = 'demo'", as: Bool.self) {
            try await Task.sleep(for: .milliseconds(50))
        }
        // The takeover waits for that transaction: when it returns, the old write is in.
        let new = try #require(try await JobsFixture.acquire(store, holder: "daemon-b"))
        #expect(try await store.value("SELECT count(*) FROM tasks", as: Int.self) == 1)
        try await write
        #expect(new.token == 2)
        await store.close()
    }
}
