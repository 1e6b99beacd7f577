/// One JSON-RPC 2.0 response, as a client receives it.
public struct RPCReply: Sendable, Equatable {
    /// The id of the request it answers; `.null` for errors about unreadable frames.
    public var id: RPCID
    /// The `result` member, or the `error` member decoded.
    public var outcome: Result<JSONValue, RPCError>

    /// A reply to the request with `id`.
    public init(id: RPCID, outcome: Result<JSONValue, RPCError>) {
        self.id = id
        self.outcome = outcome
    }
}
