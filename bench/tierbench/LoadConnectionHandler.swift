import NIOCore
import TierBenchKit
import TierWire

/// One load connection: says `session.hello`, then keeps up to `pipelineDepth`
/// requests in flight, either flat out (a new request for every answer) or on a
/// fixed schedule (open loop: a request is due every 1/rate seconds whether or not
/// earlier ones were answered, and its latency counts from when it was due, so a
/// stalled daemon cannot hide its stall; no coordinated omission).
///
/// Requests due inside [measureFrom, measureUntil) are measured; after the window
/// nothing new is sent, answers are awaited up to `drainUntil`, and whatever is
/// still missing is reported as unanswered.
final class LoadConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = WireFrame
    typealias OutboundOut = ByteBuffer

    struct Settings {
        var token: String
        var mix: RequestMix
        var picker: CustomerPicker
        var channel: String
        var pipelineDepth: Int
        /// Requests per second for this connection; 0 means flat out.
        var rate: Double
        var measureFrom: UInt64
        var measureUntil: UInt64
        var drainUntil: UInt64
    }

    private let settings: Settings
    private let done: EventLoopPromise<LoadStatistics>
    private var random: SplitMix64
    private var statistics = LoadStatistics()
    private var inFlight: [Int64: UInt64] = [:]
    /// Open loop: due times of requests not yet sent (the pipeline was full).
    private var owed: [UInt64] = []
    private var owedHead = 0
    private var issued: Int64 = 0
    private var nextId: Int64 = 1
    private var scheduleStart: UInt64 = 0
    private var running = false
    private var finished = false

    init(settings: Settings, seed: UInt64, done: EventLoopPromise<LoadStatistics>) {
        self.settings = settings
        self.done = done
        random = SplitMix64(seed: seed)
    }

    private static func now() -> UInt64 { NIODeadline.now().uptimeNanoseconds }

    func channelActive(context: ChannelHandlerContext) {
        let hello = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"session.hello\",\"params\":{\"token\":\"\(settings.token)\",\"client\":\"tierbench\"}}\n"
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: hello)), promise: nil)
        let deadline = NIODeadline.uptimeNanoseconds(settings.drainUntil)
        context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in finish(context) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .line(let line) = unwrapInboundIn(data) else {
            fail(context, "the daemon sent a line over the client's limit")
            return
        }
        let reply = line.withUnsafeReadableBytes { ReplyScanner.scan($0) }
        guard let id = reply.id else { return }  // a notification
        if id == 0 {
            guard reply.errorCode == nil else {
                fail(context, "session.hello was refused (\(reply.errorCode ?? "error")); check the token")
                return
            }
            start(context)
            return
        }
        guard let due = inFlight.removeValue(forKey: id) else { return }
        if due >= settings.measureFrom && due < settings.measureUntil {
            let now = Self.now()
            statistics.record(microseconds: now > due ? (now - due) / 1000 : 0, errorCode: reply.errorCode)
        }
        if settings.rate == 0 {
            if Self.now() < settings.measureUntil { send(context, due: Self.now()) }
        } else {
            sendOwed(context)
        }
        if !running && inFlight.isEmpty { finish(context) }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        context.flush()
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish(context)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        fail(context, "connection error: \(error)")
    }

    private func start(_ context: ChannelHandlerContext) {
        running = true
        scheduleStart = Self.now()
        if settings.rate == 0 {
            for _ in 0..<settings.pipelineDepth { send(context, due: Self.now()) }
            context.flush()
        } else {
            tick(context)
        }
        let stop = NIODeadline.uptimeNanoseconds(settings.measureUntil)
        context.eventLoop.assumeIsolated().scheduleTask(deadline: stop) { [self] in
            running = false
            if inFlight.isEmpty { finish(context) }
        }
    }

    /// Open loop: every request whose due time has come joins the owed queue.
    private func tick(_ context: ChannelHandlerContext) {
        guard running else { return }
        let now = Self.now()
        let interval = 1e9 / settings.rate
        while true {
            let due = scheduleStart + UInt64(Double(issued) * interval)
            if due > now || due >= settings.measureUntil { break }
            owed.append(due)
            issued += 1
        }
        sendOwed(context)
        context.flush()
        // Wake exactly when the next request falls due: a fixed 1 ms tick sent each
        // request up to a tick late, and that wait counted as the daemon's latency.
        let next = scheduleStart + UInt64(Double(issued) * interval)
        guard next < settings.measureUntil else { return }
        context.eventLoop.assumeIsolated().scheduleTask(deadline: .uptimeNanoseconds(next)) { [self] in tick(context) }
    }

    private func sendOwed(_ context: ChannelHandlerContext) {
        while owedHead < owed.count && inFlight.count < settings.pipelineDepth {
            send(context, due: owed[owedHead])
            owedHead += 1
        }
        if owedHead > 4096 && owedHead * 2 > owed.count {
            owed.removeFirst(owedHead)
            owedHead = 0
        }
    }

    private func send(_ context: ChannelHandlerContext, due: UInt64) {
        let id = nextId
        nextId += 1
        let entry = settings.mix.pick(using: &random)
        let customer = settings.picker.next(using: &random)
        let line = settings.mix.requestLine(entry, id: id, customerId: customer, channel: settings.channel)
        inFlight[id] = due
        var buffer = context.channel.allocator.buffer(capacity: line.count)
        buffer.writeBytes(line)
        context.write(wrapOutboundOut(buffer), promise: nil)
    }

    private func finish(_ context: ChannelHandlerContext) {
        guard !finished else { return }
        finished = true
        running = false
        let waiting = inFlight.values.filter { $0 >= settings.measureFrom && $0 < settings.measureUntil }.count
        let owedInWindow = owed[owedHead...].filter { $0 >= settings.measureFrom }.count
        statistics.unanswered = Int64(waiting + owedInWindow)
        done.succeed(statistics)
        context.close(promise: nil)
    }

    private func fail(_ context: ChannelHandlerContext, _ message: String) {
        guard !finished else { return }
        finished = true
        done.fail(BenchError(message))
        context.close(promise: nil)
    }
}
