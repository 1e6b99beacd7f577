import Foundation
import TierWire

/// `POST /rpc`: protocol v1's JSON-RPC over HTTP, for clients that prefer it to a
/// socket. Each HTTP request carries one JSON-RPC request or batch in its body and
/// authenticates itself with `Authorization: Bearer <token>` (there is no session,
/// so no `session.hello`, and no `tasks.subscribe`, which needs a connection). Roles,
/// methods, params and errors are those of the socket protocol; tested without sockets.
public struct HTTPRPCBridge: Sendable {
    /// The `Content-Type` of JSON-RPC answers.
    public static let contentType = "application/json"

    let dispatcher: RequestDispatcher
    let limits: WireLimits

    public init(dispatcher: RequestDispatcher, limits: WireLimits) {
        self.dispatcher = dispatcher
        self.limits = limits
    }

    /// The answer to a body sent with `authorization` from `address`: 200 with the
    /// JSON-RPC response (errors included), 204 when every call was a notification,
    /// 401 without a good bearer token, 413 for a body over `limits.maxFrameBytes`.
    public func reply(authorization: String?, body: [UInt8], address: String) async -> HTTPReply {
        guard body.count <= limits.maxFrameBytes else {
            return json(413, RPCResponseEncoder.failure(
                id: .null, error: RPCError(.frameTooLarge, "body of \(body.count) bytes exceeds the limit of \(limits.maxFrameBytes)")))
        }
        guard let token = Self.bearerToken(authorization) else {
            return json(401, RPCResponseEncoder.failure(id: .null, error: .unauthenticated("send Authorization: Bearer <token>")),
                        headers: ["WWW-Authenticate": #"Bearer realm="tierd""#])
        }
        let principal: Principal
        do {
            switch try await dispatcher.authenticate(token: token, from: address) {
            case .success(let known): principal = known
            case .failure(let error):
                return json(401, RPCResponseEncoder.failure(id: .null, error: error), headers: ["WWW-Authenticate": #"Bearer realm="tierd""#])
            }
        } catch {
            return json(503, RPCResponseEncoder.failure(id: .null, error: .unavailable("the token could not be checked")))
        }
        switch RPCMessageParser.parse(body, limits: limits) {
        case .failure(let error):
            return json(200, RPCResponseEncoder.failure(id: .null, error: error))
        case .single(let parsed):
            guard let answer = await call(parsed, as: principal) else { return HTTPReply(status: 204, body: []) }
            return json(200, answer)
        case .batch(let items):
            var answers: [[UInt8]] = []
            for item in items {
                if let answer = await call(item, as: principal) { answers.append(answer) }
            }
            return answers.isEmpty ? HTTPReply(status: 204, body: []) : json(200, RPCResponseEncoder.batch(answers))
        }
    }

    /// One request's response bytes, nil for a notification.
    private func call(_ parsed: RPCParsed, as principal: Principal) async -> [UInt8]? {
        switch parsed {
        case .invalid(let id, let error):
            return RPCResponseEncoder.failure(id: id ?? .null, error: error)
        case .request(let request):
            if request.method == SessionHello.name {
                return dispatcher.respond(request, error: .invalidRequest("over HTTP the bearer token authenticates each request; no session.hello"))
            }
            if request.method == TasksSubscribe.name {
                return dispatcher.respond(request, error: .invalidRequest("tasks.subscribe needs a connection: use the socket protocol"))
            }
            guard let entry = MethodCatalog.entry(named: request.method) else {
                return dispatcher.respond(request, error: .methodNotFound(request.method))
            }
            guard entry.roles.contains(principal.role) else {
                return dispatcher.respond(request, error: .forbidden("role \(principal.role.rawValue) may not call \(request.method)"))
            }
            return await dispatcher.dispatch(request, as: principal)
        }
    }

    /// The token of `Bearer <token>` (the scheme in any case), nil otherwise.
    static func bearerToken(_ authorization: String?) -> String? {
        guard let authorization else { return nil }
        let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    private func json(_ status: Int, _ body: [UInt8], headers: [String: String] = [:]) -> HTTPReply {
        HTTPReply(status: status, contentType: Self.contentType, body: body, headers: headers)
    }
}
