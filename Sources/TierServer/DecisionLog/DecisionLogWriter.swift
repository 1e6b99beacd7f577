import Foundation
import Logging
import TierStore
import TierWire
import TierSync

/// Writes decision records to `decision_log` in batches, off the request path.
///
/// Nothing is dropped silently: a record stays queued until a COPY that holds it
/// commits (a failed write is retried with back-off). When the queue is full,
/// `record(_:)` waits for room (back-pressure on the requests; room is counted in
/// records and in bytes, so the daemon's memory stays bounded however large the
/// decisions are), and after
/// `enqueue_timeout_ms` fails with `overloaded`, so the client knows its decision
/// was not logged. Shutdown writes everything still queued; if the database stays
/// unreachable past the shutdown deadline, the count of unwritten records is
/// logged as an error (the only way records are lost, and never silently).
public final class DecisionLogWriter: Sendable {
    private struct State {
        var queue: [DecisionRecord] = []
        /// Records taken by the writer but not yet committed (they still count against capacity).
        var writing = 0
        /// Bytes of every record queued or being written (``DecisionRecord/memoryBytes``).
        var bytes = 0
        var accepting = true
        /// After `finish(deadline:)`: when to give up on a database that does not come back.
        var deadline: ContinuousClock.Instant?
        var written: Int64 = 0
        var failedWrites: Int64 = 0
    }

    private let pool: PGPool
    private let settings: ServerConfiguration.DecisionLog
    private let logger: Logger
    private let state = Locked(State())
    private let doorbell: AsyncStream<Void>
    private let ring: AsyncStream<Void>.Continuation

    public init(pool: PGPool, settings: ServerConfiguration.DecisionLog, logger: Logger) {
        self.pool = pool
        self.settings = settings
        self.logger = logger
        (doorbell, ring) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Counts for health and metrics.
    public var statistics: (queued: Int, written: Int64, failedWrites: Int64) {
        state.withLock { ($0.queue.count + $0.writing, $0.written, $0.failedWrites) }
    }

    /// Queues a record, waiting for room when the queue is full.
    public func record(_ record: DecisionRecord) async throws(RPCError) {
        let deadline = ContinuousClock.now + .milliseconds(settings.enqueueTimeoutMs)
        var pause = Duration.microseconds(200)
        while true {
            let outcome = state.withLock { state -> Bool? in
                guard state.accepting else { return nil }
                guard state.queue.count + state.writing < settings.queueCapacity else { return false }
                guard state.bytes + record.memoryBytes <= settings.queueBytes || state.bytes == 0 else { return false }
                state.queue.append(record)
                state.bytes += record.memoryBytes
                return true
            }
            switch outcome {
            case nil: throw RPCError.unavailable("the daemon is shutting down")
            case true?:
                ring.yield()
                return
            case false?:
                guard ContinuousClock.now < deadline else {
                    throw RPCError.overloaded("the decision log's queue is full (decision_log.queue_capacity, queue_bytes); try again")
                }
                try? await Task.sleep(for: pause)
                pause = min(pause * 2, .milliseconds(20))
            }
        }
    }

    /// Writes batches until `finish()` is called and the queue is empty.
    public func run() async {
        var backoff = Duration.milliseconds(100)
        for await _ in doorbell {
            while true {
                if !isEmpty && queuedCount < settings.batchSize {
                    try? await Task.sleep(for: .milliseconds(settings.flushIntervalMs))
                }
                if let abandoned = abandonedAtShutdown() {
                    logger.error("decision records not written: the database stayed unreachable through shutdown", metadata: [
                        "records": "\(abandoned)",
                    ])
                    return
                }
                let batch = takeBatch()
                if batch.isEmpty { break }
                do {
                    try await write(batch)
                    state.withLock {
                        $0.writing -= batch.count
                        $0.bytes -= batch.reduce(0) { $0 + $1.memoryBytes }
                        $0.written += Int64(batch.count)
                    }
                    backoff = .milliseconds(100)
                } catch {
                    // Put the batch back in front and retry later: never drop a record.
                    state.withLock {
                        $0.queue.insert(contentsOf: batch, at: 0)
                        $0.writing -= batch.count
                        $0.failedWrites += 1
                    }
                    logger.error("decision log write failed; retrying", metadata: [
                        "error": "\(error)", "records": "\(batch.count)", "retry_in_ms": "\(backoff.milliseconds)",
                    ])
                    try? await Task.sleep(for: backoff)
                    backoff = min(backoff * 2, .seconds(5))
                }
            }
            if state.withLock({ !$0.accepting && $0.queue.isEmpty }) { return }
        }
    }

    /// Stops accepting records; `run()` returns once the queue is written, or at the
    /// deadline if writes keep failing.
    public func finish(deadline: ContinuousClock.Instant = .now + .seconds(30)) {
        state.withLock {
            $0.accepting = false
            $0.deadline = deadline
        }
        ring.yield()
        ring.finish()
    }

    /// Records still queued once shutdown's deadline has passed or the task was cancelled.
    private func abandonedAtShutdown() -> Int? {
        let cancelled = Task.isCancelled
        return state.withLock { state in
            let expired = state.deadline.map { ContinuousClock.now >= $0 } ?? false
            guard expired || cancelled, !state.queue.isEmpty else { return nil }
            return state.queue.count
        }
    }

    private var isEmpty: Bool { state.withLock { $0.queue.isEmpty } }
    private var queuedCount: Int { state.withLock { $0.queue.count } }

    private func takeBatch() -> [DecisionRecord] {
        state.withLock { state in
            let count = min(settings.batchSize, state.queue.count)
            let batch = Array(state.queue.prefix(count))
            state.queue.removeFirst(count)
            state.writing += count
            return batch
        }
    }

    private func write(_ batch: [DecisionRecord]) async throws {
        _ = try await pool.withConnection { connection in
            try connection.copyIn(
                "COPY decision_log (id, customer_id, method, channel, as_of, policy_revision, request, result, principal) FROM STDIN"
            ) { writer in
                for record in batch {
                    try writer.append(texts: [
                        record.id.uuidString.lowercased(), String(record.customerId), record.method, record.channel,
                        WireTime.formatPrecise(record.asOf), record.revision, record.request, record.result, record.principal,
                    ])
                }
            }
        }
    }
}

extension Duration {
    var milliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
}
