import Foundation
import Synchronization
import TierSync
import Testing
import TierClient
import TierServer
import TierStore
import TierSynthetic
import TierTestSupport
import TierWire

/// `tierd serve` killed with SIGKILL at random moments, again and again, while clients
/// open green channels, upsert customers and complete tasks, retrying each write with
/// its key until it is acknowledged (what a client does when its connection drops).
/// Afterwards every acknowledged write is in the database exactly once.
@Suite(.serialized) struct KillRecoveryProcessTests {
    static let kills = 50

    /// One `tierd serve` after another on the same port.
    final class Daemon: Sendable {
        let database: String
        let port: Int
        let log: String
        private let process = Locked<Process?>(nil)

        init(database: String, port: Int, log: String) {
            self.database = database
            self.port = port
            self.log = log
        }

        var address: TierAddress { try! TierAddress.parse("127.0.0.1:\(port)") }

        func start() throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: try ServeProcessTests.tierdBinary())
            process.arguments = ["serve", "--listen", "127.0.0.1:\(port)", "--socket", "", "--policies", repositoryRoot() + "/policies/branch"]
            process.environment = ProcessInfo.processInfo.environment.merging([
                "TIERD_DATABASE": database, "TIERD_LOG_FORMAT": "text", "TIERD_LOG_LEVEL": "warning", "TIERD_JOBS_ENABLED": "false",
            ], uniquingKeysWith: { $1 })
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            handle.seekToEndOfFile()
            process.standardOutput = handle
            process.standardError = handle
            try process.run()
            self.process.withLock { $0 = process }
        }

        /// SIGKILL, and wait until the process is gone.
        func kill() {
            guard let process = process.withLock({ $0 }) else { return }
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }

        func stop() {
            guard let process = process.withLock({ $0 }), process.isRunning else { return }
            process.terminate()
            process.waitUntilExit()
        }
    }

    /// What the writers had acknowledged, and how many are through.
    final class Progress: Sendable {
        let acknowledged = Locked<(customers: [String], tickets: [String: Int64], completed: [Int64])>(([], [:], []))
        let writersDone = Atomic<Int>(0)
        /// Writes sent again because a kill cut them off.
        let resent = Atomic<Int>(0)
    }

    /// A free loopback port (bound once, then released for the daemon).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw StoreTestError("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Connects and says hello, retrying while the daemon is down or starting.
    static func connect(_ daemon: Daemon, token: String) async throws -> TierClient {
        let deadline = ContinuousClock.now + .seconds(60)
        while true {
            if let client = try? await TierClient.connect(to: daemon.address) {
                if (try? await client.hello(token: token)) != nil { return client }
                await client.close()
            }
            guard ContinuousClock.now < deadline else { throw StoreTestError("tierd did not come back within 60 s") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Runs `call` until it is acknowledged: a dropped connection or an unavailable
    /// database means reconnect and send the same write again.
    static func untilAcknowledged<T: Sendable>(
        _ client: inout TierClient, _ daemon: Daemon, token: String, _ progress: Progress, _ call: (TierClient) async throws -> T
    ) async throws -> T {
        while true {
            do {
                return try await call(client)
            } catch let error as RPCError where ![.unavailable, .overloaded].contains(error.code) {
                throw error
            } catch {
                progress.resent.add(1, ordering: .relaxed)
                await client.close()
                client = try await connect(daemon, token: token)
            }
        }
    }

    @Test func everyAcknowledgedWriteSurvivesSIGKILLOnceAndOnlyOnce() async throws {
        let database = try await TestDatabase.create()
        let (token, branch, staff, taskIds) = try await TestCluster.offloaded { () -> (String, String, (id: Int64, customer: Int64), [Int64]) in
            let connection = try database.connect()
            _ = try SyntheticBranch(profile: SyntheticBranchProfile(customers: 300), seed: 11, asOf: SyntheticBranch.todayUTC())
                .load(into: connection)
            let token = try ClientRegistry.add(name: "kill-admin", role: .admin, principal: "test", on: connection).token
            let row = try connection.execute(
                """
                SELECT b.code, e.id, e.customer_id FROM employees e JOIN branches b ON b.id = e.branch_id
                WHERE e.left_on IS NULL ORDER BY e.id LIMIT 1
                """)[0]
            let tasks = try connection.execute(
                """
                INSERT INTO tasks (kind, customer_id, idempotency_key)
                SELECT 'kill_check', id, 'kill-task:' || id FROM customers ORDER BY id LIMIT 200 RETURNING id
                """).map { try $0.decode(0, as: Int64.self) }
            return (token, try row.decode(0), (try row.decode(1), try row.decode(2)), tasks)
        }
        let log = NSTemporaryDirectory() + "tierd-kill-\(UUID().uuidString.prefix(8)).log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let daemon = Daemon(database: database.conninfo, port: try Self.freePort(), log: log)
        try daemon.start()
        defer { daemon.stop() }

        // Before the chaos: lease every task, and find customers entitled to a claims channel.
        let setup = try await Self.connect(daemon, token: token)
        var leased: [ClaimedTask] = []
        for _ in 0..<2 {
            leased += try await setup.call(TasksClaim.self, .init(worker: "kill-worker", kinds: ["kill_check"], limit: 100, leaseSeconds: 3600)).tasks
        }
        #expect(leased.count == taskIds.count)
        var entitled: [Int64] = []
        for customer in Int64(1)...300 where customer != staff.customer && entitled.count < 40 {
            let answer = try await setup.call(EntitlementsGet.self, .init(customerId: customer, channel: "counter"))
            if answer.entitlements.contains(where: { $0.code == "claims_green_channel" }) { entitled.append(customer) }
        }
        await setup.close()
        #expect(entitled.count >= 5)

        // The writers, each retrying its write until acknowledged, and the killer.
        let upserts = 300
        let (entitledCustomers, leases) = (entitled, leased)
        let progress = Progress()
        let killCount = try await withThrowingTaskGroup(of: Int.self) { group in
            group.addTask {
                var client = try await Self.connect(daemon, token: token)
                for index in 0..<upserts {
                    let key = "KILL-\(index)"
                    _ = try await Self.untilAcknowledged(&client, daemon, token: token, progress) {
                        try await $0.call(FactsCustomerUpsert.self, .init(externalId: key, name: "断电\(index)", branch: branch))
                    }
                    progress.acknowledged.withLock { $0.customers.append(key) }
                }
                await client.close()
                progress.writersDone.add(1, ordering: .relaxed)
                return 0
            }
            group.addTask {
                var client = try await Self.connect(daemon, token: token)
                for (index, customer) in entitledCustomers.enumerated() {
                    let key = "kill-open-\(index)"
                    let ticket = try await Self.untilAcknowledged(&client, daemon, token: token, progress) {
                        try await $0.call(GreenChannelOpen.self, .init(
                            customerId: customer, kind: "claims", branch: branch, staffId: staff.id, idempotencyKey: key))
                    }
                    progress.acknowledged.withLock { $0.tickets[key] = ticket.ticketId }
                    try await Task.sleep(for: .milliseconds(30))
                }
                await client.close()
                progress.writersDone.add(1, ordering: .relaxed)
                return 0
            }
            group.addTask {
                var client = try await Self.connect(daemon, token: token)
                for task in leases {
                    _ = try await Self.untilAcknowledged(&client, daemon, token: token, progress) {
                        try await $0.call(TasksComplete.self, .init(taskId: task.taskId, leaseToken: task.leaseToken, outcome: "handled"))
                    }
                    progress.acknowledged.withLock { $0.completed.append(task.taskId) }
                }
                await client.close()
                progress.writersDone.add(1, ordering: .relaxed)
                return 0
            }
            group.addTask {
                // Kill at random moments until enough kills and every writer is through.
                var kills = 0
                while kills < Self.kills || progress.writersDone.load(ordering: .relaxed) < 3 {
                    try await Task.sleep(for: .milliseconds(Int64.random(in: 20...250)))
                    try await TestCluster.offloaded { daemon.kill() }
                    kills += 1
                    try daemon.start()
                    // The next kill falls on a daemon that serves, not on one still starting.
                    try await waitUntil("tierd listens again", seconds: 60) {
                        guard let probe = try? await TierClient.connect(to: daemon.address) else { return false }
                        await probe.close()
                        return true
                    }
                }
                return kills
            }
            return try await group.reduce(0, +)
        }

        let written = progress.acknowledged.withLock { $0 }
        let stored = try await TestCluster.offloaded { () -> (customers: [String: Int], tickets: [String: [Int64]], slaTasks: Int, opens: Int, done: Set<Int64>) in
            let connection = try database.connect()
            var customers: [String: Int] = [:]
            for row in try connection.execute("SELECT external_ref, count(*) FROM customers WHERE external_ref LIKE 'KILL-%' GROUP BY 1") {
                customers[try row.decode(0)] = try row.decode(1, as: Int.self)
            }
            var tickets: [String: [Int64]] = [:]
            for row in try connection.execute("SELECT idempotency_key, id FROM green_channel_tickets WHERE idempotency_key LIKE 'kill-open-%'") {
                tickets[try row.decode(0), default: []].append(try row.decode(1))
            }
            let sla = try connection.execute(
                "SELECT count(*) FROM tasks t JOIN green_channel_tickets g ON g.customer_id = t.customer_id WHERE t.kind = 'green_channel_sla' AND g.idempotency_key LIKE 'kill-open-%'"
            ).scalar(Int.self)
            let opens = try connection.execute("SELECT count(*) FROM audit_log WHERE action = 'greenchannel.open'").scalar(Int.self)
            let done = Set(try connection.execute("SELECT id FROM tasks WHERE kind = 'kill_check' AND status = 'done' AND attempts = 1")
                .map { try $0.decode(0, as: Int64.self) })
            return (customers, tickets, sla, opens, done)
        }
        let lostCustomers = written.customers.filter { stored.customers[$0] == nil }.count
        let duplicatedCustomers = stored.customers.values.filter { $0 > 1 }.count
        let lostTickets = written.tickets.filter { stored.tickets[$0.key] != [$0.value] }.count
        let duplicatedTickets = stored.tickets.values.filter { $0.count > 1 }.count + max(0, stored.opens - written.tickets.count)
            + max(0, stored.slaTasks - written.tickets.count)
        let lostCompletions = written.completed.filter { !stored.done.contains($0) }.count
        let checked = written.customers.count + written.tickets.count + written.completed.count
        let resent = progress.resent.load(ordering: .relaxed)
        print("kill test: \(killCount) kills, \(checked) acknowledged writes checked (\(resent) sent again after a kill), "
            + "\(lostCustomers + lostTickets + lostCompletions) lost, \(duplicatedCustomers + duplicatedTickets) duplicated")
        #expect(killCount >= Self.kills)
        #expect(resent > 0, "no kill cut a write off")
        #expect(written.customers.count == upserts && written.tickets.count == entitled.count && written.completed.count == taskIds.count)
        #expect(lostCustomers == 0 && lostTickets == 0 && lostCompletions == 0)
        #expect(duplicatedCustomers == 0 && duplicatedTickets == 0)
        #expect(stored.customers.count == upserts)
    }
}
