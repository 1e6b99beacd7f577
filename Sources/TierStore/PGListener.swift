import Foundation
import Logging
import Synchronization

/// Listens on PostgreSQL channels on a dedicated connection and thread, and delivers
/// what arrives as an `AsyncStream`.
///
/// When the connection breaks, the listener reconnects by itself (waiting
/// `reconnectDelay` between tries) and listens again. Notifications sent while it
/// was disconnected are lost, which is PostgreSQL's rule, so every (re)connection
/// is announced with ``Event/connected``: consumers re-read what they cache.
public final class PGListener: Sendable {
    /// What the listener reports.
    public enum Event: Sendable, Equatable {
        /// Listening on every channel; after a reconnect, earlier notifications may be lost.
        case connected
        /// A notification arrived.
        case notification(PGNotification)
        /// The connection failed or broke; the listener keeps trying.
        case disconnected(PGError)
    }

    /// The events, for one consumer. Ends after ``stop()``.
    public let events: AsyncStream<Event>
    private let continuation: AsyncStream<Event>.Continuation
    private let conninfo: String
    private let channels: [String]
    private let reconnectDelay: Duration
    private let pollInterval: Duration
    private let stopped = Atomic<Bool>(false)
    private let logger: Logger

    /// Makes a listener; call ``start()`` to begin.
    public init(
        conninfo: String, channels: [String],
        reconnectDelay: Duration = .milliseconds(500), pollInterval: Duration = .milliseconds(200),
        logger: Logger = Logger(label: "tierd.store.listener")
    ) {
        (events, continuation) = AsyncStream.makeStream(of: Event.self, bufferingPolicy: .unbounded)
        self.conninfo = conninfo
        self.channels = channels
        self.reconnectDelay = reconnectDelay
        self.pollInterval = pollInterval
        self.logger = logger
    }

    /// Starts the listening thread.
    public func start() {
        continuation.onTermination = { [weak self] _ in self?.stopped.store(true, ordering: .relaxed) }
        let thread = Thread { [self] in run() }
        thread.name = "tierd-listener"
        thread.start()
    }

    /// Stops listening; the thread exits within one poll interval and the stream ends.
    public func stop() {
        stopped.store(true, ordering: .relaxed)
    }

    private func run() {
        while !stopped.load(ordering: .relaxed) {
            do {
                let connection = try PGConnection(conninfo: conninfo)
                for channel in channels { try connection.listen(channel) }
                continuation.yield(.connected)
                while !stopped.load(ordering: .relaxed) {
                    for note in try connection.waitForNotifications(timeout: pollInterval) {
                        continuation.yield(.notification(note))
                    }
                }
            } catch {
                let failure = error as? PGError ?? PGError(.unexpected, "\(error)")
                logger.warning("listener connection failed; retrying", metadata: ["error": "\(failure)"])
                continuation.yield(.disconnected(failure))
                Thread.sleep(forTimeInterval: reconnectDelay.timeInterval)
            }
        }
        continuation.finish()
    }
}
