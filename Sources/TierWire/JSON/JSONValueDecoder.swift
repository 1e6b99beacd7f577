/// Decodes `Decodable` types straight from a `JSONValue`, without re-serializing.
///
/// Every failure is an `RPCError` `invalid_params` whose `path` names the
/// offending member, like `params.customer_id` or `params.items[2].code`, and whose
/// message says what was expected and what was found ("expected an integer, found
/// a string"). Rules:
/// - `null` or an absent member for a non-optional is an error; optionals
///   (`decodeIfPresent`) take either as nil.
/// - Integers must be integral and in range for the target type; doubles accept
///   integers. No other conversions: a string is never a number, nor a number a string.
/// - Unknown extra members are ignored.
/// - `JSONValue` decodes as itself (an explicit `null` included).
public struct JSONValueDecoder: Sendable {
    /// A decoder; it holds no state, so one can be shared freely.
    public init() {}

    /// Decodes `type` from `value`; `path` names the root in error paths.
    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue, path: String = "params") throws(RPCError) -> T {
        do {
            return try ValueDecoder.decode(T.self, from: value, at: ValuePath(root: path))
        } catch let failure as ValueDecodingFailure {
            throw .invalidParams(path: failure.path, failure.message)
        } catch let error as RPCError {
            throw error
        } catch let error as DecodingError {
            throw ValueDecodingFailure.rpcError(for: error, root: path)
        } catch {
            throw .invalidParams(path: path, "\(error)")
        }
    }

    /// Decodes `type` from request params; absent params (nil) decode as `{}`.
    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue?, path: String = "params") throws(RPCError) -> T {
        try decode(type, from: value ?? .object([:]), path: path)
    }
}
