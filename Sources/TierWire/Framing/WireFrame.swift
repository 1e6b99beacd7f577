import NIOCore

/// What `LineFrameDecoder` passes on: a complete line, or notice that a line was
/// too long and is being thrown away.
public enum WireFrame: Sendable, Equatable {
    /// One line's bytes, without its `\n` terminator or a `\r` before it.
    case line(ByteBuffer)
    /// A line grew past the limit after this many bytes. It is sent once per
    /// oversized line; the rest of that line, up to its `\n`, is discarded.
    case oversized(Int)
}
