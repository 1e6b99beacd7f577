import NIOCore
import NIOEmbedded
import TierWire

// Shared helpers for the TierWire tests.

/// A channel that frames its inbound bytes with `LineFrameDecoder`.
func framingChannel(maxFrameBytes: Int) -> EmbeddedChannel {
    EmbeddedChannel(handler: ByteToMessageHandler(LineFrameDecoder(maxFrameBytes: maxFrameBytes)))
}

/// Every frame the channel has passed on so far.
func readFrames(_ channel: EmbeddedChannel) throws -> [WireFrame] {
    var frames: [WireFrame] = []
    while let frame = try channel.readInbound(as: WireFrame.self) { frames.append(frame) }
    return frames
}

/// A `.line` frame holding `text`.
func line(_ text: String) -> WireFrame { .line(ByteBuffer(string: text)) }

/// Parses `text` as one inbound frame with default (or given) limits.
func parse(_ text: String, limits: WireLimits = WireLimits()) -> RPCInbound {
    RPCMessageParser.parse(ByteBuffer(string: text), limits: limits)
}

/// A request line with the given id and params JSON texts (nil leaves the member out).
func requestText(id: String? = "1", method: String = "health.check", params: String? = nil) -> String {
    var members = [#""jsonrpc":"2.0""#]
    if let id { members.append(#""id":\#(id)"#) }
    members.append(#""method":"\#(method)""#)
    if let params { members.append(#""params":\#(params)"#) }
    return "{" + members.joined(separator: ",") + "}"
}

extension RPCInbound {
    var failure: RPCError? {
        guard case .failure(let error) = self else { return nil }
        return error
    }

    var single: RPCParsed? {
        guard case .single(let parsed) = self else { return nil }
        return parsed
    }

    var batch: [RPCParsed]? {
        guard case .batch(let items) = self else { return nil }
        return items
    }
}

extension RPCParsed {
    var request: RPCRequest? {
        guard case .request(let request) = self else { return nil }
        return request
    }

    /// The id and error of an invalid element.
    var invalid: (id: RPCID?, error: RPCError)? {
        guard case .invalid(let id, let error) = self else { return nil }
        return (id, error)
    }
}

extension Array where Element == UInt8 {
    var text: String { String(decoding: self, as: UTF8.self) }
}
