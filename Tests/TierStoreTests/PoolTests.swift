import Dispatch
import Foundation
import Testing
import TierStore
import TierTestSupport

/// The pool bounds connections, keeps libpq off async threads, times out waiters
/// and replaces broken connections.
@Suite struct PoolTests {
    @Test func bodiesRunOnThePoolsWorkerThreads() async throws {
        let db = try await TestDatabase.create(migrated: false)
        let pool = db.pool(maxConnections: 2)
        #expect(!PGPool.isOnWorkerThread)
        let onWorker = try await pool.withConnection { _ in PGPool.isOnWorkerThread }
        #expect(onWorker)
        await pool.close()
    }

    @Test func boundedAndConcurrent() async throws {
        let db = try await TestDatabase.create(migrated: false)
        // A generous wait: the suite shares two cores with other clusters, and this
        // test is about the bound, not the speed.
        let pool = db.pool(maxConnections: 3, acquireTimeout: .seconds(60))
        let pids = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<12 {
                group.addTask {
                    try await pool.withConnection { c in
                        try c.execute("SELECT pg_sleep(0.05)")
                        return c.backendPID
                    }
                }
            }
            return try await group.reduce(into: Set<Int>()) { $0.insert($1) }
        }
        #expect(pids.count <= 3)
        let statistics = pool.statistics
        #expect(statistics.open <= 3)
        #expect(statistics.inUse == 0)
        // Twelve bodies on three connections: all twelve lent, at least nine after a wait.
        #expect(statistics.acquired == 12)
        #expect(statistics.waited >= 9)
        #expect(statistics.waitedFor > .zero)
        #expect(statistics.timedOut == 0)
        await pool.close()
    }

    @Test func waitingCallerTimesOutWithAClearError() async throws {
        let db = try await TestDatabase.create(migrated: false)
        let pool = db.pool(maxConnections: 1, acquireTimeout: .milliseconds(200))
        let holder = Task { try await pool.withConnection { c in try c.execute("SELECT pg_sleep(2)") } }
        // Wait until the only connection is lent out.
        let deadline = ContinuousClock.now + .seconds(30)
        while pool.statistics.inUse == 0 {
            try #require(ContinuousClock.now < deadline, "the holder never took a connection")
            try await Task.sleep(for: .milliseconds(10))
        }
        let error = try await #require(throws: PGError.self) {
            try await pool.withConnection { c in try c.execute("SELECT 1") }
        }
        #expect(error.code == .poolTimeout)
        #expect(error.isUnavailable)
        #expect(error.message.contains("no database connection became free"))
        #expect(pool.statistics.timedOut == 1)
        _ = try await holder.value
        // Once free, the connection serves again.
        #expect(try await pool.withConnection { try $0.execute("SELECT 7").scalar(Int.self) } == 7)
        await pool.close()
    }

    @Test func closedPoolRefusesWork() async throws {
        let db = try await TestDatabase.create(migrated: false)
        let pool = db.pool()
        _ = try await pool.withConnection { try $0.execute("SELECT 1") }
        await pool.close()
        let error = try await #require(throws: PGError.self) { try await pool.withConnection { try $0.execute("SELECT 1") } }
        #expect(error.code == .poolClosed)
    }

    @Test func openTransactionIsRolledBackBeforeReuse() async throws {
        let db = try await TestDatabase.create(migrated: false)
        let pool = db.pool(maxConnections: 1)
        try await pool.withConnection { c in
            try c.execute("CREATE TABLE t (x int)")
            try c.execute("BEGIN")
            try c.execute("INSERT INTO t VALUES (1)")
        }
        let (count, inTransaction) = try await pool.withConnection { c in
            (try c.execute("SELECT count(*) FROM t").scalar(Int.self), c.inTransaction)
        }
        #expect(count == 0)
        #expect(!inTransaction)
        await pool.close()
    }

    @Test func brokenConnectionIsDiscardedAndReplaced() async throws {
        let db = try await TestDatabase.create(migrated: false)
        let pool = db.pool(maxConnections: 1)
        let first = try await pool.withConnection { try $0.execute("SELECT pg_backend_pid()").scalar(Int.self) }
        // Kill the pooled session from another connection, as a failover or an admin would.
        let admin = try db.connect()
        #expect(try admin.execute("SELECT pg_terminate_backend($1::int, 5000)", [first]).scalar(Bool.self))
        let second = try await pool.withConnection { try $0.execute("SELECT pg_backend_pid()").scalar(Int.self) }
        #expect(second != first)
        #expect(pool.statistics.discarded == 1)
        await pool.close()
    }

    @Test func reconnectsAfterTheServerRestarts() async throws {
        let (owner, running) = try await PrivateTestCluster.start()
        defer { owner.remove() }
        let pool = PGPool(PGPoolConfiguration(conninfo: running.conninfo, maxConnections: 2, acquireTimeout: .seconds(2)))
        try await pool.withConnection { c in try c.execute("CREATE TABLE kept (x int)"); try c.execute("INSERT INTO kept VALUES (1)") }

        try await TestCluster.offloaded { try owner.cluster.stop() }
        // While the server is down, requests fail fast with an "unavailable" error.
        let down = try await #require(throws: PGError.self) { try await pool.withConnection { try $0.execute("SELECT 1") } }
        #expect(down.isUnavailable)

        let restarted = try await TestCluster.offloaded { try owner.cluster.start() }
        #expect(restarted.port == running.port)
        let count = try await pool.withConnection { try $0.execute("SELECT count(*) FROM kept").scalar(Int.self) }
        #expect(count == 1)
        await pool.close()
    }
}
