/// One message of an inbound frame (the frame itself, or one element of a batch).
public enum RPCParsed: Sendable {
    /// A well-formed request or notification.
    case request(RPCRequest)
    /// Not a valid request. Answer with `error` and `id`, or with id `null` when
    /// `id` is nil (the element had no usable id). Invalid elements are answered
    /// even when they lack an id.
    case invalid(id: RPCID?, error: RPCError)
}
