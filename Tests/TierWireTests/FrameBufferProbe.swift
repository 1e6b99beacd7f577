import NIOCore
import TierWire

/// Records how many bytes the framing handler hands `LineFrameDecoder` and how
/// many it leaves buffered between reads.
final class FrameBufferProbe {
    /// The most bytes offered to the decoder in one call.
    var mostOffered = 0
    /// The most bytes left in the handler's buffer when the decoder asked for more data.
    var mostRetained = 0
    /// The largest storage capacity of the handler's buffer seen.
    var largestCapacity = 0
}

/// `LineFrameDecoder` wrapped so a test can watch the handler's buffer.
struct ProbingLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = WireFrame

    var inner: LineFrameDecoder
    let probe: FrameBufferProbe

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        probe.mostOffered = max(probe.mostOffered, buffer.readableBytes)
        probe.largestCapacity = max(probe.largestCapacity, buffer.storageCapacity)
        let state = try inner.decode(context: context, buffer: &buffer)
        if state == .needMoreData { probe.mostRetained = max(probe.mostRetained, buffer.readableBytes) }
        return state
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        try inner.decodeLast(context: context, buffer: &buffer, seenEOF: seenEOF)
    }
}
