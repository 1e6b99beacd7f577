import Dispatch
import Logging
import TierSync

/// A bounded pool of libpq connections for async code.
///
/// Each connection lives on its own serial dispatch queue, so libpq's blocking calls
/// run on those worker threads: never on a SwiftNIO event loop and never on Swift's
/// cooperative pool. Connections open lazily. One that the server closed, or that
/// broke in use, is discarded and replaced on next use. A caller that finds every
/// connection busy waits, up to ``PGPoolConfiguration/acquireTimeout``.
public final class PGPool: Sendable {
    /// The configuration the pool was made with.
    public let configuration: PGPoolConfiguration
    private let slots: [PGPoolSlot]
    private let state: Locked<State>
    private let logger: Logger

    private struct Waiter {
        let id: Int
        let continuation: CheckedContinuation<Int, any Error>
        let since: ContinuousClock.Instant
    }

    private struct State {
        var free: [Int]
        var waiters: [Waiter] = []
        var nextWaiterID = 0
        var closed = false
        var discarded = 0
        var acquired: Int64 = 0
        var waited: Int64 = 0
        var waitedFor: Duration = .zero
        var timedOut: Int64 = 0
    }

    /// Makes a pool; no connection is opened until first use.
    public init(_ configuration: PGPoolConfiguration, logger: Logger = Logger(label: "tierd.store.pool")) {
        self.configuration = configuration
        self.logger = logger
        self.slots = (0..<configuration.maxConnections).map { PGPoolSlot(index: $0) }
        self.state = Locked(State(free: Array((0..<configuration.maxConnections).reversed())))
    }

    /// Borrows a connection for the duration of `body`, which runs on the
    /// connection's worker thread. If the connection broke, or `body` left a
    /// transaction open, it is cleaned up or discarded before anyone else gets it.
    public func withConnection<T: Sendable>(_ body: @escaping @Sendable (PGConnection) throws -> T) async throws -> T {
        let index = try await acquire()
        defer { release(index) }
        let slot = slots[index]
        let conninfo = configuration.conninfo
        let logger = logger
        let (result, discarded): (Result<T, any Error>, Bool) = await withCheckedContinuation { continuation in
            slot.queue.async {
                continuation.resume(returning: slot.run(conninfo: conninfo, logger: logger, body))
            }
        }
        if discarded { state.withLock { $0.discarded += 1 } }
        return try result.get()
    }

    /// Runs `body` in a transaction on a pooled connection (see ``PGConnection/transaction(isolation:readOnly:_:)``).
    public func transaction<T: Sendable>(
        isolation: PGIsolation = .readCommitted,
        _ body: @escaping @Sendable (PGConnection) throws -> T
    ) async throws -> T {
        try await withConnection { connection in
            try connection.transaction(isolation: isolation, body)
        }
    }

    /// True when called on one of any pool's worker threads, where blocking libpq
    /// calls belong; false on an event loop or Swift's cooperative pool.
    public static var isOnWorkerThread: Bool {
        DispatchQueue.getSpecific(key: PGPoolSlot.workerKey) != nil
    }

    /// The pool's current use.
    public var statistics: PGPoolStatistics {
        var statistics = state.withLock { state in
            PGPoolStatistics(
                open: 0, inUse: slots.count - state.free.count, waiting: state.waiters.count, discarded: state.discarded,
                acquired: state.acquired, waited: state.waited, waitedFor: state.waitedFor, timedOut: state.timedOut)
        }
        statistics.open = slots.reduce(0) { $0 + ($1.isOpen ? 1 : 0) }
        return statistics
    }

    /// Refuses new work, fails waiting callers, and closes idle connections.
    /// Connections in use close when they are returned.
    public func close() async {
        let (waiters, free) = state.withLock { state -> ([Waiter], [Int]) in
            state.closed = true
            defer { state.waiters.removeAll() }
            return (state.waiters, state.free)
        }
        for waiter in waiters { waiter.continuation.resume(throwing: PGError(.poolClosed, "the connection pool is closed")) }
        for index in free {
            let slot = slots[index]
            await withCheckedContinuation { continuation in
                slot.queue.async { slot.closeConnection(); continuation.resume() }
            }
        }
    }

    private func acquire() async throws -> Int {
        let id = state.withLock { state in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int, any Error>) in
                let immediate: Result<Int, any Error>? = state.withLock { state in
                    if state.closed { return .failure(PGError(.poolClosed, "the connection pool is closed")) }
                    if let index = state.free.popLast() {
                        state.acquired += 1
                        return .success(index)
                    }
                    state.waiters.append(Waiter(id: id, continuation: continuation, since: .now))
                    return nil
                }
                if let immediate {
                    continuation.resume(with: immediate)
                    return
                }
                let timeout = configuration.acquireTimeout
                let limit = configuration.maxConnections
                DispatchQueue.global().asyncAfter(deadline: .now() + timeout.timeInterval) { [self] in
                    removeWaiter(id, timedOut: true)?.resume(throwing: PGError(
                        .poolTimeout,
                        "no database connection became free within \(timeout) (all \(limit) in use)"))
                }
            }
        } onCancel: {
            removeWaiter(id)?.resume(throwing: CancellationError())
        }
    }

    private func removeWaiter(_ id: Int, timedOut: Bool = false) -> CheckedContinuation<Int, any Error>? {
        state.withLock { state in
            guard let position = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            if timedOut { state.timedOut += 1 }
            return state.waiters.remove(at: position).continuation
        }
    }

    private func release(_ index: Int) {
        let (next, closed) = state.withLock { state -> (Waiter?, Bool) in
            if !state.waiters.isEmpty {
                let next = state.waiters.removeFirst()
                state.acquired += 1
                state.waited += 1
                state.waitedFor += ContinuousClock.now - next.since
                return (next, state.closed)
            }
            state.free.append(index)
            return (nil, state.closed)
        }
        if let next {
            next.continuation.resume(returning: index)
        } else if closed {
            let slot = slots[index]
            slot.queue.async { slot.closeConnection() }
        }
    }
}

extension Duration {
    /// Seconds as a floating-point interval, for Dispatch deadlines.
    var timeInterval: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
