import Dispatch
import Testing
import TierStore
import TierSync
import TierTestSupport

/// Another session holding `customers` in ACCESS EXCLUSIVE mode until released, so
/// every call that reads a customer stays in flight (for shutdown tests). The
/// session waits on a pool worker, never on a cooperative thread. A lock dropped
/// without ``release()`` (a test that failed half-way) lets go in `deinit`.
final class CustomersLock: Sendable {
    private let pool: PGPool
    private let released: DispatchSemaphore
    private let isHeld: Locked<Bool>
    private let session: Task<Void, any Error>

    /// Takes the lock; returns once it is held.
    static func take(on database: TestDatabase) async throws -> CustomersLock {
        let lock = CustomersLock(pool: database.pool(maxConnections: 1))
        try await waitUntil("the lock is held") { lock.isHeld.withLock { $0 } }
        return lock
    }

    private init(pool: PGPool) {
        let released = DispatchSemaphore(value: 0)
        let isHeld = Locked(false)
        self.pool = pool
        self.released = released
        self.isHeld = isHeld
        // The task keeps what it needs, not the lock, so dropping the lock runs deinit.
        session = Task {
            try await pool.withConnection { connection in
                try connection.transaction { connection in
                    try connection.execute("LOCK TABLE customers IN ACCESS EXCLUSIVE MODE")
                    isHeld.withLock { $0 = true }
                    released.wait()
                }
            }
        }
    }

    deinit {
        released.signal()
    }

    /// Ends the locking transaction and closes its pool; throws what the session threw.
    func release() async throws {
        released.signal()
        let outcome = await session.result
        await pool.close()
        try outcome.get()
    }
}
