import NIOCore
import NIOPosix
import NIOSSL
import TierWire

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens a channel to tierd: TCP or Unix socket, optional TLS, the size-capped
/// line decoder, then the caller's handler.
enum ChannelConnector {
    static func connect(
        to address: TierAddress, tls: TierClientTLS?, group: any EventLoopGroup, options: TierClientOptions,
        makeHandler: @escaping @Sendable () -> any ChannelHandler
    ) async throws(TierClientError) -> any Channel {
        let sslContext = try tls?.makeContext(for: address)
        let serverName = tls?.sniName(for: address)
        let maxReplyBytes = options.maxReplyBytes
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(TimeAmount(options.connectTimeout))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    if let sslContext {
                        try pipeline.addHandler(NIOSSLClientHandler(context: sslContext, serverHostname: serverName))
                    }
                    try pipeline.addHandler(ByteToMessageHandler(LineFrameDecoder(maxFrameBytes: maxReplyBytes)))
                    try pipeline.addHandler(makeHandler())
                }
            }
        do {
            switch address {
            case .tcp(let host, let port):
                return try await bootstrap.connect(host: host, port: port).get()
            case .unix(let path):
                return try await bootstrap.connect(unixDomainSocketPath: path).get()
            }
        } catch let error as TierClientError {
            throw error
        } catch {
            throw TierClientError.connectFailed(address: address.description, reason: describe(error))
        }
    }

    /// A short reason: "connection refused" rather than NIO's full error dump.
    static func describe(_ error: any Error) -> String {
        if let error = error as? IOError {
            switch error.errnoCode {
            case ECONNREFUSED: return "connection refused"
            case ENOENT: return "no such socket"
            case EACCES: return "permission denied"
            case ETIMEDOUT: return "timed out"
            case EHOSTUNREACH, ENETUNREACH: return "host unreachable"
            default: return String(describing: error)
            }
        }
        if let error = error as? NIOConnectionError {
            if let first = error.connectionErrors.first { return describe(first.error) }
            if error.dnsAError != nil || error.dnsAAAAError != nil { return "cannot resolve \(error.host)" }
        }
        if let error = error as? ChannelError, case .connectTimeout = error { return "timed out" }
        return String(describing: error)
    }
}
