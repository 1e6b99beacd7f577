/// One JSON-RPC 2.0 request or notification, as received.
public struct RPCRequest: Sendable, Hashable {
    /// The request id; nil for a notification (no `id` member), which gets no response.
    /// An explicit `"id": null` is `.null`, not nil.
    public var id: RPCID?
    /// The method name.
    public var method: String
    /// The params: an object, an array, or nil when the member was absent.
    public var params: JSONValue?

    /// A request; pass a nil `id` for a notification.
    public init(id: RPCID?, method: String, params: JSONValue? = nil) {
        self.id = id
        self.method = method
        self.params = params
    }

    /// Whether the request had no `id` member, so must not be answered.
    public var isNotification: Bool { id == nil }
}
