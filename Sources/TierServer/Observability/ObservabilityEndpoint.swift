/// The routes of the HTTP endpoint for operators, without sockets:
///
/// * `GET /metrics`: every metric, in Prometheus' text format;
/// * `GET /healthz`: liveness, 200 while the process answers;
/// * `GET /readyz`: 200 when ready (``Readiness``), otherwise 503 with the reasons.
///
/// * `POST /rpc`: protocol v1 over HTTP (``HTTPRPCBridge``), when `http.rpc` is on.
///
/// `HEAD` works wherever `GET` does; other methods get 405, other paths 404.
public struct ObservabilityEndpoint: Sendable {
    /// The `Content-Type` of Prometheus' text exposition format.
    public static let metricsContentType = "text/plain; version=0.0.4; charset=utf-8"

    let metrics: @Sendable () async -> [UInt8]
    let readiness: @Sendable () async -> Readiness
    let rpc: HTTPRPCBridge?

    public init(
        metrics: @escaping @Sendable () async -> [UInt8], readiness: @escaping @Sendable () async -> Readiness,
        rpc: HTTPRPCBridge? = nil
    ) {
        self.metrics = metrics
        self.readiness = readiness
        self.rpc = rpc
    }

    /// The answer to a request for `target` (a path, perhaps with a query) by
    /// `method`, with its `Authorization` header and body, from `address`.
    public func reply(method: String, target: String, authorization: String? = nil, body: [UInt8] = [], address: String = "") async -> HTTPReply {
        let path = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? target
        if path == "/rpc", let rpc {
            guard method == "POST" else { return .text(405, "method not allowed: \(method)\n", headers: ["Allow": "POST"]) }
            return await rpc.reply(authorization: authorization, body: body, address: address)
        }
        guard ["/metrics", "/healthz", "/readyz"].contains(path) else {
            return .text(404, "not found: \(path) (try /metrics, /healthz or /readyz)\n")
        }
        guard method == "GET" || method == "HEAD" else {
            return .text(405, "method not allowed: \(method)\n", headers: ["Allow": "GET, HEAD"])
        }
        switch path {
        case "/metrics":
            return HTTPReply(status: 200, contentType: Self.metricsContentType, body: await metrics())
        case "/healthz":
            return .text(200, "ok\n")
        default:
            let readiness = await readiness()
            return readiness.isReady
                ? .text(200, "ready\n")
                : .text(503, "not ready: \(readiness.problems.joined(separator: "; "))\n")
        }
    }
}
