import Foundation
import Logging
import Testing
import TierClient
import TierServer
import TierStore
import TierSynthetic
import TierTestSupport
import TierWire

@Suite(.serialized) struct DatabaseOutageEndToEndTests {
    @Test func requestsFailUnavailableWhileTheDatabaseIsDownAndRecoverAfter() async throws {
        let (owner, running) = try await PrivateTestCluster.start()
        defer { owner.remove() }
        let token = try await TestCluster.offloaded {
            let connection = try PGConnection(conninfo: running.conninfo)
            _ = try Migrator(migrations: try TestCluster.migrations()).migrate(connection)
            _ = try SyntheticBranch(profile: SyntheticBranchProfile(customers: 30), seed: 5, asOf: SyntheticBranch.todayUTC())
                .load(into: connection)
            return try ClientRegistry.add(name: "outage-admin", role: .admin, principal: "test", on: connection).token
        }
        var configuration = ServerConfiguration()
        configuration.listen = "127.0.0.1:0"
        configuration.database = running.conninfo
        configuration.policies = repositoryRoot() + "/policies/branch"
        configuration.pool.connections = 2
        configuration.jobs.enabled = false
        var logger = Logger(label: "tierd.test.outage")
        logger.logLevel = .critical
        let daemon = try TierDaemon(configuration: configuration, logger: logger)
        let port = try #require(try await daemon.start().first?.port)
        let client = try await TierClient.connect(to: try TierAddress.parse("127.0.0.1:\(port)"))
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
}
