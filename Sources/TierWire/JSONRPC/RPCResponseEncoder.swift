/// Builds JSON-RPC 2.0 response bodies (server side).
///
/// Bodies have no trailing newline: use `line(_:)`, or append `\n` when writing
/// (as the connection handler does). Output is compact and `/` is not escaped.
/// The envelope is spliced around the encoded result, never re-encoded.
public enum RPCResponseEncoder {
    /// `{"jsonrpc":"2.0","id":...,"result":...}`. Throws what `JSONEncoder` throws for `result`.
    public static func success<R: Encodable>(id: RPCID, result: R) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(128)
        out.append(contentsOf: #"{"jsonrpc":"2.0","id":"#.utf8)
        JSONByteWriter.write(id, into: &out)
        out.append(contentsOf: #","result":"#.utf8)
        try SharedJSONEncoder.append(result, to: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// The JSON of a result, as `success(id:result:)` would write it; encode once and
    /// splice with `success(id:resultJSON:)` when the same bytes are also kept
    /// elsewhere (the decision log).
    public static func resultJSON<R: Encodable>(_ result: R) throws -> [UInt8] {
        var out: [UInt8] = []
        try SharedJSONEncoder.append(result, to: &out)
        return out
    }

    /// `{"jsonrpc":"2.0","id":...,"result":...}` around a result already encoded.
    public static func success(id: RPCID, resultJSON: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(resultJSON.count + 48)
        out.append(contentsOf: #"{"jsonrpc":"2.0","id":"#.utf8)
        JSONByteWriter.write(id, into: &out)
        out.append(contentsOf: #","result":"#.utf8)
        out.append(contentsOf: resultJSON)
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// `{"jsonrpc":"2.0","id":...,"error":{"code":-32xxx,"message":...,"data":{"code":"name",...}}}`.
    public static func failure(id: RPCID, error: RPCError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(128)
        out.append(contentsOf: #"{"jsonrpc":"2.0","id":"#.utf8)
        JSONByteWriter.write(id, into: &out)
        out.append(contentsOf: #","error":"#.utf8)
        JSONByteWriter.write(error, into: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// A batch response: the already-encoded responses as one JSON array.
    public static func batch(_ elements: [[UInt8]]) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "[")]
        out.reserveCapacity(elements.reduce(2) { $0 + $1.count + 1 })
        for (index, element) in elements.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: element)
        }
        out.append(UInt8(ascii: "]"))
        return out
    }

    /// `body` followed by the `\n` that ends a frame.
    public static func line(_ body: [UInt8]) -> [UInt8] {
        var out = body
        out.append(UInt8(ascii: "\n"))
        return out
    }
}
