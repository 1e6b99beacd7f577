import NIOCore
import NIOPosix
import TierWire

/// A protocol v1 connection to tierd.
///
/// Calls are pipelined: any number of tasks may call at once over the one
/// connection; each request gets the next integer id and its reply is matched by
/// id, whatever order replies come back in. When the connection ends, every
/// pending call fails with a `TierClientError`; error replies throw `RPCError`.
///
/// ```swift
/// let client = try await TierClient.connect(to: TierAddress(parsing: "127.0.0.1:7411"))
/// _ = try await client.hello(token: token)
/// let result = try await client.call(EntitlementsGet.self, .init(customerId: 42))
/// await client.close()
/// ```
public final class TierClient: Sendable {
    /// Where the client is connected.
    public let address: TierAddress
    private let channel: any Channel
    private let router: ReplyRouter
    private let options: TierClientOptions

    private init(address: TierAddress, channel: any Channel, router: ReplyRouter, options: TierClientOptions) {
        self.address = address
        self.channel = channel
        self.router = router
        self.options = options
    }

    deinit {
        channel.close(promise: nil)
    }

    /// Opens a connection (and starts TLS when `tls` is given). Does not say hello.
    public static func connect(
        to address: TierAddress, tls: TierClientTLS? = nil, options: TierClientOptions = TierClientOptions(),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws(TierClientError) -> TierClient {
        let router = ReplyRouter()
        let maxReplyBytes = options.maxReplyBytes
        let onUnmatched = options.onUnmatchedReply
        let onNotification = options.onNotification
        let channel = try await ChannelConnector.connect(to: address, tls: tls, group: eventLoopGroup, options: options) {
            ReplyHandler(router: router, maxReplyBytes: maxReplyBytes, onUnmatchedReply: onUnmatched, onNotification: onNotification)
        }
        return TierClient(address: address, channel: channel, router: router, options: options)
    }

    /// Calls a method with typed params and result. Throws `RPCError` for an error
    /// reply and `TierClientError` when the connection fails or the result does not
    /// decode.
    public func call<M: RPCMethod>(_ method: M.Type, _ params: M.Params) async throws -> M.Result {
        let value = try await send(method: M.name, params: params)
        do {
            return try JSONValueDecoder().decode(M.Result.self, from: value, path: "result")
        } catch {
            throw TierClientError.invalidReply("the result of \(M.name) does not decode: \(error)")
        }
    }

    /// Calls a method that takes no params.
    public func call<M: RPCMethod>(_ method: M.Type) async throws -> M.Result where M.Params == NoParams {
        try await call(method, NoParams())
    }

    /// Calls a method with typed params and returns the result undecoded (for
    /// printing it as it came, unknown members included).
    public func callRaw<M: RPCMethod>(_ method: M.Type, _ params: M.Params) async throws -> JSONValue {
        try await send(method: M.name, params: params)
    }

    /// Calls any method with untyped params (nil or `.null` sends none) and returns
    /// the raw result.
    public func callRaw(method: String, params: JSONValue?) async throws -> JSONValue {
        try await send(method: method, params: params)
    }

    /// Sends a notification (a request without id): the daemon runs it and sends no reply.
    public func notify<M: RPCMethod>(_ method: M.Type, _ params: M.Params) async throws {
        try await write(try encode(id: nil, method: M.name, params: params))
    }

    /// Sends an untyped notification (nil or `.null` params sends none).
    public func notifyRaw(method: String, params: JSONValue?) async throws {
        try await write(try encode(id: nil, method: method, params: params))
    }

    /// Says `session.hello`, which must come first on every connection.
    public func hello(token: String) async throws -> SessionHello.Result {
        try await call(SessionHello.self, SessionHello.Params(token: token, client: options.clientName))
    }

    /// Writes bytes as they are, plus a newline, for tests of malformed input.
    /// Replies to it reach `TierClientOptions.onUnmatchedReply` unless their id
    /// happens to match a pending call.
    public func sendRawLine(_ bytes: [UInt8]) async throws {
        try await write(bytes)
    }

    /// Whether the connection is still open.
    public var isConnected: Bool { channel.isActive }

    /// How many calls are waiting for replies.
    public var pendingCalls: Int { router.pendingCount }

    /// Closes the connection; pending calls fail with `TierClientError.connectionClosed`.
    public func close() async {
        try? await channel.close().get()
        router.failAll(.connectionClosed)
    }

    // MARK: - Sending

    private func send<P: Encodable>(method: String, params: P) async throws -> JSONValue {
        let id = router.nextID()
        let bytes = try encode(id: .int(id), method: method, params: params)
        let router = self.router
        let channel = self.channel
        let timeout = options.requestTimeout
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                guard router.register(id, continuation) else { return }
                if Task.isCancelled {
                    router.complete(id, with: .failure(CancellationError()))
                    return
                }
                if let timeout {
                    let scheduled = channel.eventLoop.scheduleTask(in: TimeAmount(timeout)) {
                        _ = router.complete(id, with: .failure(TierClientError.timedOut("no reply to \(method) within \(timeout)")))
                    }
                    router.attach(timeout: scheduled, to: id)
                }
                channel.writeAndFlush(Self.line(bytes, allocator: channel.allocator)).whenFailure { error in
                    router.complete(id, with: .failure(Self.writeError(error)))
                }
            }
        } onCancel: {
            router.complete(id, with: .failure(CancellationError()))
        }
    }

    private func encode<P: Encodable>(id: RPCID?, method: String, params: P) throws(TierClientError) -> [UInt8] {
        let bytes: [UInt8]
        do {
            bytes = try RPCRequestEncoder.request(id: id, method: method, params: params)
        } catch {
            throw .encoding("cannot encode the params of \(method): \(error)")
        }
        guard bytes.count <= options.maxRequestBytes else {
            throw .requestTooLarge(bytes: bytes.count, limit: options.maxRequestBytes)
        }
        return bytes
    }

    private func write(_ bytes: [UInt8]) async throws {
        do {
            try await channel.writeAndFlush(Self.line(bytes, allocator: channel.allocator)).get()
        } catch {
            throw Self.writeError(error)
        }
    }

    private static func line(_ bytes: [UInt8], allocator: ByteBufferAllocator) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: bytes.count + 1)
        buffer.writeBytes(bytes)
        buffer.writeInteger(UInt8(ascii: "\n"))
        return buffer
    }

    private static func writeError(_ error: any Error) -> TierClientError {
        if let error = error as? TierClientError { return error }
        if let error = error as? ChannelError, error == .ioOnClosedChannel || error == .alreadyClosed {
            return .connectionClosed
        }
        return .connectionLost(String(describing: error))
    }
}
