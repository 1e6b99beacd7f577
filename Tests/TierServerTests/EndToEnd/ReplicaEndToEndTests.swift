import Foundation
import Logging
import Testing
import TierClient
import TierCluster
import TierServer
import TierStore
import TierSynthetic
import TierTestSupport
import TierWire

/// A primary and a real streaming replica (`pg_basebackup`) on loopback: the daemon
/// reads facts from the replica through `read_database`, writes through a multi-host
/// `database` with `target_session_attrs=read-write`, and follows a promotion of the
/// replica without a restart.
@Suite(.serialized) struct ReplicaEndToEndTests {
    /// One conninfo naming both servers (primary first), with `extra` settings.
    private static func bothServers(_ primary: RunningCluster, _ standby: RunningCluster, _ extra: String) -> String {
        "host=\(primary.socketDirectory),\(standby.socketDirectory) port=\(primary.port),\(standby.port) "
            + "user=\(primary.superuser) dbname=\(primary.database) \(extra)"
    }

    private static func run<T: Sendable>(_ server: RunningCluster, _ body: @escaping @Sendable (PGConnection) throws -> T) async throws -> T {
        try await TestCluster.offloaded { try body(PGConnection(conninfo: server.conninfo)) }
    }

    @Test func readsComeFromTheReplicaWritesReachThePrimaryAndAPromotionIsFollowed() async throws {
        let (primaryOwner, primary) = try await PrivateTestCluster.start()
        defer { primaryOwner.remove() }
        let (token, branch) = try await Self.run(primary) { connection in
            _ = try Migrator(migrations: try TestCluster.migrations()).migrate(connection)
            _ = try SyntheticBranch(profile: SyntheticBranchProfile(customers: 200), seed: 5, asOf: SyntheticBranch.todayUTC())
                .load(into: connection)
            let token = try ClientRegistry.add(name: "replica-admin", role: .admin, principal: "test", on: connection).token
            return (token, try connection.execute("SELECT code FROM branches ORDER BY id LIMIT 1").scalar(String.self))
        }
        let (standbyOwner, standby) = try await PrivateTestCluster.startStandby(of: primary)
        defer { standbyOwner.remove() }
        #expect(try await Self.run(standby) { try $0.execute("SELECT pg_is_in_recovery()").scalar(Bool.self) })

        var configuration = ServerConfiguration()
        configuration.listen = "127.0.0.1:0"
        configuration.database = Self.bothServers(primary, standby, "target_session_attrs=read-write")
        configuration.readDatabase = Self.bothServers(primary, standby, "target_session_attrs=prefer-standby application_name=tierd-read")
        configuration.policies = repositoryRoot() + "/policies/branch"
        configuration.pool.connections = 2
        configuration.pool.acquireTimeoutMs = 5_000 * testWaitScale
        configuration.jobs.enabled = false
        // The daemon caches nothing with a read pool; said here too, so that a stale
        // answer below can only come from the replica.
        configuration.factsCache.capacity = 0
        var logger = Logger(label: "tierd.test.replica")
        logger.logLevel = .critical
        let daemon = try TierDaemon(configuration: configuration, logger: logger)
        let port = try #require(try await daemon.start().first?.port)
        let client = try await TierClient.connect(to: try TierAddress.parse("127.0.0.1:\(port)"))
        _ = try await client.hello(token: token)

        // A VIP (vip_hotline is granted to VIPs only) while the replica stops replaying.
        var vip: Int64?
        for customer in Int64(1)...200 where vip == nil {
            let answer = try await client.call(EntitlementsGet.self, .init(customerId: customer))
            if answer.entitlements.contains(where: { $0.code == "vip_hotline" }) { vip = customer }
        }
        let customer = try #require(vip, "the synthetic branch has a VIP")
        _ = try await Self.run(standby) { try $0.execute("SELECT pg_wal_replay_pause()") }
        try await waitUntil("the replica pauses replay") {
            try await Self.run(standby) { try $0.execute("SELECT pg_get_wal_replay_pause_state()").scalar(String.self) } == "paused"
        }
        // On the primary the customer stops being a VIP; the replica has not seen it.
        _ = try await Self.run(primary) { try $0.execute("UPDATE policies SET premium = 1 WHERE customer_id = $1", [customer]) }
        let stale = try await client.call(EntitlementsGet.self, .init(customerId: customer))
        #expect(stale.entitlements.contains { $0.code == "vip_hotline" }, "the facts were read on the replica")
        let readers = try await Self.run(standby) {
            try $0.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'tierd-read'").scalar(Int.self)
        }
        #expect(readers >= 1)
        _ = try await Self.run(standby) { try $0.execute("SELECT pg_wal_replay_resume()") }
        try await waitUntil("the replica replays the change and the daemon reads it") {
            try await !client.call(EntitlementsGet.self, .init(customerId: customer)).entitlements.contains { $0.code == "vip_hotline" }
        }

        // A write goes to the primary (the replica would refuse it).
        _ = try await client.call(FactsCustomerUpsert.self, .init(externalId: "REPLICA-1", name: "主库", branch: branch))
        #expect(try await Self.run(primary) {
            try $0.execute("SELECT count(*) FROM customers WHERE external_ref = 'REPLICA-1'").scalar(Int.self)
        } == 1)

        // The primary goes away and the replica is promoted: writes follow it, no restart.
        try await TestCluster.offloaded {
            try primaryOwner.cluster.stop()
            try standbyOwner.cluster.promote()
        }
        try await waitUntil("a write succeeds on the promoted replica", seconds: 60) {
            do {
                _ = try await client.call(FactsCustomerUpsert.self, .init(externalId: "REPLICA-2", name: "新主库", branch: branch))
                return true
            } catch {
                return false
            }
        }
        let onPromoted = try await Self.run(standby) { connection in
            (try connection.execute("SELECT pg_is_in_recovery()").scalar(Bool.self),
             try connection.execute("SELECT count(*) FROM customers WHERE external_ref IN ('REPLICA-1', 'REPLICA-2')").scalar(Int.self))
        }
        #expect(onPromoted.0 == false && onPromoted.1 == 2)
        #expect(try await client.call(EntitlementsGet.self, .init(customerId: customer)).customerId == customer)
        await client.close()
        await daemon.shutdown()
    }
}
