import NIOCore
import NIOHTTP1

/// Serves ``ObservabilityEndpoint`` over HTTP/1.1: one request at a time per
/// connection (NIO's pipelining handler holds the next until this one is answered).
/// A body is kept up to `maxBodyBytes` (only `POST /rpc` reads one); past that
/// the rest is dropped and the route sees the oversized count. A connection silent
/// past the idle limit is closed. A request counts as in flight in `connections`
/// until its answer is written, so a graceful shutdown waits for it.
final class ObservabilityHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let endpoint: ObservabilityEndpoint
    private let maxBodyBytes: Int
    private let connections: ConnectionTracker
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    private var bodyBytes = 0

    init(endpoint: ObservabilityEndpoint, maxBodyBytes: Int, connections: ConnectionTracker) {
        self.endpoint = endpoint
        self.maxBodyBytes = maxBodyBytes
        self.connections = connections
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
            bodyBytes = 0
        case .body(let chunk):
            bodyBytes += chunk.readableBytes
            // One byte past the limit is enough for the route to refuse it.
            if body.count <= maxBodyBytes { body += chunk.readableBytesView.prefix(maxBodyBytes + 1 - body.count) }
        case .end:
            guard let head else { return }
            self.head = nil
            let endpoint = self.endpoint
            let received = body
            body = []
            let address = context.channel.remoteAddress?.ipAddress ?? "unknown"
            let connections = self.connections
            connections.requestStarted()
            context.eventLoop.makeFutureWithTask {
                await endpoint.reply(
                    method: head.method.rawValue, target: head.uri, authorization: head.headers["Authorization"].first,
                    body: received, address: address)
            }.assumeIsolated().whenSuccess { [weak self] reply in
                // Written before it stops counting: shutdown closes the connection after.
                self?.write(reply, for: head, context)
                connections.requestFinished()
            }
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent {
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    private func write(_ reply: HTTPReply, for request: HTTPRequestHead, _ context: ChannelHandlerContext) {
        var headers = HTTPHeaders([("Content-Type", reply.contentType), ("Content-Length", "\(reply.body.count)")])
        for (name, value) in reply.headers.sorted(by: { $0.key < $1.key }) { headers.add(name: name, value: value) }
        let keepAlive = request.isKeepAlive
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        let head = HTTPResponseHead(version: request.version, status: HTTPResponseStatus(statusCode: reply.status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if request.method != .HEAD {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: reply.body)))), promise: nil)
        }
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            done.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
    }
}
