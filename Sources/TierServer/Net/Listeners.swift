import Logging
import NIOCore
import NIOPosix
import NIOSSL
import TierWire

/// The daemon's server sockets: TCP (optionally TLS) and a Unix socket, each
/// with the same pipeline: timeouts → frame decoder → connection handler.
struct Listeners {
    let configuration: ServerConfiguration
    let dispatcher: RequestDispatcher
    let tracker: ConnectionTracker
    let group: any EventLoopGroup
    let logger: Logger

    /// Binds every configured listener.
    func bind() async throws -> [any Channel] {
        var channels: [any Channel] = []
        do {
            if !configuration.listen.isEmpty {
                let (host, port) = try ListenAddress.parse(configuration.listen)
                if !configuration.tls.isEnabled && !configuration.tls.clientCA.isEmpty {
                    throw ConfigurationError("tls.client_ca is set but TLS is off: set tls.certificate and tls.key too")
                }
                let tls = try configuration.tls.isEnabled ? Self.tlsContext(configuration.tls) : nil
                channels.append(try await bootstrap(tls: tls).bind(host: host, port: port).get())
            }
            if !configuration.socket.isEmpty {
                channels.append(try await bootstrap(tls: nil).bind(unixDomainSocketPath: configuration.socket, cleanupExistingSocketFile: true).get())
            }
        } catch {
            for channel in channels { try? await channel.close() }
            throw error
        }
        return channels
    }

    private func bootstrap(tls: NIOSSLContext?) -> ServerBootstrap {
        let limits = configuration.limits
        let wireLimits = WireLimits(maxFrameBytes: limits.maxFrameBytes, maxBatchSize: limits.maxBatch, maxNestingDepth: limits.maxNestingDepth)
        let dispatcher = self.dispatcher
        let tracker = self.tracker
        let logger = self.logger
        return ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            // TCP level: at the socket level, option 1 is SO_DEBUG, which needs
            // CAP_NET_ADMIN and so failed every connection of an unprivileged daemon.
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                guard tracker.open(channel) else {
                    logger.warning("connection refused: limit reached", metadata: ["limit": "\(tracker.maxConnections)"])
                    return channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(RefusingHandler(answer: RefusingHandler.protocolAnswer))
                    }
                }
                channel.closeFuture.whenComplete { _ in tracker.closed(channel) }
                return channel.eventLoop.makeCompletedFuture {
                    let handlers = channel.pipeline.syncOperations
                    if let tls {
                        try handlers.addHandler(NIOSSLServerHandler(context: tls))
                    }
                    try handlers.addHandler(ConnectionTimeoutHandler(
                        idleTimeout: .milliseconds(Int64(limits.idleTimeoutSeconds * 1000)),
                        readTimeout: .milliseconds(Int64(limits.readTimeoutSeconds * 1000))))
                    try handlers.addHandler(ByteToMessageHandler(LineFrameDecoder(maxFrameBytes: limits.maxFrameBytes)))
                    try handlers.addHandler(ConnectionHandler(
                        dispatcher: dispatcher, limits: wireLimits, maxInFlight: limits.maxInFlight,
                        helloAttempts: limits.helloAttempts, tracker: tracker, logger: logger))
                }
            }
    }

    static func tlsContext(_ tls: ServerConfiguration.TLS) throws -> NIOSSLContext {
        let chain = try NIOSSLCertificate.fromPEMFile(tls.certificate).map { NIOSSLCertificateSource.certificate($0) }
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(try NIOSSLPrivateKey(file: tls.key, format: .pem)))
        if !tls.clientCA.isEmpty {
            // A server that verifies peers requires a client certificate signed by
            // these CAs; the client's host name is not checked (there is none to check).
            configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(tls.clientCA))
            configuration.certificateVerification = .noHostnameVerification
        }
        return try NIOSSLContext(configuration: configuration)
    }
}
