/// A JSON-RPC request id: a JSON integer, a string, or `null`.
public enum RPCID: Sendable, Hashable, Codable, CustomStringConvertible {
    case int(Int64)
    case string(String)
    /// An explicit `"id": null`. A request carrying it is not a notification; it is
    /// also the id of error responses to frames whose id could not be read.
    case null

    /// Decodes a JSON integer, string or null; anything else is a `typeMismatch`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Int64.self) {
            self = .int(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else {
            throw DecodingError.typeMismatch(
                RPCID.self,
                .init(codingPath: decoder.codingPath, debugDescription: "an id must be an integer, a string or null"))
        }
    }

    /// Encodes the bare JSON number, string or null.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .int(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }

    /// The id as it appears in JSON, e.g. `7`, `"a"` or `null`.
    public var description: String {
        String(decoding: JSONByteWriter.bytes(of: self), as: UTF8.self)
    }
}

extension RPCID: ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    /// An integer id.
    public init(integerLiteral value: Int64) { self = .int(value) }
    /// A string id.
    public init(stringLiteral value: String) { self = .string(value) }
}
