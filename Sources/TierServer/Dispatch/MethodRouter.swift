import TierWire

/// Method name → handler. A handler decodes its params, runs, and encodes its
/// result as a complete JSON-RPC response for the request's id.
public struct MethodRouter: Sendable {
    public typealias Handler = @Sendable (_ params: JSONValue?, _ principal: Principal, _ id: RPCID) async throws -> [UInt8]

    private var handlers: [String: Handler] = [:]

    public init() {}

    /// Registers a method's implementation.
    public mutating func register<M: RPCMethod>(
        _ method: M.Type, _ body: @escaping @Sendable (M.Params, Principal) async throws -> M.Result
    ) {
        handlers[M.name] = { params, principal, id in
            let decoded = try JSONValueDecoder().decode(M.Params.self, from: params)
            let result = try await body(decoded, principal)
            return try RPCResponseEncoder.success(id: id, result: result)
        }
    }

    /// Registers a method whose body returns its result already encoded as JSON (e.g.
    /// `EntitlementsGet.Result.json`), spliced into the response as is.
    public mutating func registerEncoded<M: RPCMethod>(
        _ method: M.Type, _ body: @escaping @Sendable (M.Params, Principal) async throws -> [UInt8]
    ) {
        handlers[M.name] = { params, principal, id in
            let decoded = try JSONValueDecoder().decode(M.Params.self, from: params)
            return RPCResponseEncoder.success(id: id, resultJSON: try await body(decoded, principal))
        }
    }

    /// The handler for a method, if registered.
    public func handler(for method: String) -> Handler? { handlers[method] }

    /// Registered method names.
    public var methods: [String] { handlers.keys.sorted() }
}
