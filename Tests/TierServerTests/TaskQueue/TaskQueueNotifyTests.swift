import Foundation
import Testing
import TierServer
import TierStore
import TierTestSupport
import TierWire

/// The `tierd_tasks` trigger (0009): a notification, with the kind, whenever a task
/// becomes claimable, whoever made it.
@Suite struct TaskQueueNotifyTests {
    /// The payloads that arrive within `window`, waiting at most that long for `count` of them.
    private func payloads(_ listener: PGConnection, count: Int, window: Duration = .seconds(5 * testWaitScale)) throws -> [String] {
        var received: [PGNotification] = []
        let deadline = ContinuousClock.now + window
        while received.count < count, ContinuousClock.now < deadline {
            received += try listener.waitForNotifications(timeout: .milliseconds(100))
        }
        #expect(received.allSatisfy { $0.channel == TaskNotifier.channel })
        return received.map(\.payload)
    }

    /// Nothing arrives for a moment.
    private func quiet(_ listener: PGConnection) throws -> Bool {
        try payloads(listener, count: 1, window: .milliseconds(400)).isEmpty
    }

    @Test func insertingADueTaskNotifiesItsKind() async throws {
        let store = try await TaskQueueFixture.make()
        let listener = try store.database.connect()
        try listener.listen("tierd_tasks")
        let sender = try store.database.connect()
        try sender.execute("INSERT INTO tasks (kind, idempotency_key) VALUES ('revisit', 'a')")
        #expect(try payloads(listener, count: 1) == ["revisit"])

        // Not due yet: nothing to claim, nothing said.
        try sender.execute("INSERT INTO tasks (kind, idempotency_key, due_at) VALUES ('tier_change', 'b', now() + interval '1 day')")
        #expect(try quiet(listener))
        // One notification per kind for a transaction, and none for one rolled back.
        try sender.execute("""
            INSERT INTO tasks (kind, idempotency_key) VALUES ('liability_review', 'c1'), ('liability_review', 'c2'), ('revisit', 'c3')
            """)
        #expect(try payloads(listener, count: 3, window: .seconds(2 * testWaitScale)).sorted() == ["liability_review", "revisit"])
        struct Undo: Error {}
        _ = try? sender.transaction { connection in
            try connection.execute("INSERT INTO tasks (kind, idempotency_key) VALUES ('revisit', 'd')")
            throw Undo()
        }
        #expect(try quiet(listener))
        await store.close()
    }

    @Test func aTaskBackToPendingAndDueNotifiesAgain() async throws {
        let store = try await TaskQueueFixture.make()
        let listener = try store.database.connect()
        try listener.listen("tierd_tasks")
        let id = try await TaskQueueFixture.insert(store, kind: "revisit")
        #expect(try payloads(listener, count: 1) == ["revisit"])

        // Leased: nothing. Lease expired and reaped: claimable again.
        let task = try await TaskQueueFixture.claimOne(store)
        #expect(try quiet(listener))
        try await TaskQueueFixture.expireLease(store, id)
        #expect(try await TaskQueue.reapExpired(pool: store.pool) == 1)
        #expect(try payloads(listener, count: 1) == ["revisit"])

        // A failure retried later says nothing until the task is moved to due.
        let again = try await TaskQueueFixture.claimOne(store)
        #expect(again.leaseToken != task.leaseToken)
        _ = try await TaskQueueFixture.fail(store, again)
        #expect(try quiet(listener))
        try await TaskQueueFixture.makeDue(store, id)
        #expect(try payloads(listener, count: 1) == ["revisit"])
        await store.close()
    }
}
