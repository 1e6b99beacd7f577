/// A failure of the connection or the client, as opposed to an error reply from
/// the daemon (which is an `RPCError`).
public enum TierClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The connection could not be opened.
    case connectFailed(address: String, reason: String)
    /// The connection closed (or was closed) while calls were pending, or before a call.
    case connectionClosed
    /// The connection failed (reset, broken pipe, ...); pending calls fail with this.
    case connectionLost(String)
    /// A reply line longer than the client's limit arrived; the connection was closed.
    case replyTooLarge(limit: Int)
    /// A request longer than the client's limit was not sent.
    case requestTooLarge(bytes: Int, limit: Int)
    /// The daemon sent something that is not a JSON-RPC 2.0 reply; the connection was closed.
    case invalidReply(String)
    /// No reply within the timeout.
    case timedOut(String)
    /// TLS could not be set up or failed.
    case tls(String)
    /// The request's params could not be encoded, or the result not decoded.
    case encoding(String)

    /// A short machine-readable name, like the daemon's error codes:
    /// `connect_failed`, `connection_closed`, `connection_lost`, `reply_too_large`,
    /// `request_too_large`, `invalid_reply`, `timed_out`, `tls` or `encoding`.
    public var code: String {
        switch self {
        case .connectFailed: "connect_failed"
        case .connectionClosed: "connection_closed"
        case .connectionLost: "connection_lost"
        case .replyTooLarge: "reply_too_large"
        case .requestTooLarge: "request_too_large"
        case .invalidReply: "invalid_reply"
        case .timedOut: "timed_out"
        case .tls: "tls"
        case .encoding: "encoding"
        }
    }

    public var description: String {
        switch self {
        case .connectFailed(let address, let reason): "cannot connect to \(address): \(reason)"
        case .connectionClosed: "the connection to tierd closed"
        case .connectionLost(let reason): "the connection to tierd failed: \(reason)"
        case .replyTooLarge(let limit): "a reply was longer than the client's limit of \(limit) bytes; connection closed"
        case .requestTooLarge(let bytes, let limit): "the request is \(bytes) bytes, more than the limit of \(limit)"
        case .invalidReply(let reason): "invalid reply from tierd: \(reason)"
        case .timedOut(let what): "timed out: \(what)"
        case .tls(let reason): reason
        case .encoding(let reason): reason
        }
    }
}
