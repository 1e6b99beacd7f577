import Foundation
import NIOCore

/// Splits a byte stream into `\n`-terminated lines, capped at `maxFrameBytes`.
///
/// - A `\r` just before the `\n` is stripped; lines that are empty or hold only
///   spaces, tabs and `\r` are skipped.
/// - The cap is enforced while reading: once a line is known to exceed
///   `maxFrameBytes`, `.oversized(bytesSeenSoFar)` is sent once and every further
///   byte is dropped until the next `\n`, after which decoding resumes normally. Between
///   reads the decoder keeps at most `maxFrameBytes + 1` bytes, so a 100 MB line
///   streamed slowly costs one read's worth of memory beyond the limit.
/// - The search for `\n` is incremental: bytes already searched are not searched again.
/// - At end of input (`decodeLast`) complete lines are still emitted, but a partial
///   line without its `\n` is **discarded**: an unterminated frame is never a message.
public struct LineFrameDecoder: ByteToMessageDecoder, Sendable {
    public typealias InboundOut = WireFrame

    /// The longest line accepted, in bytes, without its terminator.
    public let maxFrameBytes: Int
    /// How many bytes at the front of the buffer are known to hold no `\n`.
    private var searched = 0
    /// Whether the rest of an oversized line is being dropped.
    private var discarding = false

    /// A decoder for lines of at most `maxFrameBytes` bytes (at least 1).
    public init(maxFrameBytes: Int) {
        precondition(maxFrameBytes > 0, "maxFrameBytes must be positive")
        self.maxFrameBytes = maxFrameBytes
    }

    /// Emits the next complete line (or oversize notice) from `buffer`, if there is one.
    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        if discarding { return skipRestOfOversizedLine(&buffer) }
        // A line of maxFrameBytes may be followed by "\r\n": look that far and no further.
        let window = min(buffer.readableBytes, maxFrameBytes + 2)
        guard let newline = Self.newline(in: buffer, from: searched, to: window) else {
            searched = window
            guard window == maxFrameBytes + 2 else { return .needMoreData }
            let seen = buffer.readableBytes
            buffer.moveReaderIndex(forwardBy: seen)
            searched = 0
            discarding = true
            context.fireChannelRead(wrapInboundOut(.oversized(seen)))
            return .needMoreData
        }
        searched = 0
        var length = newline
        if length > 0, buffer.getInteger(at: buffer.readerIndex + length - 1, as: UInt8.self) == UInt8(ascii: "\r") {
            length -= 1
        }
        if length > maxFrameBytes {
            buffer.moveReaderIndex(forwardBy: newline + 1)
            context.fireChannelRead(wrapInboundOut(.oversized(length)))
            return .continue
        }
        let line = buffer.readSlice(length: length)!
        buffer.moveReaderIndex(forwardBy: newline + 1 - length)
        if !Self.isBlank(line) {
            context.fireChannelRead(wrapInboundOut(.line(line)))
        }
        return .continue
    }

    /// Emits the remaining complete lines, then discards an unterminated tail.
    public mutating func decodeLast(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool
    ) throws -> DecodingState {
        if try decode(context: context, buffer: &buffer) == .continue { return .continue }
        buffer.moveReaderIndex(to: buffer.writerIndex)
        searched = 0
        discarding = false
        return .needMoreData
    }

    /// Drops bytes up to and including the next `\n`.
    private mutating func skipRestOfOversizedLine(_ buffer: inout ByteBuffer) -> DecodingState {
        guard let newline = Self.newline(in: buffer, from: 0, to: buffer.readableBytes) else {
            buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
            return .needMoreData
        }
        buffer.moveReaderIndex(forwardBy: newline + 1)
        discarding = false
        return .continue
    }

    /// The offset of the first `\n` in `start..<end` of the readable bytes.
    private static func newline(in buffer: ByteBuffer, from start: Int, to end: Int) -> Int? {
        guard start < end else { return nil }
        return buffer.withUnsafeReadableBytes { bytes -> Int? in
            guard let base = bytes.baseAddress,
                let found = memchr(base + start, Int32(UInt8(ascii: "\n")), end - start)
            else { return nil }
            return base.distance(to: UnsafeRawPointer(found))
        }
    }

    /// Whether a line holds nothing but spaces, tabs and carriage returns.
    private static func isBlank(_ line: ByteBuffer) -> Bool {
        line.readableBytesView.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }
}
