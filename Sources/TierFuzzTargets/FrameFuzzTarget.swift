import NIOCore
import NIOEmbedded
import TierWire

/// Fuzzes what a connection does with bytes off the socket: the line framer, then
/// the JSON-RPC parser on each line, with small limits so that every limit is hit.
///
/// The input's first byte picks the chunk size the bytes arrive in, so split lines
/// and split UTF-8 sequences are covered. Checked beyond not crashing: no frame is
/// longer than the limit, and every line parses to a message or an error.
public enum FrameFuzzTarget {
    static let limits = WireLimits(maxFrameBytes: 512, maxBatchSize: 8, maxNestingDepth: 16)

    public static func run(_ data: [UInt8]) {
        guard let first = data.first else { return }
        let chunk = Int(first % 64) + 1
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(LineFrameDecoder(maxFrameBytes: limits.maxFrameBytes)))
        defer { _ = try? channel.finish() }
        var offset = 1
        while offset < data.count {
            let end = min(offset + chunk, data.count)
            var buffer = channel.allocator.buffer(capacity: end - offset)
            buffer.writeBytes(data[offset..<end])
            _ = try? channel.writeInbound(buffer)
            offset = end
            while let frame = try? channel.readInbound(as: WireFrame.self) {
                check(frame)
            }
        }
    }

    private static func check(_ frame: WireFrame) {
        switch frame {
        case .oversized(let bytes):
            precondition(bytes > limits.maxFrameBytes, "an oversized notice for \(bytes) bytes")
        case .line(let line):
            precondition(line.readableBytes <= limits.maxFrameBytes, "a frame of \(line.readableBytes) bytes passed the limit")
            switch RPCMessageParser.parse(line, limits: limits) {
            case .failure, .single: break
            case .batch(let items): precondition(!items.isEmpty && items.count <= limits.maxBatchSize, "a batch of \(items.count)")
            }
        }
    }
}
