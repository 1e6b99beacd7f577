import Foundation
import Testing
import TierClient
import TierServer
import TierStore
import TierWire

@Suite(.serialized) struct TaskQueueEndToEndTests {
    @Test func twoDaemonsAndEightWorkersCompleteEveryTaskExactlyOnce() async throws {
        try await withDaemon(customers: 20) { daemon in
            let total = 1_200
            _ = try await daemon.query { connection in
                try connection.execute(
                    """
                    INSERT INTO tasks (kind, customer_id, priority, idempotency_key)
                    SELECT 'welcome_call', 1 + g % 20, g % 7, 'e2e:' || g FROM generate_series(1, $1::int) g
                    """, [total])
            }
            let (second, secondAddress) = try await daemon.anotherDaemon()
            let token = daemon.tokens[.scheduler]!
            // Leases far longer than the run: the test is about concurrent claims, and
            // a loaded sanitizer run once took over a minute for one worker's 20
            // completions, so its lease expired and another worker rightly took over.
            let completed = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for worker in 0..<8 {
                    let address = worker % 2 == 0 ? daemon.tcp : secondAddress
                    group.addTask {
                        let client = try await TierClient.connect(to: address)
                        _ = try await client.hello(token: token)
                        var done: [Int64] = []
                        while true {
                            let claimed = try await client.call(
                                TasksClaim.self, .init(worker: "worker-\(worker)", kinds: ["welcome_call"], limit: 20, leaseSeconds: 3600))
                            if claimed.tasks.isEmpty { break }
                            for task in claimed.tasks {
                                let state = try await client.call(
                                    TasksComplete.self, .init(taskId: task.taskId, leaseToken: task.leaseToken, outcome: "reached"))
                                #expect(state.status == "done")
                                done.append(task.taskId)
                            }
                        }
                        await client.close()
                        return done
                    }
                }
                return try await group.reduce(into: [Int64]()) { $0 += $1 }
            }
            #expect(completed.count == total, "some task was completed twice or not at all")
            #expect(Set(completed).count == total)
            let done = try await daemon.query {
                try $0.execute("SELECT count(*) FROM tasks WHERE kind = 'welcome_call' AND status = 'done' AND attempts = 1").scalar(Int.self)
            }
            #expect(done == total)
            await second.shutdown()
        }
    }

    @Test func aStaleLeaseTokenIsRefusedOverTheProtocol() async throws {
        try await withDaemon(customers: 20) { daemon in
            _ = try await daemon.query {
                try $0.execute("INSERT INTO tasks (kind, customer_id, idempotency_key) VALUES ('revisit', 1, 'stale:1')")
            }
            let scheduler = try await daemon.client(.scheduler)
            let first = try #require(try await scheduler.call(TasksClaim.self, .init(worker: "a", limit: 1)).tasks.first)
            _ = try await daemon.query {
                try $0.execute("UPDATE tasks SET lease_expires_at = now() - interval '1 second' WHERE id = $1", [first.taskId])
            }
            let second = try #require(try await scheduler.call(TasksClaim.self, .init(worker: "b", limit: 1)).tasks.first)
            #expect(second.taskId == first.taskId)
            #expect(second.leaseToken != first.leaseToken)
            await expectRPCError(.conflict) {
                _ = try await scheduler.call(TasksComplete.self, .init(taskId: first.taskId, leaseToken: first.leaseToken, outcome: "reached"))
            }
            await expectRPCError(.invalidParams, path: "params.churn_reason") {
                _ = try await scheduler.call(
                    TasksComplete.self, .init(taskId: second.taskId, leaseToken: second.leaseToken, outcome: "reached", churnReason: "weather"))
            }
            let done = try await scheduler.call(
                TasksComplete.self, .init(taskId: second.taskId, leaseToken: second.leaseToken, outcome: "reached", churnReason: "price"))
            #expect(done.status == "done")
            await scheduler.close()
        }
    }
}
