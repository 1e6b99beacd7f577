import NIOCore
import NIOPosix
import TierWire

/// A connection that sends bytes exactly as given and reads reply lines one by
/// one: for tests of malformed, oversized, batched or out-of-order input, where
/// `TierClient` would be too polite.
///
/// ```swift
/// let raw = try await TierRawConnection.connect(to: address)
/// try await raw.send(Array("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"health.check\"}\n".utf8))
/// let replies = try await raw.nextReplies(timeout: .seconds(5))
/// ```
///
/// One task at a time may read. Lines are framed with the same size-capped
/// decoder as `TierClient`; a line over `TierClientOptions.maxReplyBytes` is read
/// as a `TierClientError.replyTooLarge` error and the connection stays open.
public final class TierRawConnection: Sendable {
    private let channel: any Channel
    private let queue: RawLineQueue

    private init(channel: any Channel, queue: RawLineQueue) {
        self.channel = channel
        self.queue = queue
    }

    deinit {
        channel.close(promise: nil)
    }

    /// Opens a connection (with TLS when `tls` is given); sends nothing.
    public static func connect(
        to address: TierAddress, tls: TierClientTLS? = nil, options: TierClientOptions = TierClientOptions(),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws(TierClientError) -> TierRawConnection {
        let queue = RawLineQueue()
        let maxReplyBytes = options.maxReplyBytes
        let channel = try await ChannelConnector.connect(to: address, tls: tls, group: eventLoopGroup, options: options) {
            RawLineHandler(queue: queue, maxLineBytes: maxReplyBytes)
        }
        return TierRawConnection(channel: channel, queue: queue)
    }

    /// Writes the bytes exactly as given (add the `\n` yourself).
    public func send(_ bytes: [UInt8]) async throws {
        var buffer = channel.allocator.buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        do {
            try await channel.writeAndFlush(buffer).get()
        } catch {
            throw TierClientError.connectionClosed
        }
    }

    /// Writes the text and a `\n`.
    public func sendLine(_ text: String) async throws {
        try await send(Array(text.utf8) + [UInt8(ascii: "\n")])
    }

    /// The next reply line, without its `\n`. Throws `timedOut` when none comes in
    /// time, `connectionClosed` when the daemon closed the connection and every
    /// line has been read, and `replyTooLarge` for a line over the limit.
    public func nextLine(timeout: Duration = .seconds(10)) async throws -> [UInt8] {
        let queue = self.queue
        let eventLoop = channel.eventLoop
        return try await withCheckedThrowingContinuation { continuation in
            guard let token = queue.next(continuation) else { return }
            eventLoop.scheduleTask(in: TimeAmount(timeout)) {
                queue.fail(token: token, with: TierClientError.timedOut("no line within \(timeout)"))
            }
        }
    }

    /// The next reply line as a string, or nil once the connection has closed and
    /// every line has been read. Throws `timedOut` when no line comes in time and
    /// `replyTooLarge` for a line over the limit.
    public func readLine(timeout: Duration = .seconds(10)) async throws -> String? {
        do {
            return try await nextText(timeout: timeout)
        } catch TierClientError.connectionClosed {
            return nil
        }
    }

    /// The next reply line as a string.
    public func nextText(timeout: Duration = .seconds(10)) async throws -> String {
        String(decoding: try await nextLine(timeout: timeout), as: UTF8.self)
    }

    /// The next reply line parsed as replies: one element for a single reply,
    /// several for a batch. Throws `RPCError` when the line is not a reply.
    public func nextReplies(timeout: Duration = .seconds(10)) async throws -> [RPCReply] {
        let line = try await nextLine(timeout: timeout)
        var buffer = channel.allocator.buffer(capacity: line.count)
        buffer.writeBytes(line)
        return try RPCReplyParser.parse(buffer)
    }

    /// Whether the daemon (or `close`) has closed the connection.
    public var isClosed: Bool { queue.isClosed }

    /// Waits until the connection closes; returns false when it is still open
    /// after `timeout`.
    public func waitUntilClosed(timeout: Duration = .seconds(10)) async -> Bool {
        let queue = self.queue
        let eventLoop = channel.eventLoop
        return await withCheckedContinuation { continuation in
            guard let token = queue.waitForClose(continuation) else { return }
            eventLoop.scheduleTask(in: TimeAmount(timeout)) { queue.stopWaitingForClose(token: token) }
        }
    }

    /// Closes the connection.
    public func close() async {
        try? await channel.close().get()
    }
}
