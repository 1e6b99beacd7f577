/// What `RPCMessageParser` made of one frame.
public enum RPCInbound: Sendable {
    /// A single request object (valid or not).
    case single(RPCParsed)
    /// A batch array: one entry per element, in order. Never empty.
    case batch([RPCParsed])
    /// The whole frame is unusable (not UTF-8, not JSON, too deep, an empty or
    /// oversized batch, not an object or array): answer once, with id `null`.
    case failure(RPCError)
}
