import Foundation
import Testing
import TierServer
import TierStore
import TierWire

/// Shared set-up of the task queue tests: two branches with two customers each,
/// and helpers to make, claim and inspect tasks.
enum TaskQueueFixture {
    /// Customers 1 and 2 belong to branch SH01, 3 and 4 to SH02.
    static let script = """
        INSERT INTO branches (id, code, name) VALUES (1, 'SH01', '上海分公司'), (2, 'SH02', '浦东支公司');
        INSERT INTO households (id, branch_id) VALUES (1, 1), (2, 2);
        INSERT INTO customers (id, name, birth_date, branch_id, household_id) VALUES
            (1, '张伟', '1970-03-01', 1, 1), (2, '王芳', '1972-04-02', 1, 1),
            (3, '刘洋', '1985-01-01', 2, 2), (4, '李娜', '1975-01-01', 2, 2);
        SELECT sync_identity_sequences();
        """

    static let scheduler = Principal(name: "scheduler-1", role: .scheduler)

    static func make(connections: Int = 8) async throws -> StoreDatabase {
        try await StoreDatabase.make(connections: connections, script: script)
    }

    /// Inserts a task and returns its id. `due` is seconds from now (negative: overdue).
    @discardableResult
    static func insert(
        _ store: StoreDatabase, kind: String = "revisit", customer: Int64? = 1, priority: Int = 0, due: Int = -60,
        maxAttempts: Int = 5, payload: String = "{}", key: String = UUID().uuidString
    ) async throws -> Int64 {
        try await store.value(
            """
            INSERT INTO tasks (kind, customer_id, priority, due_at, max_attempts, payload, idempotency_key)
            VALUES ($1::text, $2::bigint, $3::smallint, now() + $4::bigint * interval '1 second', $5::integer, $6::jsonb, $7::text)
            RETURNING id
            """, [kind, customer, Int16(priority), Int64(due), Int32(maxAttempts), PGJSON(text: payload), key], as: Int64.self)
    }

    /// Claims as `worker` with the scheduler principal.
    static func claim(
        _ store: StoreDatabase, worker: String = "worker-a", kinds: [String]? = nil, branch: String? = nil, limit: Int? = nil,
        leaseSeconds: Int? = nil, pool: PGPool? = nil
    ) async throws -> [ClaimedTask] {
        let params = TasksClaim.Params(worker: worker, kinds: kinds, branch: branch, limit: limit, leaseSeconds: leaseSeconds)
        return try await TaskQueue.claim(params, principal: scheduler, pool: pool ?? store.pool).tasks
    }

    /// Claims the one due task and returns it.
    static func claimOne(_ store: StoreDatabase, worker: String = "worker-a", leaseSeconds: Int? = nil) async throws -> ClaimedTask {
        let tasks = try await claim(store, worker: worker, limit: 1, leaseSeconds: leaseSeconds)
        return try #require(tasks.first)
    }

    /// Completes with the scheduler principal and the branch policy set.
    static func complete(
        _ store: StoreDatabase, _ task: ClaimedTask, token: String? = nil, outcome: String = "reached", churn: String? = nil,
        note: String? = nil, policy: LoadedPolicy? = nil
    ) async throws -> TaskState {
        let params = TasksComplete.Params(
            taskId: task.taskId, leaseToken: token ?? task.leaseToken, outcome: outcome, churnReason: churn, note: note)
        return try await TaskQueue.complete(params, principal: scheduler, policy: try policy ?? branchPolicy(), pool: store.pool)
    }

    static func fail(
        _ store: StoreDatabase, _ task: ClaimedTask, token: String? = nil, error: String = "no answer", retryAt: String? = nil
    ) async throws -> TaskState {
        let params = TasksFail.Params(taskId: task.taskId, leaseToken: token ?? task.leaseToken, error: error, retryAt: retryAt)
        return try await TaskQueue.fail(params, principal: scheduler, pool: store.pool)
    }

    static func heartbeat(_ store: StoreDatabase, _ task: ClaimedTask, token: String? = nil, leaseSeconds: Int? = nil) async throws -> TaskState {
        let params = TasksHeartbeat.Params(taskId: task.taskId, leaseToken: token ?? task.leaseToken, leaseSeconds: leaseSeconds)
        return try await TaskQueue.heartbeat(params, principal: scheduler, pool: store.pool)
    }

    /// Makes the task's lease run out a second ago.
    static func expireLease(_ store: StoreDatabase, _ id: Int64) async throws {
        _ = try await store.query { try $0.execute("UPDATE tasks SET lease_expires_at = now() - interval '1 second' WHERE id = $1::bigint", [id]) }
    }

    /// Makes a pending task due now.
    static func makeDue(_ store: StoreDatabase, _ id: Int64) async throws {
        _ = try await store.query { try $0.execute("UPDATE tasks SET due_at = now() WHERE id = $1::bigint", [id]) }
    }

    /// A column of a task, as text (nil for NULL).
    static func column(_ store: StoreDatabase, _ id: Int64, _ column: String) async throws -> String? {
        try await store.value("SELECT \(column)::text FROM tasks WHERE id = $1::bigint", [id], as: String?.self)
    }

    /// Audit rows of an action.
    static func auditCount(_ store: StoreDatabase, _ action: String, target: Int64? = nil) async throws -> Int {
        try await store.value(
            "SELECT count(*) FROM audit_log WHERE action = $1::text AND ($2::text IS NULL OR target_id = $2::text)",
            [action, target.map(String.init)], as: Int.self)
    }

    /// The branch policy set (its churn reasons), loaded once.
    static func branchPolicy() throws -> LoadedPolicy {
        try loadedBranch.get()
    }

    private static let loadedBranch = Result { try StorePolicies.branch() }
}
