import NIOCore
import NIOHTTP1
import NIOPosix

/// The HTTP listener of ``ObservabilityEndpoint`` (`http.listen`).
struct ObservabilityServer {
    let endpoint: ObservabilityEndpoint
    let group: any EventLoopGroup
    /// A connection silent this long is closed (`limits.read_timeout_seconds`), so idle
    /// or stalled clients do not hold sockets.
    let idleTimeout: TimeAmount
    /// The largest request body kept (`limits.max_frame_bytes`).
    let maxBodyBytes: Int
    /// This listener's open connections, limited by `http.max_connections`, and its
    /// requests being answered; shutdown waits for those, then closes the connections.
    let connections: ConnectionTracker

    /// Binds `HOST:PORT` (port 0 picks a free one).
    func bind(_ address: String) async throws -> any Channel {
        let (host, port) = try ListenAddress.parse(address)
        let endpoint = self.endpoint
        let idleTimeout = self.idleTimeout
        let maxBodyBytes = self.maxBodyBytes
        let connections = self.connections
        return try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 64)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                guard connections.open(channel) else {
                    return channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(RefusingHandler(answer: RefusingHandler.httpAnswer))
                    }
                }
                channel.closeFuture.whenComplete { _ in connections.closed(channel) }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(IdleStateHandler(allTimeout: idleTimeout))
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(ObservabilityHTTPHandler(endpoint: endpoint, maxBodyBytes: maxBodyBytes, connections: connections))
                }
            }
            .bind(host: host, port: port).get()
    }
}
