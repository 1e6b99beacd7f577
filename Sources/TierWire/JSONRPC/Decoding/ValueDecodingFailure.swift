/// A decoding failure with its path already formatted.
struct ValueDecodingFailure: Error {
    let path: String
    let message: String

    init(at path: ValuePath, _ message: String) {
        self.path = path.description
        self.message = message
    }

    /// "expected an integer, found a string".
    static func mismatch(expected: String, found value: JSONValue, at path: ValuePath) -> ValueDecodingFailure {
        ValueDecodingFailure(at: path, "expected \(expected), found \(JSONValueDescription.kind(of: value))")
    }

    /// A required member that is absent.
    static func missing(expected: String, at path: ValuePath) -> ValueDecodingFailure {
        ValueDecodingFailure(at: path, "expected \(expected), found nothing: the member is required")
    }

    /// An `RPCError` for a `DecodingError` thrown by a type's own `init(from:)`.
    static func rpcError(for error: DecodingError, root: String) -> RPCError {
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return .invalidParams(path: ValuePath.format(root: root, context.codingPath), context.debugDescription)
        case .keyNotFound(let key, let context):
            return .invalidParams(
                path: ValuePath.format(root: root, context.codingPath + [key]),
                "expected a value, found nothing: the member is required")
        @unknown default:
            return .invalidParams(path: root, "\(error)")
        }
    }
}
