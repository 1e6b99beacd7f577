import Foundation
import Testing
import TierServer
import TierStore

/// Shared set-up of the job tests: one branch, one household, two customers, and
/// helpers for green-channel tickets and leases.
enum JobsFixture {
    static let script = """
        INSERT INTO branches (id, code, name) VALUES (1, 'SH01', '上海分公司');
        INSERT INTO households (id, branch_id) VALUES (1, 1);
        INSERT INTO customers (id, name, birth_date, branch_id, household_id) VALUES
            (1, '张伟', '1970-03-01', 1, 1), (2, '王芳', '1972-04-02', 1, 1);
        SELECT sync_identity_sequences();
        """

    /// The branch policy set, loaded once for every job test.
    static let policy: LoadedPolicy = {
        do { return try StorePolicies.branch() } catch { fatalError("the branch policy set does not load: \(error)") }
    }()

    static var context: JobContext { JobContext(policy: policy) }

    static func make(connections: Int = 4) async throws -> StoreDatabase {
        try await StoreDatabase.make(connections: connections, script: script)
    }

    /// Inserts a ticket opened two days ago, due `dueInSeconds` from now (negative:
    /// overdue), and returns its id.
    @discardableResult
    static func ticket(_ store: StoreDatabase, customer: Int64 = 1, status: String = "open", dueInSeconds: Int) async throws -> Int64 {
        let closed = status == "closed" || status == "cancelled"
        return try await store.value(
            """
            INSERT INTO green_channel_tickets
                (customer_id, kind, branch_id, idempotency_key, request_hash, status, sla_due_at, principal, opened_at, closed_at)
            VALUES ($1::bigint, 'claims', 1, gen_random_uuid()::text, 'hash', $2::text,
                    now() + $3::bigint * interval '1 second', 'test', now() - interval '2 days',
                    CASE WHEN $4::bool THEN now() END)
            RETURNING id
            """, [customer, status, Int64(dueInSeconds), closed], as: Int64.self)
    }

    /// Makes the job's lease run out a second ago.
    static func expireLease(_ store: StoreDatabase, job: String) async throws {
        _ = try await store.query {
            try $0.execute("UPDATE job_leases SET expires_at = now() - interval '1 second' WHERE job = $1::text", [job])
        }
    }

    static func acquire(_ store: StoreDatabase, job: String = "demo", holder: String, ttl: Duration = .seconds(60)) async throws -> JobLease? {
        try await store.query { try JobLeases.acquire(job: job, holder: holder, ttl: ttl, on: $0) }
    }
}

/// A job that counts one and, when asked, writes a task (to see writes refused).
struct CountingJob: PeriodicJob {
    static let name = "counting"
    var fails = false

    func run(lease: JobLease, context: JobContext, on connection: PGConnection) throws -> [String: Int] {
        try connection.execute(
            "INSERT INTO tasks (kind, idempotency_key) VALUES ('job_probe', 'probe:' || gen_random_uuid())")
        if fails { throw StoreTestError("the job failed") }
        return ["done": 1]
    }
}
