import NIOCore
import TierWire

/// The inbound end of a `TierClient` connection: takes framed reply lines, parses
/// them (single replies and batch arrays) and completes the matching calls.
final class ReplyHandler: ChannelInboundHandler {
    typealias InboundIn = WireFrame

    private let router: ReplyRouter
    private let maxReplyBytes: Int
    private let onUnmatchedReply: (@Sendable (RPCReply) -> Void)?
    private let onNotification: (@Sendable (RPCRequest) -> Void)?

    init(
        router: ReplyRouter, maxReplyBytes: Int, onUnmatchedReply: (@Sendable (RPCReply) -> Void)?,
        onNotification: (@Sendable (RPCRequest) -> Void)? = nil
    ) {
        self.router = router
        self.maxReplyBytes = maxReplyBytes
        self.onUnmatchedReply = onUnmatchedReply
        self.onNotification = onNotification
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .line(let line):
            let replies: [RPCReply]
            do {
                replies = try RPCReplyParser.parse(line)
            } catch {
                // Not a reply: a notification the daemon pushed (e.g. tasks.available)?
                if case .single(.request(let pushed)) = RPCMessageParser.parse(line, limits: WireLimits(maxFrameBytes: maxReplyBytes)),
                   pushed.isNotification {
                    onNotification?(pushed)
                    return
                }
                fail(context, .invalidReply(error.message))
                return
            }
            for reply in replies { route(reply) }
        case .oversized:
            // The reply's id is lost with it, so its call can never complete.
            fail(context, .replyTooLarge(limit: maxReplyBytes))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        router.failAll(.connectionClosed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(context, Self.clientError(for: error))
    }

    private func route(_ reply: RPCReply) {
        if case .int(let id) = reply.id,
            router.complete(id, with: reply.outcome.mapError { $0 as any Error })
        {
            return
        }
        onUnmatchedReply?(reply)
    }

    private func fail(_ context: ChannelHandlerContext, _ error: TierClientError) {
        router.failAll(error)
        context.close(promise: nil)
    }

    static func clientError(for error: any Error) -> TierClientError {
        if let error = error as? TierClientError { return error }
        let text = String(describing: error)
        if text.contains("CERTIFICATE_VERIFY_FAILED") || text.contains("failedToValidateHostname") {
            return .tls("TLS: the server's certificate did not verify (wrong CA file or server name?): \(text)")
        }
        if text.contains("SSL") || text.contains("TLS") || text.contains("handshake") { return .tls("TLS failed: \(text)") }
        return .connectionLost(text)
    }
}
