import Dispatch
import Logging
import Synchronization

/// One place in a ``PGPool``: a serial queue (the worker thread) and the connection
/// that only that queue touches.
final class PGPoolSlot: @unchecked Sendable {
    let index: Int
    let queue: DispatchQueue
    /// Touched only on `queue`.
    private var connection: PGConnection?
    private let openFlag = Atomic<Bool>(false)

    init(index: Int) {
        self.index = index
        self.queue = DispatchQueue(label: "tierd.store.pool.\(index)")
        queue.setSpecific(key: Self.workerKey, value: index)
    }

    /// Marks the slots' queues, so code can tell it runs on a pool worker.
    static let workerKey = DispatchSpecificKey<Int>()

    /// Whether this slot holds an open connection (readable from any thread).
    var isOpen: Bool { openFlag.load(ordering: .relaxed) }

    /// Runs `body` on this slot's connection, opening or replacing it as needed.
    /// Must be called on `queue`. Returns the outcome and whether a broken
    /// connection was discarded.
    func run<T>(conninfo: String, logger: Logger, _ body: (PGConnection) throws -> T) -> (Result<T, any Error>, Bool) {
        dispatchPrecondition(condition: .onQueue(queue))
        var discarded = false
        if let existing = connection, !existing.isHealthy {
            logger.info("discarding a broken database connection", metadata: ["slot": "\(index)"])
            closeConnection()
            discarded = true
        }
        let active: PGConnection
        if let existing = connection {
            active = existing
        } else {
            do {
                active = try PGConnection(conninfo: conninfo)
            } catch {
                return (.failure(error), discarded)
            }
            connection = active
            openFlag.store(true, ordering: .relaxed)
        }
        let result = Result { try body(active) }
        if active.isBroken {
            closeConnection()
            discarded = true
        } else if active.inTransaction {
            // The caller left a transaction open; end it so the next caller starts clean.
            if (try? active.execute("ROLLBACK")) == nil { closeConnection(); discarded = true }
        }
        return (result, discarded)
    }

    /// Drops the connection. Must be called on `queue`.
    func closeConnection() {
        connection = nil
        openFlag.store(false, ordering: .relaxed)
    }
}
