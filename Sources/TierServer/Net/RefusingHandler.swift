import NIOCore
import TierWire

/// For a connection over the limit: once it is active, say `overloaded` and close.
final class RefusingHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    func channelActive(context: ChannelHandlerContext) {
        let line = RPCResponseEncoder.line(RPCResponseEncoder.failure(id: .null, error: .overloaded("too many connections")))
        let buffer = context.channel.allocator.buffer(bytes: line)
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(buffer)).whenComplete { _ in loopBound.value.close(promise: nil) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {}  // whatever it sends is not read
}
