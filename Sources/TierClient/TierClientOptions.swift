import TierWire

/// Tuning for a `TierClient` or `TierRawConnection`.
public struct TierClientOptions: Sendable {
    /// The longest reply line accepted; a longer one closes the connection with
    /// `TierClientError.replyTooLarge`. Default 16 MiB.
    public var maxReplyBytes: Int = 16 * 1_048_576
    /// The longest request line sent (without its `\n`); longer ones fail with
    /// `requestTooLarge` before they reach the daemon. Default 1 MiB, the daemon's
    /// default frame limit.
    public var maxRequestBytes: Int = 1_048_576
    /// How long `connect` waits for the connection (and TLS handshake to start).
    public var connectTimeout: Duration = .seconds(10)
    /// How long a call waits for its reply; nil waits as long as the connection lives.
    public var requestTimeout: Duration? = nil
    /// Sent as `client` in `session.hello`.
    public var clientName: String = "TierClient"
    /// Receives replies that match no pending call: those with a null or string
    /// id (e.g. `frame_too_large`, `parse_error`) and those to raw lines.
    public var onUnmatchedReply: (@Sendable (RPCReply) -> Void)? = nil
    /// Receives notifications the daemon pushes, such as `tasks.available` after
    /// `tasks.subscribe`.
    public var onNotification: (@Sendable (RPCRequest) -> Void)? = nil

    public init() {}
}
