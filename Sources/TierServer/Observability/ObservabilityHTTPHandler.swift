import NIOCore
import NIOHTTP1

/// Serves ``ObservabilityEndpoint`` over HTTP/1.1: one request at a time per
/// connection (NIO's pipelining handler holds the next until this one is answered).
/// Request bodies are not read: no route takes one. A connection silent past the
/// idle limit is closed.
final class ObservabilityHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let endpoint: ObservabilityEndpoint
    private var head: HTTPRequestHead?

    init(endpoint: ObservabilityEndpoint) {
        self.endpoint = endpoint
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): self.head = head
        case .body: break
        case .end:
            guard let head else { return }
            self.head = nil
            let endpoint = self.endpoint
            context.eventLoop.makeFutureWithTask {
                await endpoint.reply(method: head.method.rawValue, target: head.uri)
            }.assumeIsolated().whenSuccess { [weak self] reply in
                self?.write(reply, for: head, context)
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
