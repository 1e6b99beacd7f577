import NIOCore

/// Closes a connection that stays silent too long (no bytes either way for the
/// idle timeout) or that starts a line and does not finish it within the read
/// timeout (slow-loris clients). It sits before the frame decoder and sees raw bytes.
final class ConnectionTimeoutHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let idleTimeout: TimeAmount
    private let readTimeout: TimeAmount
    private var idleTimer: Scheduled<Void>?
    private var partialLineTimer: Scheduled<Void>?
    /// Whether the bytes read so far end inside a line.
    private var lineOpen = false

    init(idleTimeout: TimeAmount, readTimeout: TimeAmount) {
        self.idleTimeout = idleTimeout
        self.readTimeout = readTimeout
    }

    func channelActive(context: ChannelHandlerContext) {
        armIdle(context)
        context.fireChannelActive()
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { armIdle(context) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        idleTimer?.cancel()
        partialLineTimer?.cancel()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        armIdle(context)
        let bytes = buffer.readableBytesView
        if bytes.last == UInt8(ascii: "\n") {
            lineOpen = false
            partialLineTimer?.cancel()
            partialLineTimer = nil
        } else if !bytes.isEmpty {
            // A newline inside means the open line ended and a new one began here: the
            // clock restarts for it. (Without one, the same line goes on: a client that
            // dribbles a line must not keep resetting its clock.)
            if bytes.contains(UInt8(ascii: "\n")) {
                partialLineTimer?.cancel()
                partialLineTimer = nil
            }
            lineOpen = true
            if partialLineTimer == nil, context.channel.isWritable {
                partialLineTimer = schedule(context, after: readTimeout)
            }
        }
        context.fireChannelRead(data)
    }

    /// While the socket is unwritable the daemon stops reading (back-pressure), so an
    /// unfinished line is then the daemon's doing, not a stalling client's: the read
    /// timeout pauses, and starts afresh once the daemon reads again.
    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            if lineOpen, partialLineTimer == nil { partialLineTimer = schedule(context, after: readTimeout) }
        } else {
            partialLineTimer?.cancel()
            partialLineTimer = nil
        }
        context.fireChannelWritabilityChanged()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        armIdle(context)
        context.write(data, promise: promise)
    }

    private func armIdle(_ context: ChannelHandlerContext) {
        idleTimer?.cancel()
        idleTimer = schedule(context, after: idleTimeout)
    }

    private func schedule(_ context: ChannelHandlerContext, after delay: TimeAmount) -> Scheduled<Void> {
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        return context.eventLoop.scheduleTask(in: delay) {
            loopBound.value.close(promise: nil)
        }
    }
}
