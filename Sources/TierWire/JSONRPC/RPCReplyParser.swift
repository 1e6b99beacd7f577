import NIOCore

/// Reads response lines (client side): one response object, or a batch array of them.
///
/// A response must be an object with `"jsonrpc": "2.0"`, an `id` member (integer,
/// string or null) and exactly one of `result` and `error`; `error` must have an
/// integer `code` and a string `message`. The error's name in `data.code` wins over
/// the number; an unknown code becomes `internal_error`. Anything else throws
/// `RPCError` `parse_error`. Nesting deeper than 512 levels is refused unparsed.
public enum RPCReplyParser {
    /// How deep a reply may nest before it is refused.
    static let maxNestingDepth = 512

    /// Parses one reply line (without its terminator).
    public static func parse(_ line: ByteBuffer) throws(RPCError) -> [RPCReply] {
        try line.withUnsafeReadableBytes { (bytes) throws(RPCError) -> [RPCReply] in try parse(bytes) }
    }

    /// Parses one reply line held in `line`.
    public static func parse(_ line: [UInt8]) throws(RPCError) -> [RPCReply] {
        let outcome = line.withUnsafeBytes { bytes in
            Result { () throws(RPCError) -> [RPCReply] in try parse(bytes) }
        }
        return try outcome.get()
    }

    private static func parse(_ bytes: UnsafeRawBufferPointer) throws(RPCError) -> [RPCReply] {
        switch JSONShapeScanner.scan(bytes, maxDepth: maxNestingDepth) {
        case .nulByte: throw .parseError("the reply is not valid JSON: it contains a NUL byte")
        case .tooDeep: throw .parseError("the reply is nested more than \(maxNestingDepth) levels deep")
        case .shape: break
        }
        switch try FoundationJSONReader.read(bytes, what: "the reply") {
        case .array(let elements):
            guard !elements.isEmpty else { throw .parseError("the reply is an empty batch") }
            var replies: [RPCReply] = []
            replies.reserveCapacity(elements.count)
            for (index, element) in elements.enumerated() {
                replies.append(try reply(element, at: "reply[\(index)]"))
            }
            return replies
        case let value:
            return [try reply(value, at: "reply")]
        }
    }

    private static func reply(_ value: JSONValue, at place: String) throws(RPCError) -> RPCReply {
        guard case .object(let members) = value else {
            throw .parseError("\(place) must be an object, found \(JSONValueDescription.kind(of: value))")
        }
        guard members["jsonrpc"] == .string("2.0") else { throw .parseError(#"\#(place) lacks "jsonrpc": "2.0""#) }
        let id: RPCID
        switch members["id"] {
        case .int(let number)?: id = .int(number)
        case .string(let text)?: id = .string(text)
        case .null?: id = .null
        case nil: throw .parseError("\(place) has no id")
        case let other?: throw .parseError("\(place) has an invalid id: \(JSONValueDescription.kind(of: other))")
        }
        switch (members["result"], members["error"]) {
        case (let result?, nil):
            return RPCReply(id: id, outcome: .success(result))
        case (nil, let error?):
            return RPCReply(id: id, outcome: .failure(try decodeError(error, at: place)))
        default:
            throw .parseError("\(place) must have exactly one of result and error")
        }
    }

    private static func decodeError(_ value: JSONValue, at place: String) throws(RPCError) -> RPCError {
        do {
            return try JSONValueDecoder().decode(RPCError.self, from: value, path: "\(place).error")
        } catch {
            throw .parseError("\(error.path ?? place) is malformed: \(error.message)")
        }
    }
}
