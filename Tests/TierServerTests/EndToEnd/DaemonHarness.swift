import Foundation
import Logging
import TierClient
import TierServer
import TierStore
import TierSynthetic
import TierTestSupport
import TierWire

/// A daemon on a fresh database with a small synthetic branch, listening on a free
/// loopback port and a Unix socket, with one client token per role.
final class DaemonHarness: Sendable {
    let database: TestDatabase
    let daemon: TierDaemon
    let tcp: TierAddress
    let socketPath: String
    let tokens: [Role: String]
    let policyDirectory: String

    /// Today's date, the as-of of the synthetic branch.
    static let today = SyntheticBranch.todayUTC()

    static func start(
        customers: Int = 400, policyDirectory: String? = nil, logger: Logger? = nil,
        configure: (inout ServerConfiguration) -> Void = { _ in }
    ) async throws -> DaemonHarness {
        let database = try await TestDatabase.create()
        let tokens = try await TestCluster.offloaded {
            let connection = try database.connect()
            _ = try SyntheticBranch(profile: SyntheticBranchProfile(customers: customers), seed: 7, asOf: today).load(into: connection)
            var tokens: [Role: String] = [:]
            for role in Role.allCases {
                tokens[role] = try ClientRegistry.add(name: "test-\(role.rawValue)", role: role, principal: "test", on: connection).token
            }
            return tokens
        }
        let socketPath = NSTemporaryDirectory() + "tierd-\(UUID().uuidString.prefix(8)).sock"
        var configuration = ServerConfiguration()
        configuration.listen = "127.0.0.1:0"
        configuration.socket = socketPath
        configuration.database = database.conninfo
        configuration.policies = policyDirectory ?? repositoryRoot() + "/policies/branch"
        configuration.pool.connections = 4
        // Tests run many daemons and clusters at once on a small machine; a request
        // waiting seconds for one of its 4 connections there is load, not a fault.
        configuration.pool.acquireTimeoutMs = 15_000 * testWaitScale
        configuration.shutdownGraceSeconds = 10
        // Scheduled jobs would write tasks and runs behind the tests' backs; the job
        // tests switch the scheduler on themselves.
        configuration.jobs.enabled = false
        configure(&configuration)
        let daemon = try TierDaemon(configuration: configuration, logger: logger ?? {
            var logger = Logger(label: "tierd.test")
            logger.logLevel = .warning
            return logger
        }())
        let addresses = try await daemon.start()
        guard let port = addresses.first(where: { $0.port != nil })?.port else {
            await daemon.shutdown()
            throw RPCError.internalError("the daemon bound no TCP port")
        }
        return DaemonHarness(
            database: database, daemon: daemon, tcp: try TierAddress.parse("127.0.0.1:\(port)"), socketPath: socketPath,
            tokens: tokens, policyDirectory: configuration.policies)
    }

    private init(database: TestDatabase, daemon: TierDaemon, tcp: TierAddress, socketPath: String, tokens: [Role: String], policyDirectory: String) {
        self.database = database
        self.daemon = daemon
        self.tcp = tcp
        self.socketPath = socketPath
        self.tokens = tokens
        self.policyDirectory = policyDirectory
    }

    /// A second daemon on the same database (as a second instance would run), on its
    /// own port, configured as the first and then by `configure`.
    func anotherDaemon(configure: (inout ServerConfiguration) -> Void = { _ in }) async throws -> (daemon: TierDaemon, address: TierAddress) {
        var configuration = daemon.configuration
        configuration.socket = ""
        configure(&configuration)
        var logger = Logger(label: "tierd.test.second")
        logger.logLevel = .warning
        let second = try TierDaemon(configuration: configuration, logger: logger)
        let addresses = try await second.start()
        guard let port = addresses.first?.port else {
            await second.shutdown()
            throw RPCError.internalError("the second daemon bound no TCP port")
        }
        return (second, try TierAddress.parse("127.0.0.1:\(port)"))
    }

    /// A connected client that said hello with the role's token.
    func client(_ role: Role, over address: TierAddress? = nil) async throws -> TierClient {
        let client = try await TierClient.connect(to: address ?? tcp)
        _ = try await client.hello(token: tokens[role]!)
        return client
    }

    /// Runs SQL on the test database off the cooperative pool.
    func query<T: Sendable>(_ body: @escaping @Sendable (PGConnection) throws -> T) async throws -> T {
        let database = self.database
        return try await TestCluster.offloaded { try body(database.connect()) }
    }

    /// Runs SQL that changes facts behind the daemon's back, then waits (up to 5 s)
    /// until the daemon has heard of the change and forgotten the facts it cached:
    /// a change not made through the daemon is seen once its notification arrives.
    func changeFacts<T: Sendable>(_ body: @escaping @Sendable (PGConnection) throws -> T) async throws -> T {
        let cache = daemon.factsCache
        let before = cache.statistics.invalidations
        let result = try await query(body)
        let deadline = ContinuousClock.now + .seconds(5 * testWaitScale)
        while cache.isActive, cache.statistics.invalidations <= before, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
        return result
    }

    func stop() async {
        await daemon.shutdown()
    }
}

/// Runs `body` with a started daemon and always stops it.
func withDaemon<T>(
    customers: Int = 400, policyDirectory: String? = nil, configure: (inout ServerConfiguration) -> Void = { _ in },
    _ body: (DaemonHarness) async throws -> T
) async throws -> T {
    let harness = try await DaemonHarness.start(customers: customers, policyDirectory: policyDirectory, configure: configure)
    do {
        let result = try await body(harness)
        await harness.stop()
        return result
    } catch {
        await harness.stop()
        throw error
    }
}
