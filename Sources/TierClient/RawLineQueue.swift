import TierSync

/// The lines a `TierRawConnection` has received and not yet read, and the one
/// reader waiting for the next.
final class RawLineQueue: Sendable {
    private struct Waiter {
        var token: Int
        var continuation: CheckedContinuation<[UInt8], any Error>
    }

    private struct State {
        var lines: [Result<[UInt8], TierClientError>] = []
        var head = 0
        var waiter: Waiter?
        var nextToken = 0
        var closed = false
        var closeWaiters: [Int: CheckedContinuation<Bool, Never>] = [:]
    }

    private let state = Locked(State())

    /// A line, or an oversized one as `.replyTooLarge`, arrived.
    func push(_ line: Result<[UInt8], TierClientError>) {
        let waiter: Waiter? = state.withLock { state in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.lines.append(line)
            return nil
        }
        waiter?.continuation.resume(with: line.mapError { $0 as any Error })
    }

    /// The connection closed: a waiting reader gets `connectionClosed` (after any
    /// lines still queued have been read).
    func close() {
        let (waiter, closeWaiters): (Waiter?, [CheckedContinuation<Bool, Never>]) = state.withLock { state in
            state.closed = true
            defer {
                state.waiter = nil
                state.closeWaiters = [:]
            }
            return (state.waiter, Array(state.closeWaiters.values))
        }
        waiter?.continuation.resume(throwing: TierClientError.connectionClosed)
        closeWaiters.forEach { $0.resume(returning: true) }
    }

    var isClosed: Bool { state.withLock { $0.closed } }

    /// Takes the next line now, or registers `continuation` for it; returns a
    /// token for `timeOut`, or nil when it was resumed at once.
    func next(_ continuation: CheckedContinuation<[UInt8], any Error>) -> Int? {
        enum Action {
            case deliver(Result<[UInt8], TierClientError>)
            case wait(Int)
            case busy
        }
        let action: Action = state.withLock { state in
            if state.head < state.lines.count {
                let line = state.lines[state.head]
                state.head += 1
                if state.head > 64, state.head * 2 > state.lines.count {
                    state.lines.removeFirst(state.head)
                    state.head = 0
                }
                return .deliver(line)
            }
            if state.closed { return .deliver(.failure(.connectionClosed)) }
            if state.waiter != nil { return .busy }
            state.nextToken += 1
            state.waiter = Waiter(token: state.nextToken, continuation: continuation)
            return .wait(state.nextToken)
        }
        switch action {
        case .deliver(let line):
            continuation.resume(with: line.mapError { $0 as any Error })
            return nil
        case .busy:
            continuation.resume(throwing: TierClientError.invalidReply("another task is already reading this connection"))
            return nil
        case .wait(let token):
            return token
        }
    }

    /// Fails the reader registered under `token` with `error`, if it still waits.
    func fail(token: Int, with error: any Error) {
        let waiter: Waiter? = state.withLock { state in
            guard state.waiter?.token == token else { return nil }
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.continuation.resume(throwing: error)
    }

    /// Resumes `continuation` with true once the connection has closed; returns a
    /// token for `stopWaitingForClose`, or nil when it was resumed at once.
    func waitForClose(_ continuation: CheckedContinuation<Bool, Never>) -> Int? {
        let token: Int? = state.withLock { state in
            guard !state.closed else { return nil }
            state.nextToken += 1
            state.closeWaiters[state.nextToken] = continuation
            return state.nextToken
        }
        if token == nil { continuation.resume(returning: true) }
        return token
    }

    /// Resumes the close waiter under `token` with false, if it still waits.
    func stopWaitingForClose(token: Int) {
        let continuation = state.withLock { $0.closeWaiters.removeValue(forKey: token) }
        continuation?.resume(returning: false)
    }
}
