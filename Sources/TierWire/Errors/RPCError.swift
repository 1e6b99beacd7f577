/// A protocol error: what goes in a JSON-RPC error response.
///
/// On the wire: `{"code": -32004, "message": "...", "data": {"code": "not_entitled", ...}}`.
/// `data` always carries the code's name; `path` names the offending field for
/// `invalid_params`, and `reason` explains `not_entitled`.
public struct RPCError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: RPCErrorCode
    public var message: String
    /// Extra members of `error.data` besides `code`.
    public var data: [String: JSONValue]

    public init(_ code: RPCErrorCode, _ message: String, data: [String: JSONValue] = [:]) {
        self.code = code
        self.message = message
        self.data = data
    }

    public var description: String { "\(code.rawValue): \(message)" }

    /// The `path` member, for `invalid_params`.
    public var path: String? {
        guard case .string(let path)? = data["path"] else { return nil }
        return path
    }

    public static func parseError(_ message: String) -> RPCError { RPCError(.parseError, message) }
    public static func invalidRequest(_ message: String) -> RPCError { RPCError(.invalidRequest, message) }
    public static func methodNotFound(_ method: String) -> RPCError {
        RPCError(.methodNotFound, "no method named '\(method)'", data: ["method": .string(method)])
    }
    /// Params that do not fit; `path` is like `params.customer_id` or `params.items[2].code`.
    public static func invalidParams(path: String, _ message: String) -> RPCError {
        RPCError(.invalidParams, message, data: ["path": .string(path)])
    }
    public static func internalError(_ message: String) -> RPCError { RPCError(.internalError, message) }
    public static func unauthenticated(_ message: String) -> RPCError { RPCError(.unauthenticated, message) }
    public static func forbidden(_ message: String) -> RPCError { RPCError(.forbidden, message) }
    public static func notFound(_ message: String) -> RPCError { RPCError(.notFound, message) }
    public static func notEntitled(_ reason: String) -> RPCError {
        RPCError(.notEntitled, "not entitled: \(reason)", data: ["reason": .string(reason)])
    }
    public static func conflict(_ message: String) -> RPCError { RPCError(.conflict, message) }
    public static func unavailable(_ message: String) -> RPCError { RPCError(.unavailable, message) }
    public static func overloaded(_ message: String) -> RPCError { RPCError(.overloaded, message) }
}

extension RPCError: Codable {
    private enum CodingKeys: String, CodingKey { case code, message, data }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let number = try container.decode(Int.self, forKey: .code)
        message = try container.decode(String.self, forKey: .message)
        var data = (try container.decodeIfPresent([String: JSONValue].self, forKey: .data)) ?? [:]
        if case .string(let name)? = data["code"], let named = RPCErrorCode(rawValue: name) {
            code = named
        } else {
            code = RPCErrorCode(number: number) ?? .internalError
        }
        data["code"] = nil
        self.data = data
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code.number, forKey: .code)
        try container.encode(message, forKey: .message)
        var members = data
        members["code"] = .string(code.rawValue)
        try container.encode(members, forKey: .data)
    }
}
