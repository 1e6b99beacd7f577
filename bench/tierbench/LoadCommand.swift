import ArgumentParser
import Foundation
import NIOCore
import NIOPosix
import TierBenchKit
import TierWire

/// `tierbench load`: protocol v1 over N connections, flat out or at a fixed rate.
struct LoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Load a running daemon and report throughput, latency percentiles and errors.",
        discussion: """
            Each connection says session.hello, then keeps up to --pipeline requests in \
            flight. Without --rate it runs flat out; with --rate it sends on a fixed \
            schedule and measures each latency from the moment the request was due. \
            Customers are drawn from 1...--customers with a Zipf skew (--skew 0 is uniform).
            """)

    @Option(help: ArgumentHelp("Daemon address: host:port, or a Unix socket path.", valueName: "address"))
    var address = "127.0.0.1:7411"

    @Option(help: "Client token (default: $TIERD_TOKEN).")
    var token: String?

    @Option(help: "Connections.")
    var connections = 8

    @Option(help: "Requests in flight per connection.")
    var pipeline = 4

    @Option(help: "Requests per second over all connections; 0 runs flat out.")
    var rate: Double = 0

    @Option(help: "Seconds measured.")
    var duration: Double = 10

    @Option(help: "Seconds run before measuring.")
    var warmup: Double = 2

    @Option(help: "Methods and weights, e.g. entitlements.get=9,bundles.recommend=1.")
    var mix = "entitlements.get"

    @Option(help: "Customer ids are drawn from 1...N.")
    var customers: Int64 = 1000

    @Option(help: "Zipf exponent of the customer draw; 0 is uniform.")
    var skew = 0.99

    @Option(help: "The channel sent with each request.")
    var channel = "counter"

    @Option(help: "Event loop threads of the generator.")
    var threads = 1

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    @Flag(help: "Print one JSON object instead of the table.")
    var json = false

    func validate() throws {
        guard connections >= 1, pipeline >= 1, threads >= 1 else {
            throw ValidationError("--connections, --pipeline and --threads must be at least 1")
        }
        guard duration > 0, warmup >= 0, rate >= 0, customers >= 1, skew >= 0 else {
            throw ValidationError("--duration must be positive; --warmup, --rate and --skew not negative; --customers at least 1")
        }
    }

    func run() async throws {
        guard let token = token ?? ProcessInfo.processInfo.environment["TIERD_TOKEN"] else {
            throw ValidationError("give --token or set TIERD_TOKEN")
        }
        let requestMix = try RequestMix(parsing: mix)
        let picker = CustomerPicker(count: customers, exponent: skew)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
        let start = NIODeadline.now().uptimeNanoseconds + 200_000_000
        let measureFrom = start + UInt64(warmup * 1e9)
        let measureUntil = measureFrom + UInt64(duration * 1e9)
        let settings = LoadConnectionHandler.Settings(
            token: token, mix: requestMix, picker: picker, channel: channel, pipelineDepth: pipeline,
            rate: rate / Double(connections), measureFrom: measureFrom, measureUntil: measureUntil,
            drainUntil: measureUntil + 5_000_000_000)
        var results: [EventLoopFuture<LoadStatistics>] = []
        for index in 0..<connections {
            let loop = group.next()
            let done = loop.makePromise(of: LoadStatistics.self)
            let bootstrap = ClientBootstrap(group: loop)
                .channelOption(.tcpOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineFrameDecoder(maxFrameBytes: 16 << 20)))
                        try channel.pipeline.syncOperations.addHandler(
                            LoadConnectionHandler(settings: settings, seed: seed &* 1_000_003 &+ UInt64(index), done: done))
                    }
                }
            do {
                if address.contains("/") {
                    _ = try await bootstrap.connect(unixDomainSocketPath: address).get()
                } else {
                    let (host, port) = try Self.split(address)
                    _ = try await bootstrap.connect(host: host, port: port).get()
                }
            } catch {
                done.fail(error)
                try? await group.shutdownGracefully()
                throw BenchError("cannot connect to \(address): \(error)")
            }
            results.append(done.futureResult)
        }
        var total = LoadStatistics()
        do {
            for result in results { total.merge(try await result.get()) }
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
        try? await group.shutdownGracefully()
        let report = LoadReport(
            statistics: total, seconds: duration, connections: connections, pipeline: pipeline, rate: rate, mix: mix)
        print(json ? report.json() : report.table())
    }

    static func split(_ address: String) throws -> (String, Int) {
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]) else {
            throw ValidationError("address '\(address)' is not host:port")
        }
        return (String(address[..<colon]), port)
    }
}
