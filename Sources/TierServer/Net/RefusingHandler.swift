import NIOCore
import TierWire

/// For a connection over a listener's limit: once it is active, write one answer
/// and close, without reading what the client sends.
final class RefusingHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// The protocol's refusal: one `overloaded` response line with `id: null`.
    static let protocolAnswer = RPCResponseEncoder.line(
        RPCResponseEncoder.failure(id: .null, error: .overloaded("too many connections")))

    /// The HTTP endpoint's refusal: `503` with `Retry-After: 1` and `Connection: close`.
    static let httpAnswer: [UInt8] = {
        let body = "too many connections\n"
        return Array((
            "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: \(body.utf8.count)\r\nRetry-After: 1\r\nConnection: close\r\n\r\n" + body
        ).utf8)
    }()

    private let answer: [UInt8]

    init(answer: [UInt8]) {
        self.answer = answer
    }

    func channelActive(context: ChannelHandlerContext) {
        let buffer = context.channel.allocator.buffer(bytes: answer)
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(buffer)).whenComplete { _ in loopBound.value.close(promise: nil) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {}  // whatever it sends is not read
}
