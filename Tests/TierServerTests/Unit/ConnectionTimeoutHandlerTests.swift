import NIOCore
import NIOEmbedded
import Testing
@testable import TierServer

/// The read timeout closes a client that stalls inside a line, but not while the
/// daemon itself has stopped reading because the client is slow to take its answers.
@Suite struct ConnectionTimeoutHandlerTests {
    private func channel() throws -> EmbeddedChannel {
        let channel = EmbeddedChannel(handler: ConnectionTimeoutHandler(idleTimeout: .seconds(3600), readTimeout: .milliseconds(100)))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        return channel
    }

    private func send(_ text: String, _ channel: EmbeddedChannel) throws {
        try channel.writeInbound(ByteBuffer(string: text))
        _ = try channel.readInbound(as: ByteBuffer.self)
    }

    @Test func aStalledLineIsClosedAfterTheReadTimeout() throws {
        let channel = try channel()
        try send(#"{"jsonrpc":"2.0","#, channel)
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(99))
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(2))
        #expect(!channel.isActive)
    }

    @Test func aFinishedLineStopsTheClock() throws {
        let channel = try channel()
        try send(#"{"jsonrpc":"2.0","#, channel)
        try send("}\n", channel)
        channel.embeddedEventLoop.advanceTime(by: .seconds(10))
        #expect(channel.isActive)
        _ = try channel.finish()
    }

    /// A client streaming pipelined requests sends chunks that mostly end inside a line;
    /// each such chunk starts a new line, which gets its own time.
    @Test func eachNewLineGetsTheWholeReadTimeout() throws {
        let channel = try channel()
        try send(#"{"jsonrpc":"2.0","#, channel)
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(60))
        try send(#""id":1}"# + "\n" + #"{"jsonrpc""#, channel)
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(60))
        #expect(channel.isActive, "the second line was charged for the first one's time")
        // More of the same line does not restart its clock.
        try send(#":"2.0","#, channel)
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(41))
        #expect(!channel.isActive)
    }

    @Test func theClockPausesWhileTheDaemonHoldsOffReading() throws {
        let channel = try channel()
        try send(#"{"jsonrpc":"2.0","#, channel)
        channel.isWritable = false
        channel.pipeline.fireChannelWritabilityChanged()
        channel.embeddedEventLoop.advanceTime(by: .seconds(10))
        #expect(channel.isActive, "closed while the daemon was the one not reading")
        channel.isWritable = true
        channel.pipeline.fireChannelWritabilityChanged()
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(99))
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(2))
        #expect(!channel.isActive, "the line still stalls once the daemon reads again")
    }
}
