import NIOCore
import TierSync

/// Counts open connections and requests in flight across the daemon, so the
/// connection limit holds and a graceful shutdown knows when work has drained.
public final class ConnectionTracker: Sendable {
    private struct State {
        var channels: [ObjectIdentifier: any Channel] = [:]
        var inFlight = 0
        var received = 0
    }

    private let state = Locked(State())
    public let maxConnections: Int

    public init(maxConnections: Int) {
        self.maxConnections = maxConnections
    }

    /// Registers a new connection; false when the limit is reached.
    func open(_ channel: any Channel) -> Bool {
        state.withLock { state in
            guard state.channels.count < maxConnections else { return false }
            state.channels[ObjectIdentifier(channel)] = channel
            return true
        }
    }

    func closed(_ channel: any Channel) {
        _ = state.withLock { $0.channels.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    func requestStarted() { state.withLock { $0.inFlight += 1 } }
    func requestFinished() { state.withLock { $0.inFlight -= 1 } }
    func requestReceived() { state.withLock { $0.received += 1 } }

    /// The open connections' channels.
    var openChannels: [any Channel] { state.withLock { Array($0.channels.values) } }

    /// Open connections.
    public var connections: Int { state.withLock { $0.channels.count } }
    /// Requests being handled.
    public var inFlight: Int { state.withLock { $0.inFlight } }
    /// Requests (batch elements each) read from clients since start, answered or refused.
    public var received: Int { state.withLock { $0.received } }

    /// Closes every open connection.
    func closeAll() {
        let channels = state.withLock { Array($0.channels.values) }
        for channel in channels { channel.close(promise: nil) }
    }
}
