import NIOCore
import TierWire

/// The inbound end of a `TierRawConnection`: queues each framed line as bytes.
final class RawLineHandler: ChannelInboundHandler {
    typealias InboundIn = WireFrame

    private let queue: RawLineQueue
    private let maxLineBytes: Int

    init(queue: RawLineQueue, maxLineBytes: Int) {
        self.queue = queue
        self.maxLineBytes = maxLineBytes
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .line(var buffer):
            queue.push(.success(buffer.readBytes(length: buffer.readableBytes) ?? []))
        case .oversized:
            queue.push(.failure(.replyTooLarge(limit: maxLineBytes)))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        queue.close()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
