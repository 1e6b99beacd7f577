import Foundation
import Testing
import TierServer
import TierStore
import TierWire

/// `tasks.fail`: retries with back-off, then dead.
@Suite struct TaskQueueFailTests {
    /// Seconds between the failure and the retry.
    private func delay(_ store: StoreDatabase, _ id: Int64) async throws -> Int {
        try await store.value("SELECT extract(epoch FROM due_at - updated_at)::int FROM tasks WHERE id = \(id)", as: Int.self)
    }

    @Test func failedAttemptsBackOffThenTheTaskIsDead() async throws {
        let store = try await TaskQueueFixture.make()
        let id = try await TaskQueueFixture.insert(store, maxAttempts: 3)
        var task = try await TaskQueueFixture.claimOne(store)
        let retry = try await TaskQueueFixture.fail(store, task, error: "no answer")
        #expect(retry.status == "pending" && retry.attempts == 1 && retry.leaseExpiresAt == nil)
        let dueText = try #require(retry.dueAt)
        let dueAt = try #require(WireTime.parseTimestamp(dueText))
        #expect(abs(dueAt.timeIntervalSinceNow - 30) < 10)
        #expect(try await delay(store, id) == 30)
        #expect(try await TaskQueueFixture.column(store, id, "error") == "no answer")
        #expect(try await TaskQueueFixture.column(store, id, "lease_token") == nil)
        // Not due yet, so not claimable; the stale token is refused.
        #expect(try await TaskQueueFixture.claim(store).isEmpty)
        await expectRPCError(.conflict) { _ = try await TaskQueueFixture.fail(store, task) }

        try await TaskQueueFixture.makeDue(store, id)
        task = try await TaskQueueFixture.claimOne(store)
        #expect(task.attempts == 2)
        #expect(try await TaskQueueFixture.fail(store, task, error: "busy").status == "pending")
        #expect(try await delay(store, id) == 60)

        try await TaskQueueFixture.makeDue(store, id)
        task = try await TaskQueueFixture.claimOne(store, worker: "worker-z")
        let dead = try await TaskQueueFixture.fail(store, task, error: "number no longer in service")
        #expect(dead == TaskState(taskId: id, status: "dead", attempts: 3, leaseExpiresAt: nil, dueAt: nil))
        #expect(try await TaskQueueFixture.column(store, id, "completed_at") != nil)
        #expect(try await TaskQueueFixture.column(store, id, "error") == "number no longer in service")
        #expect(try await TaskQueueFixture.claim(store).isEmpty)
        await expectRPCError(.conflict) { _ = try await TaskQueueFixture.complete(store, task) }

        let audit = try await store.query { connection in
            try connection.execute(
                "SELECT detail ->> 'status', detail ->> 'worker', principal FROM audit_log WHERE action = 'tasks.fail' AND target_id = $1::text ORDER BY id",
                [String(id)]).map { "\(try $0.decode(0, as: String.self)) \(try $0.decode(1, as: String.self)) \(try $0.decode(2, as: String.self))" }
        }
        #expect(audit == ["pending worker-a scheduler-1", "pending worker-a scheduler-1", "dead worker-z scheduler-1"])
        await store.close()
    }

    @Test func theBackOffDoublesUpToAnHour() async throws {
        let store = try await TaskQueueFixture.make()
        let id = try await TaskQueueFixture.insert(store, maxAttempts: 20)
        var delays: [Int] = []
        for _ in 0..<9 {
            let task = try await TaskQueueFixture.claimOne(store)
            _ = try await TaskQueueFixture.fail(store, task)
            delays.append(try await delay(store, id))
            try await TaskQueueFixture.makeDue(store, id)
        }
        #expect(delays == [30, 60, 120, 240, 480, 960, 1920, 3600, 3600])
        await store.close()
    }

    @Test func retryAtSetsTheNextAttemptAndMustBeInTheFuture() async throws {
        let store = try await TaskQueueFixture.make()
        let id = try await TaskQueueFixture.insert(store)
        let task = try await TaskQueueFixture.claimOne(store)
        for bad in ["2020-01-01T00:00:00Z", WireTime.format(Date().addingTimeInterval(-5)), "tomorrow", "2026-13-01T00:00:00Z"] {
            await expectRPCError(.invalidParams, path: "params.retry_at") { _ = try await TaskQueueFixture.fail(store, task, retryAt: bad) }
        }
        await expectRPCError(.invalidParams, path: "params.error") { _ = try await TaskQueueFixture.fail(store, task, error: "  ") }
        await expectRPCError(.invalidParams, path: "params.error") {
            _ = try await TaskQueueFixture.fail(store, task, error: String(repeating: "x", count: 2001))
        }
        await expectRPCError(.invalidParams, path: "params.lease_token") { _ = try await TaskQueueFixture.fail(store, task, token: "") }
        #expect(try await TaskQueueFixture.column(store, id, "status") == "leased")

        let at = WireTime.format(Date().addingTimeInterval(2 * 86_400))
        let retried = try await TaskQueueFixture.fail(store, task, retryAt: at)
        #expect(retried.dueAt == at)
        #expect(try await store.value("SELECT due_at = $1::timestamptz FROM tasks WHERE id = \(id)", [WireTime.parseTimestamp(at)!], as: Bool.self))
        await store.close()
    }
}
