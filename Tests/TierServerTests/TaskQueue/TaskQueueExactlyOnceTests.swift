import Foundation
import Testing
import TierServer
import TierStore
import TierWire

/// Two daemons (two pools on one database), eight workers: every task is handed out
/// and completed exactly once.
@Suite struct TaskQueueExactlyOnceTests {
    static let taskCount = 3000

    /// One worker: claims 25 at a time and completes them until a claim comes back empty.
    private static func work(_ worker: String, pool: PGPool, policy: LoadedPolicy) async throws -> [Int64] {
        var seen: [Int64] = []
        while true {
            let params = TasksClaim.Params(worker: worker, limit: 25)
            let claimed = try await TaskQueue.claim(params, principal: TaskQueueFixture.scheduler, pool: pool).tasks
            if claimed.isEmpty { return seen }
            for task in claimed {
                let done = try await TaskQueue.complete(
                    TasksComplete.Params(taskId: task.taskId, leaseToken: task.leaseToken, outcome: "done"),
                    principal: TaskQueueFixture.scheduler, policy: policy, pool: pool)
                #expect(done.status == "done" && done.attempts == 1)
                seen.append(task.taskId)
            }
        }
    }

    @Test func everyTaskIsCompletedExactlyOnce() async throws {
        let store = try await TaskQueueFixture.make(connections: 4)
        let otherDaemon = store.database.pool(maxConnections: 4)
        try await store.run("""
            INSERT INTO tasks (kind, customer_id, priority, due_at, idempotency_key)
            SELECT (ARRAY['tier_change', 'liability_review', 'green_channel_sla'])[1 + g % 3], 1 + g % 4, g % 5,
                   now() - g * interval '1 second', 'bulk:' || g
            FROM generate_series(1, \(Self.taskCount)) AS g
            """)
        let policy = try TaskQueueFixture.branchPolicy()
        let pools = [store.pool, otherDaemon]
        let perWorker = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for index in 0..<8 {
                let pool = pools[index % 2]
                group.addTask { try await Self.work("worker-\(index)", pool: pool, policy: policy) }
            }
            return try await group.reduce(into: [[Int64]]()) { $0.append($1) }
        }

        let seen = perWorker.flatMap { $0 }
        let all = try await store.query { try $0.execute("SELECT id FROM tasks ORDER BY id").map { try $0.decode(0, as: Int64.self) } }
        #expect(all.count == Self.taskCount)
        #expect(seen.count == Self.taskCount, "workers saw \(seen.count) completions")
        #expect(Set(seen) == Set(all))
        #expect(perWorker.filter { !$0.isEmpty }.count > 1, "one worker did all the work: \(perWorker.map(\.count))")

        let state = try await store.query { connection in
            try connection.execute(
                """
                SELECT count(*) FILTER (WHERE status = 'done' AND attempts = 1 AND completed_at IS NOT NULL AND outcome = 'done'),
                       count(*) FILTER (WHERE status <> 'done')
                FROM tasks
                """)[0]
        }
        #expect(try state.decode(0, as: Int.self) == Self.taskCount)
        #expect(try state.decode(1, as: Int.self) == 0)
        // The audit log agrees: each task completed once and handed out by exactly one claim.
        let audit = try await store.query { connection in
            try connection.execute(
                """
                SELECT (SELECT count(*) FROM (SELECT target_id FROM audit_log WHERE action = 'tasks.complete'
                                              GROUP BY target_id HAVING count(*) = 1) once),
                       (SELECT count(*) FROM audit_log WHERE action = 'tasks.complete'),
                       (SELECT count(*) FROM audit_log a, jsonb_array_elements(a.detail -> 'task_ids') e WHERE a.action = 'tasks.claim'),
                       (SELECT count(DISTINCT e) FROM audit_log a, jsonb_array_elements(a.detail -> 'task_ids') e WHERE a.action = 'tasks.claim')
                """)[0]
        }
        #expect(try audit.decode(0, as: Int.self) == Self.taskCount)
        #expect(try audit.decode(1, as: Int.self) == Self.taskCount)
        #expect(try audit.decode(2, as: Int.self) == Self.taskCount)
        #expect(try audit.decode(3, as: Int.self) == Self.taskCount)
        await otherDaemon.close()
        await store.close()
    }
}
