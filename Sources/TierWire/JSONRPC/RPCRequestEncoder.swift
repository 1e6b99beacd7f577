/// Builds JSON-RPC 2.0 request bodies (client side), without the trailing newline
/// (see `RPCResponseEncoder.line(_:)`).
public enum RPCRequestEncoder {
    /// `{"jsonrpc":"2.0","id":...,"method":...,"params":...}`; with a nil `id` it is
    /// a notification and has no `id` member. Params that encode as `null` (a nil
    /// optional) are left out; params must otherwise encode as an object or array,
    /// else this throws `RPCError` `invalid_params`.
    public static func request<P: Encodable>(id: RPCID?, method: String, params: P) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(128)
        out.append(contentsOf: #"{"jsonrpc":"2.0","#.utf8)
        if let id {
            out.append(contentsOf: #""id":"#.utf8)
            JSONByteWriter.write(id, into: &out)
            out.append(UInt8(ascii: ","))
        }
        out.append(contentsOf: #""method":"#.utf8)
        JSONByteWriter.write(method, into: &out)
        var encoded: [UInt8] = []
        try SharedJSONEncoder.append(params, to: &encoded)
        switch encoded.first {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            out.append(contentsOf: #","params":"#.utf8)
            out.append(contentsOf: encoded)
        case UInt8(ascii: "n"):
            break
        default:
            throw RPCError.invalidParams(path: "params", "params must encode as a JSON object or array")
        }
        out.append(UInt8(ascii: "}"))
        return out
    }
}
