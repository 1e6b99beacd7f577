#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import Testing
import TierClient
@testable import TierServer
import TierWire

/// The options an accepted TCP connection gets. TCP_NODELAY belongs to the TCP level:
/// set at the socket level its number means SO_DEBUG, which an unprivileged daemon
/// may not set, so every connection of `tierd serve` as its own user was dropped (as
/// root, sockets were put in debug mode instead).
@Suite struct SocketOptionsEndToEndTests {
    @Test func acceptedConnectionsHaveNoDelayAndNoSocketDebugging() async throws {
        try await withDaemon(customers: 5) { daemon in
            let client = try await daemon.client(.counter)
            let channel = try #require(daemon.daemon.tracker.openChannels.first)
            let noDelay = try await channel.getOption(ChannelOptions.tcpOption(.tcp_nodelay)).get()
            let debugging = try await channel.getOption(ChannelOptions.socketOption(NIOBSDSocket.Option(rawValue: SO_DEBUG))).get()
            #expect(noDelay != 0)
            #expect(debugging == 0)
            await client.close()
        }
    }
}
