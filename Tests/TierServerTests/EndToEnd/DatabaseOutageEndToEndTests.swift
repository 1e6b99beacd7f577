import Foundation
import Logging
import Synchronization
import TierSync
import Testing
import TierClient
import TierCluster
import TierServer
import TierStore
import TierSynthetic
import TierTestSupport
import TierWire

@Suite(.serialized) struct DatabaseOutageEndToEndTests {
    /// A migrated branch on a private cluster (which the test may stop), a token of
    /// `role`, and a daemon serving it on a loopback port.
    static func serve(
        _ running: RunningCluster, customers: Int, role: Role, connections: Int
    ) async throws -> (daemon: TierDaemon, address: TierAddress, token: String) {
        let token = try await TestCluster.offloaded {
            let connection = try PGConnection(conninfo: running.conninfo)
            _ = try Migrator(migrations: try TestCluster.migrations()).migrate(connection)
            _ = try SyntheticBranch(profile: SyntheticBranchProfile(customers: customers), seed: 5, asOf: SyntheticBranch.todayUTC())
                .load(into: connection)
            return try ClientRegistry.add(name: "outage-\(role.rawValue)", role: role, principal: "test", on: connection).token
        }
        var configuration = ServerConfiguration()
        configuration.listen = "127.0.0.1:0"
        configuration.database = running.conninfo
        configuration.policies = repositoryRoot() + "/policies/branch"
        configuration.pool.connections = connections
        configuration.jobs.enabled = false
        var logger = Logger(label: "tierd.test.outage")
        logger.logLevel = .critical
        let daemon = try TierDaemon(configuration: configuration, logger: logger)
        let port = try #require(try await daemon.start().first?.port)
        return (daemon, try TierAddress.parse("127.0.0.1:\(port)"), token)
    }

    @Test func requestsFailUnavailableWhileTheDatabaseIsDownAndRecoverAfter() async throws {
        let (owner, running) = try await PrivateTestCluster.start()
        defer { owner.remove() }
        let (daemon, address, token) = try await Self.serve(running, customers: 30, role: .admin, connections: 2)
        let client = try await TierClient.connect(to: address)
        _ = try await client.hello(token: token)
        #expect(try await client.call(EntitlementsGet.self, .init(customerId: 1)).customerId == 1)

        try await TestCluster.offloaded { try owner.cluster.stop() }
        await expectRPCError(.unavailable) { _ = try await client.call(EntitlementsGet.self, .init(customerId: 1)) }
        let degraded = try await client.call(HealthCheck.self, NoParams())
        #expect(degraded.status == "degraded")
        #expect(degraded.database == "unavailable")

        _ = try await TestCluster.offloaded { try owner.cluster.start() }
        #expect(try await client.call(EntitlementsGet.self, .init(customerId: 2)).customerId == 2)
        #expect(try await client.call(HealthCheck.self, NoParams()).status == "ok")
        await client.close()
        await daemon.shutdown()
    }

    @Test func underLoadAnOutageGivesOnlyUnavailableAndLosesNoAnsweredDecision() async throws {
        let (owner, running) = try await PrivateTestCluster.start()
        defer { owner.remove() }
        let (daemon, address, token) = try await Self.serve(running, customers: 60, role: .counter, connections: 4)

        /// What the load saw: answered decision ids and error codes.
        final class Outcomes: Sendable {
            let answered = Locked<[String]>([])
            let errors = Locked<[String]>([])
            let stop = Atomic<Bool>(false)
        }
        let outcomes = Outcomes()
        // Every client has its session before the database goes away.
        var clients: [TierClient] = []
        for _ in 0..<4 {
            let client = try await TierClient.connect(to: address)
            _ = try await client.hello(token: token)
            clients.append(client)
        }
        let load = Task { [clients] in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (worker, client) in clients.enumerated() {
                    group.addTask {
                        var customer = Int64(worker)
                        while !outcomes.stop.load(ordering: .relaxed) {
                            customer = customer % 60 + 1
                            do {
                                let answer = try await client.call(EntitlementsGet.self, .init(customerId: customer))
                                outcomes.answered.withLock { $0.append(answer.decisionId.lowercased()) }
                            } catch let error as RPCError {
                                outcomes.errors.withLock { $0.append(error.code.rawValue) }
                            }
                            try await Task.sleep(for: .milliseconds(5))
                        }
                        await client.close()
                    }
                }
                try await group.waitForAll()
            }
        }
        try await waitUntil("the load is running") { outcomes.answered.withLock { $0.count } > 50 }
        try await TestCluster.offloaded { try owner.cluster.stop() }
        try await waitUntil("the outage is felt") { outcomes.errors.withLock { !$0.isEmpty } }
        _ = try await TestCluster.offloaded { try owner.cluster.start() }
        let before = outcomes.answered.withLock { $0.count }
        try await waitUntil("answers flow again") { outcomes.answered.withLock { $0.count } > before + 50 }
        outcomes.stop.store(true, ordering: .relaxed)
        try await load.value

        let errors = outcomes.errors.withLock { $0 }
        #expect(Set(errors) == ["unavailable"], "errors other than unavailable: \(Set(errors))")
        // Every decision answered, before, during or after the outage, reaches the log.
        let answered = Set(outcomes.answered.withLock { $0 })
        try await waitUntil("every answered decision is logged", seconds: 60) {
            try await TestCluster.offloaded {
                try PGConnection(conninfo: running.conninfo).execute("SELECT count(*) FROM decision_log").scalar(Int.self)
            } >= answered.count
        }
        let logged = try await TestCluster.offloaded {
            Set(try PGConnection(conninfo: running.conninfo).execute("SELECT id::text FROM decision_log").map { try $0.decode(0, as: String.self) })
        }
        #expect(answered.isSubset(of: logged), "\(answered.subtracting(logged).count) answered decisions are not in the log")
        await daemon.shutdown()
    }
}
