import Foundation
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import TierStore
import TierWire
import TierSync

/// The daemon: a database pool, the serving policy revision, the decision-log
/// writer, the task notifier, the job scheduler and the listeners, wired to the
/// method handlers.
///
/// `start()` binds and serves; `shutdown()` stops accepting, waits for requests in
/// flight on every listener, HTTP included (up to the grace period), closes connections, writes the decision log
/// out and closes the pool. As a `Service` it does both around a graceful-shutdown
/// signal.
public final class TierDaemon: Sendable {
    public let configuration: ServerConfiguration
    public let pool: PGPool
    /// The pool on `read_database` (a replica) for entitlement reads, when set.
    public let readPool: PGPool?
    public let policies: PolicyHolder
    public let decisionLog: DecisionLogWriter
    public let tracker: ConnectionTracker
    /// The HTTP endpoint's connections (`http.max_connections`).
    let httpConnections: ConnectionTracker
    /// Pushes `tasks.available` to subscribed connections.
    public let notifier: TaskNotifier
    /// Facts kept between requests, and the listener that keeps them current.
    public let factsCache: FactsCache
    let factsInvalidator: FactsInvalidator
    /// Runs the periodic jobs on their schedules.
    public let scheduler: JobScheduler
    /// Requests, job runs and the daemon's state, for `GET /metrics`.
    public let metrics: DaemonMetrics
    let logger: Logger
    let dispatcher: RequestDispatcher
    private let running = Locked<Running>(Running())

    private struct Running {
        var channels: [any Channel] = []
        var background: [Task<Void, Never>] = []
        /// The HTTP endpoint's bound address, when `http.listen` is set.
        var httpAddress: SocketAddress?
        var shuttingDown = false
    }
    /// Called once the listeners are bound, when run as a `Service`.
    private let onServing: (@Sendable ([SocketAddress]) -> Void)?

    /// Loads the policy directory (failing if it does not compile) and prepares the pool.
    public init(
        configuration: ServerConfiguration, logger: Logger, onServing: (@Sendable ([SocketAddress]) -> Void)? = nil
    ) throws {
        self.configuration = configuration
        self.onServing = onServing
        self.logger = logger
        pool = PGPool(
            PGPoolConfiguration(
                conninfo: configuration.database, maxConnections: configuration.pool.connections,
                acquireTimeout: .milliseconds(configuration.pool.acquireTimeoutMs)),
            logger: logger)
        readPool = configuration.readDatabase.isEmpty ? nil : PGPool(
            PGPoolConfiguration(
                conninfo: configuration.readDatabase, maxConnections: configuration.pool.connections,
                acquireTimeout: .milliseconds(configuration.pool.acquireTimeoutMs)),
            logger: logger)
        policies = try PolicyHolder(directory: configuration.policies)
        decisionLog = DecisionLogWriter(pool: pool, settings: configuration.decisionLog, logger: logger)
        tracker = ConnectionTracker(maxConnections: configuration.limits.maxConnections)
        httpConnections = ConnectionTracker(maxConnections: configuration.http.maxConnections)
        notifier = TaskNotifier(conninfo: configuration.database, logger: logger)
        // A replica's read may be older than the change notification that would have
        // expired it, so with a read pool nothing is cached.
        factsCache = FactsCache(capacity: configuration.readDatabase.isEmpty ? configuration.factsCache.capacity : 0)
        factsInvalidator = FactsInvalidator(conninfo: configuration.database, cache: factsCache, logger: logger)
        let metrics = DaemonMetrics()
        self.metrics = metrics
        scheduler = JobScheduler(pool: pool, policies: policies, settings: configuration.jobs, metrics: metrics, logger: logger)
        let services = DaemonServices(
            pool: pool, readPool: readPool, policies: policies, decisionLog: decisionLog, scheduler: scheduler,
            factsCache: factsCache, logger: logger)
        let policies = self.policies
        let pool = self.pool
        dispatcher = RequestDispatcher(
            router: MethodTable.router(services),
            authenticate: { token in
                try await pool.withConnection { try ClientRegistry.authenticate(token: token, on: $0) }
            },
            revision: { policies.current.revision }, notifier: notifier,
            throttle: HelloThrottle(
                maxFailures: configuration.limits.helloFailuresPerAddress,
                window: .milliseconds(Int64(configuration.limits.helloFailureWindowSeconds * 1000))),
            metrics: metrics, logger: logger)
    }

