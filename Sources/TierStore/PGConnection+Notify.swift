import CLibPQ
import Glibc

/// A notification received on a channel this connection listens to.
public struct PGNotification: Sendable, Equatable {
    /// The channel name.
    public var channel: String
    /// The payload text ("" when none was given).
    public var payload: String
    /// The server process id of the session that sent it.
    public var senderPID: Int

    /// Makes a notification value.
    public init(channel: String, payload: String, senderPID: Int) {
        self.channel = channel
        self.payload = payload
        self.senderPID = senderPID
    }
}

extension PGConnection {
    /// Starts listening on a channel (`LISTEN`), quoting its name.
    public func listen(_ channel: String) throws {
        try execute("LISTEN \(try quoteIdentifier(channel))")
    }

    /// Stops listening on a channel.
    public func unlisten(_ channel: String) throws {
        try execute("UNLISTEN \(try quoteIdentifier(channel))")
    }

    /// Sends a notification (`pg_notify`); inside a transaction it is delivered at commit.
    public func notify(_ channel: String, payload: String = "") throws {
        try execute("SELECT pg_notify($1, $2)", [channel, payload])
    }

    /// Returns the notifications that have arrived, waiting up to `timeout` for the
    /// first one. An empty array means none came in time.
    public func waitForNotifications(timeout: Duration) throws -> [PGNotification] {
        var received = takeNotifications()
        if !received.isEmpty { return received }
        let socket = PQsocket(handle)
        guard socket >= 0 else { throw PGError.from(connection: handle, code: .connectionLost) }
        var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        let (seconds, attoseconds) = timeout.components
        let milliseconds = Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000)
        let ready = poll(&descriptor, 1, max(0, milliseconds))
        if ready < 0 && errno != EINTR {
            throw PGError(.connectionLost, "poll failed: \(String(cString: strerror(errno)))")
        }
        guard PQconsumeInput(handle) == 1, !isBroken else {
            throw PGError.from(connection: handle, code: .connectionLost)
        }
        received = takeNotifications()
        return received
    }

    private func takeNotifications() -> [PGNotification] {
        var out: [PGNotification] = []
        while let raw = PQnotifies(handle) {
            let note = raw.pointee
            out.append(PGNotification(
                channel: String(cString: note.relname),
                payload: note.extra.map { String(cString: $0) } ?? "",
                senderPID: Int(note.be_pid)))
            PQfreemem(raw)
        }
        return out
    }
}
