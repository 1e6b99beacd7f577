import NIOCore
import TierWire
import TierSync

/// The pending calls of one connection, by request id: hands out increasing ids,
/// completes each call when its reply arrives (in any order), and fails them all
/// when the connection ends.
final class ReplyRouter: Sendable {
    private struct Pending {
        var continuation: CheckedContinuation<JSONValue, any Error>
        var timeout: Scheduled<Void>?
    }

    private struct State {
        var nextID: Int64 = 1
        var pending: [Int64: Pending] = [:]
        /// Set once the connection has failed or closed; new calls fail with it.
        var failure: TierClientError?
    }

    private let state = Locked(State())

    /// The next request id.
    func nextID() -> Int64 {
        state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
    }

    /// Registers a call waiting for the reply to `id`; fails it at once when the
    /// connection is already gone. Returns false in that case.
    func register(_ id: Int64, _ continuation: CheckedContinuation<JSONValue, any Error>) -> Bool {
        let failure: TierClientError? = state.withLock { state in
            if let failure = state.failure { return failure }
            state.pending[id] = Pending(continuation: continuation, timeout: nil)
            return nil
        }
        if let failure {
            continuation.resume(throwing: failure)
            return false
        }
        return true
    }

    /// Attaches the timer that fails the call when no reply comes in time.
    func attach(timeout: Scheduled<Void>, to id: Int64) {
        let stillPending = state.withLock { state in
            guard state.pending[id] != nil else { return false }
            state.pending[id]?.timeout = timeout
            return true
        }
        if !stillPending { timeout.cancel() }
    }

    /// Completes the call waiting for `id`; false when none was (a late or foreign reply).
    @discardableResult
    func complete(_ id: Int64, with outcome: Result<JSONValue, any Error>) -> Bool {
        guard let pending = state.withLock({ $0.pending.removeValue(forKey: id) }) else { return false }
        pending.timeout?.cancel()
        pending.continuation.resume(with: outcome)
        return true
    }

    /// Fails every pending call and every later one with `error`.
    func failAll(_ error: TierClientError) {
        let pending = state.withLock { state in
            if state.failure == nil { state.failure = error }
            defer { state.pending = [:] }
            return state.pending
        }
        for call in pending.values {
            call.timeout?.cancel()
            call.continuation.resume(throwing: error)
        }
    }

    /// How many calls wait for replies.
    var pendingCount: Int { state.withLock { $0.pending.count } }
}