    /// Binds the listeners and starts the decision-log writer; returns the bound addresses.
    @discardableResult
    public func start() async throws -> [SocketAddress] {
        let writer = Task { [decisionLog] in await decisionLog.run() }
        let notifications = Task { [notifier] in await notifier.run() }
        let invalidations = Task { [factsInvalidator] in await factsInvalidator.run() }
        let listeners = Listeners(
            configuration: configuration, dispatcher: dispatcher, tracker: tracker,
            group: MultiThreadedEventLoopGroup.singleton, logger: logger)
        var channels: [any Channel] = []
        var httpAddress: SocketAddress?
        do {
            channels = try await listeners.bind()
            if !configuration.http.listen.isEmpty {
                let server = ObservabilityServer(
                    endpoint: observabilityEndpoint, group: MultiThreadedEventLoopGroup.singleton,
                    idleTimeout: .milliseconds(Int64(configuration.limits.readTimeoutSeconds * 1000)),
                    maxBodyBytes: configuration.limits.maxFrameBytes, connections: httpConnections)
                let http = try await server.bind(configuration.http.listen)
                httpAddress = http.localAddress
                channels.append(http)
            }
        } catch {
            for channel in channels { try? await channel.close() }
            decisionLog.finish()
            notifier.stop()
            factsInvalidator.stop()
            await writer.value
            await notifications.value
            await invalidations.value
            throw error
        }
        running.withLock {
            $0.channels = channels
            $0.background = [writer, notifications, invalidations]
            $0.httpAddress = httpAddress
        }
        scheduler.start()
        let addresses = channels.compactMap(\.localAddress).filter { $0 != httpAddress }
        logger.notice("tierd is serving", metadata: [
            "addresses": "\(addresses.map(\.description).joined(separator: ", "))",
            "http": "\(httpAddress.map(\.description) ?? "off")",
            "revision": "\(policies.current.revision)", "tls": "\(configuration.tls.isEnabled)",
        ])
        return addresses
    }

    /// Graceful shutdown; see the type's documentation.
    public func shutdown() async {
        let (channels, background) = running.withLock { state in
            let taken = (state.channels, state.background)
            state.channels = []
            state.background = []
            state.shuttingDown = true
            return taken
        }
        logger.notice("shutting down: no new connections", metadata: ["in_flight": "\(tracker.inFlight)"])
        for channel in channels { try? await channel.close() }
        let deadline = ContinuousClock.now + .milliseconds(Int64(configuration.shutdownGraceSeconds * 1000))
        while tracker.inFlight + httpConnections.inFlight > 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        if tracker.inFlight + httpConnections.inFlight > 0 {
            logger.warning("grace period over; closing with requests in flight", metadata: [
                "in_flight": "\(tracker.inFlight)", "http_in_flight": "\(httpConnections.inFlight)",
            ])
        }
        tracker.closeAll()
        httpConnections.closeAll()
        await scheduler.stop(deadline: deadline)
        notifier.stop()
        factsInvalidator.stop()
        decisionLog.finish(deadline: .now + .milliseconds(Int64(configuration.shutdownGraceSeconds * 1000)))
        for task in background { await task.value }
        await pool.close()
        await readPool?.close()
        if !configuration.socket.isEmpty { unlink(configuration.socket) }
        let cached = factsCache.statistics
        logger.notice("tierd stopped", metadata: [
            "decisions_written": "\(decisionLog.statistics.written)",
            "facts_cache_hits": "\(cached.hits)", "facts_cache_misses": "\(cached.misses)",
        ])
    }

    /// The HTTP endpoint's address once bound (`http.listen`); nil when it is off.
    public var httpAddress: SocketAddress? { running.withLock { $0.httpAddress } }

    /// Whether ``shutdown()`` has begun.
    var isShuttingDown: Bool { running.withLock { $0.shuttingDown } }

    /// Reloads the policy directory (SIGHUP); errors are logged, the running revision stays.
    public func reloadPolicies() {
        do {
            let (previous, current) = try policies.reload()
            logger.notice("policy reloaded on SIGHUP", metadata: ["revision": "\(current.revision)", "previous": "\(previous.revision)"])
        } catch {
            logger.error("policy reload refused; the running revision keeps serving", metadata: [
                "revision": "\(policies.current.revision)", "diagnostics": "\(error.diagnostics.joined(separator: "; "))",
            ])
        }
    }
}

extension TierDaemon: Service {
    public func run() async throws {
        let addresses = try await start()
        onServing?(addresses)
        await withGracefulShutdownHandler {
            // Serve until the service group asks us to stop.
            try? await gracefulShutdown()
        } onGracefulShutdown: {}
        await shutdown()
    }
}
