/// Checks one request object against JSON-RPC 2.0.
///
/// A request is an object with `"jsonrpc": "2.0"`, a string `method`, an `id` that is
/// absent (a notification), an integer, a string or null, and `params` absent, an
/// object or an array. Unknown members are ignored. A bad element keeps its id
/// when the id itself is usable.
enum RPCRequestValidator {
    static func validate(_ value: JSONValue) -> RPCParsed {
        guard case .object(let members) = value else {
            return .invalid(id: nil, error: .invalidRequest(
                "a request must be a JSON object, found \(JSONValueDescription.kind(of: value))"))
        }
        let id: RPCID?
        switch members["id"] {
        case nil: id = nil
        case .int(let number)?: id = .int(number)
        case .string(let text)?: id = .string(text)
        case .null?: id = .null
        case let other?:
            return .invalid(id: nil, error: .invalidRequest(
                "id must be an integer, a string or null, found \(JSONValueDescription.kind(of: other))"))
        }
        guard members["jsonrpc"] == .string("2.0") else {
            return .invalid(id: id, error: .invalidRequest(#"jsonrpc must be "2.0""#))
        }
        guard case .string(let method)? = members["method"] else {
            let found = members["method"].map(JSONValueDescription.kind(of:)) ?? "nothing"
            return .invalid(id: id, error: .invalidRequest("method must be a string, found \(found)"))
        }
        let params = members["params"]
        switch params {
        case nil, .object?, .array?:
            return .request(RPCRequest(id: id, method: method, params: params))
        case let other?:
            return .invalid(id: id, error: .invalidRequest(
                "params must be an object or an array, found \(JSONValueDescription.kind(of: other))"))
        }
    }
}
