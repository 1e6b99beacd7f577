import Logging
import TierWire

/// Runs admitted requests: checks hellos, routes calls, and turns every outcome
/// into response bytes (nil for a notification).
public final class RequestDispatcher: Sendable {
    public typealias Authenticator = @Sendable (_ token: String) async throws -> Principal?

    let router: MethodRouter
    let authenticate: Authenticator
    let revision: @Sendable () -> String
    /// Where `tasks.subscribe` registers connections; nil when the daemon pushes nothing.
    let notifier: TaskNotifier?
    /// Failed hellos per client address; nil: no limit.
    let throttle: HelloThrottle?
    /// Where requests are counted and timed; nil: nowhere.
    let metrics: DaemonMetrics?
    let logger: Logger

    public init(
        router: MethodRouter, authenticate: @escaping Authenticator, revision: @escaping @Sendable () -> String,
        notifier: TaskNotifier? = nil, throttle: HelloThrottle? = nil, metrics: DaemonMetrics? = nil, logger: Logger
    ) {
        self.router = router
        self.authenticate = authenticate
        self.revision = revision
        self.notifier = notifier
        self.throttle = throttle
        self.metrics = metrics
        self.logger = logger
    }

    /// Checks a `session.hello` from a client at `address` (an IP address, or `local`
    /// for a Unix socket); returns the response and the principal when the token is good.
    /// An address over its failed-hello limit is refused without a token check.
    public func hello(_ request: RPCRequest, from address: String) async -> (response: [UInt8]?, principal: Principal?) {
        let started = ContinuousClock.now
        defer { metrics?.requestTook(method: request.method, .now - started) }
        let id = request.id ?? .null
        do {
            let params = try JSONValueDecoder().decode(SessionHello.Params.self, from: request.params)
            let principal: Principal
            switch try await authenticate(token: params.token, from: address) {
            case .success(let known): principal = known
            case .failure(let error): return (respond(request, error: error), nil)
            }
            logger.info("session started", metadata: ["principal": "\(principal.name)", "role": "\(principal.role.rawValue)"])
            let result = SessionHello.Result(
                principal: principal.name, role: principal.role, protocol: 1, revision: revision(),
                methods: MethodCatalog.methods(for: principal.role))
            let bytes = request.isNotification ? nil : try RPCResponseEncoder.success(id: id, result: result)
            metrics?.requestFinished(method: request.method, code: "ok")
            return (bytes, principal)
        } catch {
            return (respond(request, error: ErrorMapping.rpcError(error, method: SessionHello.name, logger: logger)), nil)
        }
    }

    /// Checks a token presented by a client at `address` (a hello, or a bearer token
    /// over HTTP): the principal, or the `unauthenticated` error to answer. An
    /// address over its failed-hello limit is refused without a token check.
    public func authenticate(token: String, from address: String) async throws -> Result<Principal, RPCError> {
        if let wait = throttle?.refusal(for: address) {
            let seconds = Int(wait.components.seconds) + 1
            logger.warning("hello refused: too many failed hellos", metadata: ["address": "\(address)", "retry_after_s": "\(seconds)"])
            return .failure(RPCError(
                .unauthenticated, "too many failed hellos from this address; try again in \(seconds) s",
                data: ["retry_after_seconds": .int(Int64(seconds))]))
        }
        guard let principal = try await authenticate(token) else {
            throttle?.recordFailure(from: address)
            logger.notice("hello with an unknown or revoked token", metadata: ["address": "\(address)"])
            return .failure(.unauthenticated("unknown or revoked token"))
        }
        return .success(principal)
    }

    /// Runs a call whose role was checked.
    public func dispatch(_ request: RPCRequest, as principal: Principal) async -> [UInt8]? {
        let started = ContinuousClock.now
        defer { metrics?.requestTook(method: request.method, .now - started) }
        guard let handler = router.handler(for: request.method) else {
            return respond(request, error: .methodNotFound(request.method))
        }
        do {
            let bytes = try await handler(request.params, principal, request.id ?? .null)
            metrics?.requestFinished(method: request.method, code: "ok")
            return request.isNotification ? nil : bytes
        } catch {
            return respond(request, error: ErrorMapping.rpcError(error, method: request.method, logger: logger))
        }
    }

    /// An error response, or nil for a notification; counted under the error's code.
    public func respond(_ request: RPCRequest, error: RPCError) -> [UInt8]? {
        metrics?.requestFinished(method: request.method, code: error.code.rawValue)
        return request.isNotification ? nil : RPCResponseEncoder.failure(id: request.id ?? .null, error: error)
    }

    /// Counts a call answered outside ``dispatch(_:as:)`` (`tasks.subscribe`, which
    /// acts on its connection).
    public func answered(_ request: RPCRequest) {
        metrics?.requestFinished(method: request.method, code: "ok")
    }
}
