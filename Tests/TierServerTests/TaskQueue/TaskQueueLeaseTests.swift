import Foundation
import Testing
import TierServer
import TierStore
import TierWire

/// Leases: expiry and reaping, heartbeats, and the fencing token.
@Suite struct TaskQueueLeaseTests {
    @Test func anExpiredLeaseGoesToAnotherWorkerAndTheOldTokenIsRefused() async throws {
        let store = try await TaskQueueFixture.make()
        let id = try await TaskQueueFixture.insert(store)
        let first = try await TaskQueueFixture.claimOne(store, worker: "worker-a")
        try await TaskQueueFixture.expireLease(store, id)

        let second = try await TaskQueueFixture.claimOne(store, worker: "worker-b")
        #expect(second.taskId == id)
        #expect(second.attempts == 2)
        #expect(second.leaseToken != first.leaseToken)
        #expect(try await TaskQueueFixture.column(store, id, "lease_owner") == "worker-b")
        let reap = try await store.value(
            "SELECT detail::text FROM audit_log WHERE action = 'tasks.reap' AND principal = 'scheduler-1'", as: String.self)
        #expect(reap == #"{"dead": [], "pending": [\#(id)]}"#)

        await expectRPCError(.conflict) { _ = try await TaskQueueFixture.complete(store, first) }
        await expectRPCError(.conflict) { _ = try await TaskQueueFixture.fail(store, first) }
        await expectRPCError(.conflict) { _ = try await TaskQueueFixture.heartbeat(store, first) }
        let done = try await TaskQueueFixture.complete(store, second)
        #expect(done == TaskState(taskId: id, status: "done", attempts: 2, leaseExpiresAt: nil, dueAt: nil))
        #expect(try await TaskQueueFixture.column(store, id, "lease_owner") == "worker-b")
        await store.close()
    }

    @Test func anExpiredLeaseNobodyReapedYetCanStillBeCompleted() async throws {
        let store = try await TaskQueueFixture.make()
        let id = try await TaskQueueFixture.insert(store)
        let task = try await TaskQueueFixture.claimOne(store)
        try await TaskQueueFixture.expireLease(store, id)
        // The token still fences: no one else can hold the task until a claim reaps it.
        await expectRPCError(.conflict) { _ = try await TaskQueueFixture.heartbeat(store, task) }
        #expect(try await TaskQueueFixture.complete(store, task).status == "done")
        #expect(try await TaskQueue.reapExpired(pool: store.pool) == 0)
        await store.close()
    }

    @Test func reapingTheLastAttemptMakesTheTaskDead() async throws {
        let store = try await TaskQueueFixture.make()
        let id = try await TaskQueueFixture.insert(store, maxAttempts: 1)
        let other = try await TaskQueueFixture.insert(store, maxAttempts: 2, key: "other")
        let tasks = try await TaskQueueFixture.claim(store, worker: "worker-a")
        #expect(Set(tasks.map(\.taskId)) == [id, other])
        try await TaskQueueFixture.expireLease(store, id)
        try await TaskQueueFixture.expireLease(store, other)

        #expect(try await TaskQueue.reapExpired(pool: store.pool) == 2)
        #expect(try await TaskQueueFixture.column(store, id, "status") == "dead")
        #expect(try await TaskQueueFixture.column(store, id, "completed_at") != nil)
        #expect(try await TaskQueueFixture.column(store, id, "error")?.contains("worker-a") == true)
        #expect(try await TaskQueueFixture.column(store, other, "status") == "pending")
        #expect(try await TaskQueueFixture.column(store, other, "lease_token") == nil)
        let reap = try await store.value("SELECT principal || ' ' || detail::text FROM audit_log WHERE action = 'tasks.reap'", as: String.self)
        #expect(reap == #"tierd {"dead": [\#(id)], "pending": [\#(other)]}"#)
        for task in tasks { await expectRPCError(.conflict) { _ = try await TaskQueueFixture.complete(store, task) } }
        #expect(try await TaskQueue.reapExpired(pool: store.pool) == 0)
        #expect(try await TaskQueueFixture.auditCount(store, "tasks.reap") == 1)
        await store.close()
    }

    @Test func heartbeatExtendsTheLease() async throws {
        let store = try await TaskQueueFixture.make()
        let id = try await TaskQueueFixture.insert(store)
        let task = try await TaskQueueFixture.claimOne(store, leaseSeconds: 60)
        let extended = try await TaskQueueFixture.heartbeat(store, task, leaseSeconds: 600)
        #expect(extended.status == "leased" && extended.taskId == id && extended.attempts == 1 && extended.dueAt == nil)
        let before = try #require(WireTime.parseTimestamp(task.leaseExpiresAt))
        let afterText = try #require(extended.leaseExpiresAt)
        let after = try #require(WireTime.parseTimestamp(afterText))
        #expect(after.timeIntervalSince(before) > 500)
        let remaining = try await store.value("SELECT extract(epoch FROM lease_expires_at - now())::int FROM tasks WHERE id = \(id)", as: Int.self)
        #expect((590...600).contains(remaining))
        // The default is 300 seconds from now.
        let again = try await TaskQueueFixture.heartbeat(store, task)
        let expiresText = try #require(again.leaseExpiresAt)
        let expires = try #require(WireTime.parseTimestamp(expiresText))
        #expect(abs(expires.timeIntervalSinceNow - 300) < 10)
        #expect(try await TaskQueueFixture.auditCount(store, "tasks.heartbeat") == 0)
        await store.close()
    }

    @Test func heartbeatRefusesStaleTokensUnknownTasksAndBadParams() async throws {
        let store = try await TaskQueueFixture.make()
        try await TaskQueueFixture.insert(store)
        let task = try await TaskQueueFixture.claimOne(store)
        let stranger = UUID().uuidString.lowercased()
        await expectRPCError(.conflict) { _ = try await TaskQueueFixture.heartbeat(store, task, token: stranger) }
        await expectRPCError(.invalidParams, path: "params.lease_token") { _ = try await TaskQueueFixture.heartbeat(store, task, token: "nope") }
        await expectRPCError(.invalidParams, path: "params.lease_seconds") {
            _ = try await TaskQueueFixture.heartbeat(store, task, leaseSeconds: 4)
        }
        var unknown = task
        unknown.taskId = 999_999
        await expectRPCError(.notFound) { _ = try await TaskQueueFixture.heartbeat(store, unknown) }
        await expectRPCError(.notFound) { _ = try await TaskQueueFixture.complete(store, unknown) }
        await expectRPCError(.notFound) { _ = try await TaskQueueFixture.fail(store, unknown) }
        // The message says why.
        do {
            _ = try await TaskQueueFixture.heartbeat(store, task, token: stranger)
        } catch let error as RPCError {
            #expect(error.message == "the lease on task \(task.taskId) is no longer yours: it is leased under another token")
        }
        #expect(try await TaskQueueFixture.heartbeat(store, task).status == "leased")
        await store.close()
    }
}
