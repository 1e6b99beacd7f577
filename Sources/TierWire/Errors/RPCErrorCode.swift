/// Every error code of protocol v1: the JSON-RPC 2.0 standard codes and tierd's
/// application codes. The numeric code goes in `error.code`, the name in
/// `error.data.code`; clients should branch on the name.
public enum RPCErrorCode: String, Sendable, CaseIterable, Codable {
    // JSON-RPC 2.0.
    case parseError = "parse_error"
    case invalidRequest = "invalid_request"
    case methodNotFound = "method_not_found"
    case invalidParams = "invalid_params"
    case internalError = "internal_error"
    // tierd.
    case unauthenticated
    case forbidden
    case notFound = "not_found"
    case notEntitled = "not_entitled"
    case conflict
    case unavailable
    case overloaded
    case frameTooLarge = "frame_too_large"
    case policyInvalid = "policy_invalid"

    /// The numeric JSON-RPC code.
    public var number: Int {
        switch self {
        case .parseError: -32700
        case .invalidRequest: -32600
        case .methodNotFound: -32601
        case .invalidParams: -32602
        case .internalError: -32603
        case .unauthenticated: -32001
        case .forbidden: -32002
        case .notFound: -32003
        case .notEntitled: -32004
        case .conflict: -32005
        case .unavailable: -32006
        case .overloaded: -32007
        case .frameTooLarge: -32008
        case .policyInvalid: -32009
        }
    }

    /// The code with a numeric value, if any.
    public init?(number: Int) {
        guard let code = Self.allCases.first(where: { $0.number == number }) else { return nil }
        self = code
    }
}
