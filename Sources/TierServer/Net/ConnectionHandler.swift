import Logging
import NIOCore
import TierWire

/// One client connection: parses frames, applies the session rules, runs requests
/// concurrently (responses go out as they finish, matched by id) and answers
/// batches with one array. All state lives on the channel's event loop.
final class ConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = WireFrame
    typealias OutboundOut = ByteBuffer

    private let dispatcher: RequestDispatcher
    private let limits: WireLimits
    private let maxInFlight: Int
    private let tracker: ConnectionTracker
    private let logger: Logger
    private var session: SessionState
    private var inFlight = 0
    /// Requests that arrived while a hello was being checked.
    private var waiting: [(RPCRequest, ([UInt8]?) -> Void)] = []
    /// Whether `tasks.subscribe` registered this connection with the notifier.
    private var subscribed = false
    /// This connection's event loop as a task executor, made on first use.
    private var loopExecutor: EventLoopTaskExecutor?

    private func taskExecutor(_ eventLoop: any EventLoop) -> EventLoopTaskExecutor {
        if let loopExecutor { return loopExecutor }
        let made = EventLoopTaskExecutor(eventLoop)
        loopExecutor = made
        return made
    }

    init(dispatcher: RequestDispatcher, limits: WireLimits, maxInFlight: Int, helloAttempts: Int, tracker: ConnectionTracker, logger: Logger) {
        self.dispatcher = dispatcher
        self.limits = limits
        self.maxInFlight = maxInFlight
        self.tracker = tracker
        self.logger = logger
        self.session = SessionState(maxHelloAttempts: helloAttempts)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .oversized(let bytes):
            let error = RPCError(.frameTooLarge, "line of \(bytes)+ bytes exceeds the limit of \(limits.maxFrameBytes); it was discarded")
            write(context, RPCResponseEncoder.failure(id: .null, error: error))
        case .line(let buffer):
            switch RPCMessageParser.parse(buffer, limits: limits) {
            case .failure(let error):
                write(context, RPCResponseEncoder.failure(id: .null, error: error))
            case .single(let parsed):
                process(parsed, context) { [weak self] bytes in
                    if let bytes { self?.write(context, bytes) }
                }
            case .batch(let items):
                processBatch(items, context)
            }
        }
    }

    /// A client that does not read its responses: stop reading its requests until
    /// the socket drains, so responses cannot pile up in memory.
    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            context.channel.setOption(ChannelOptions.autoRead, value: true).whenFailure { _ in }
            context.read()
        }
        context.fireChannelWritabilityChanged()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        logger.debug("connection error", metadata: ["error": "\(error)"])
        context.close(promise: nil)
    }

    private func processBatch(_ items: [RPCParsed], _ context: ChannelHandlerContext) {
        var responses = [[UInt8]?](repeating: nil, count: items.count)
        var remaining = items.count
        for (index, item) in items.enumerated() {
            process(item, context) { [weak self] bytes in
                responses[index] = bytes
                remaining -= 1
                guard remaining == 0, let self else { return }
                let answered = responses.compactMap { $0 }
                if !answered.isEmpty { self.write(context, RPCResponseEncoder.batch(answered)) }
            }
        }
    }

    /// Handles one request or invalid element; `done` runs on the event loop.
    private func process(_ parsed: RPCParsed, _ context: ChannelHandlerContext, done: @escaping ([UInt8]?) -> Void) {
        tracker.requestReceived()
        switch parsed {
        case .invalid(let id, let error):
            done(RPCResponseEncoder.failure(id: id ?? .null, error: error))
        case .request(let request):
            guard inFlight + waiting.count < maxInFlight else {
                done(dispatcher.respond(request, error: .overloaded("more than \(maxInFlight) requests in flight on this connection")))
                return
            }
            switch session.admit(method: request.method) {
            case .reject(let error): done(dispatcher.respond(request, error: error))
            case .wait: waiting.append((request, done))
            case .dispatch: dispatch(request, context, done)
            case .hello: runHello(request, context, done)
            }
        }
    }

    /// Runs an admitted call: `tasks.subscribe` acts on this connection, the rest go
    /// to the dispatcher.
    private func dispatch(_ request: RPCRequest, _ context: ChannelHandlerContext, _ done: @escaping ([UInt8]?) -> Void) {
        guard case .authenticated(let principal) = session.phase else { return }
        if request.method == TasksSubscribe.name {
            done(subscribe(request, context))
        } else {
            run(request, as: principal, context, done)
        }
    }

    /// Registers this connection for `tasks.available` pushes.
    private func subscribe(_ request: RPCRequest, _ context: ChannelHandlerContext) -> [UInt8]? {
        let params: TasksSubscribe.Params
        do {
            params = try JSONValueDecoder().decode(TasksSubscribe.Params.self, from: request.params)
        } catch {
            return dispatcher.respond(request, error: error)
        }
        if params.kinds?.isEmpty == true {
            return dispatcher.respond(request, error: .invalidParams(path: "params.kinds", "give at least one kind, or leave kinds out for every kind"))
        }
        if let kinds = params.kinds, let bad = kinds.firstIndex(where: { !TaskKinds.isValid($0) }) {
            return dispatcher.respond(request, error: .invalidParams(path: "params.kinds[\(bad)]", "a task kind is a lower_snake_case word"))
        }
        let target = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
        let eventLoop = context.eventLoop
        dispatcher.notifier?.subscribe(ObjectIdentifier(self), kinds: params.kinds.map(Set.init)) { kind in
            eventLoop.execute { target.value.handler.push(kind, target.value.context) }
        }
        subscribed = true
        dispatcher.answered(request)
        guard !request.isNotification else { return nil }
        return try? RPCResponseEncoder.success(id: request.id ?? .null, result: TasksSubscribe.Result(kinds: params.kinds))
    }

    /// Writes a `tasks.available` notification.
    private func push(_ kind: String?, _ context: ChannelHandlerContext) {
        guard let body = try? RPCRequestEncoder.request(id: nil, method: TasksAvailable.method, params: TasksAvailable.Params(kind: kind)) else {
            return
        }
        write(context, body)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if subscribed { dispatcher.notifier?.unsubscribe(ObjectIdentifier(self)) }
        context.fireChannelInactive()
    }

    private func run(_ request: RPCRequest, as principal: Principal, _ context: ChannelHandlerContext, _ done: @escaping ([UInt8]?) -> Void) {
        let dispatcher = self.dispatcher
        started()
        let promise = context.eventLoop.makePromise(of: [UInt8]?.self)
        Task(executorPreference: taskExecutor(context.eventLoop)) {
            promise.succeed(await dispatcher.dispatch(request, as: principal))
        }
        promise.futureResult.assumeIsolated().whenSuccess { [weak self] bytes in
            self?.finished()
            done(bytes)
        }
    }

    private func runHello(_ request: RPCRequest, _ context: ChannelHandlerContext, _ done: @escaping ([UInt8]?) -> Void) {
        let dispatcher = self.dispatcher
        // The throttle's key: the peer's IP address; Unix-socket peers share `local`.
        let address = context.channel.remoteAddress?.ipAddress ?? "local"
        started()
        context.eventLoop.makeFutureWithTask {
            await dispatcher.hello(request, from: address)
        }.assumeIsolated().whenSuccess { [weak self] outcome in
            guard let self else { return }
            self.finished()
            done(outcome.response)
            if let principal = outcome.principal {
                self.session.helloSucceeded(principal)
            } else if self.session.helloFailed() {
                self.logger.info("closing after failed hellos", metadata: ["attempts": "\(self.session.failedHellos)"])
                self.failWaiting(with: .unauthenticated("session.hello failed"))
                context.close(promise: nil)
                return
            }
            self.releaseWaiting(context)
        }
    }

    /// Runs (or refuses) what waited for the hello, in arrival order.
    private func releaseWaiting(_ context: ChannelHandlerContext) {
        let held = waiting
        waiting.removeAll()
        for (request, done) in held {
            switch session.admit(method: request.method) {
            case .dispatch: dispatch(request, context, done)
            case .reject(let error): done(dispatcher.respond(request, error: error))
            case .hello: runHello(request, context, done)
            case .wait: waiting.append((request, done))
            }
        }
    }

    private func failWaiting(with error: RPCError) {
        let held = waiting
        waiting.removeAll()
        for (request, done) in held { done(dispatcher.respond(request, error: error)) }
    }

    private func started() {
        inFlight += 1
        tracker.requestStarted()
    }

    private func finished() {
        inFlight -= 1
        tracker.requestFinished()
    }

    private func write(_ context: ChannelHandlerContext, _ body: [UInt8]) {
        guard context.channel.isActive else { return }
        var buffer = context.channel.allocator.buffer(capacity: body.count + 1)
        buffer.writeBytes(body)
        buffer.writeInteger(UInt8(ascii: "\n"))
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
        if !context.channel.isWritable {
            context.channel.setOption(ChannelOptions.autoRead, value: false).whenFailure { _ in }
        }
    }
}
