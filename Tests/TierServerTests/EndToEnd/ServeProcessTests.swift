import Foundation
import Testing
import TierClient
import TierServer
import TierStore
import TierSynthetic
import TierTestSupport
import TierWire

/// The real `tierd serve` binary: signals, config from the environment, exit status.
@Suite(.serialized) struct ServeProcessTests {
    /// The `tierd` executable built beside the test bundle.
    static func tierdBinary() throws -> String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tierd").path,
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("tierd").path,
            repositoryRoot() + "/.build/debug/tierd",
        ]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw RPCError.internalError("no tierd binary near the tests (looked at \(candidates))")
        }
        return found
    }

    @Test func sighupReloadsAndSigtermStopsGracefullyUnderLoad() async throws {
        let database = try await TestDatabase.create()
        let token = try await TestCluster.offloaded {
            let connection = try database.connect()
            _ = try SyntheticBranch(profile: SyntheticBranchProfile(customers: 100), seed: 3, asOf: SyntheticBranch.todayUTC())
                .load(into: connection)
            return try ClientRegistry.add(name: "proc-admin", role: .admin, principal: "test", on: connection).token
        }
        let policies = NSTemporaryDirectory() + "tierd-proc-policies-\(UUID().uuidString.prefix(8))"
        try FileManager.default.copyItem(atPath: repositoryRoot() + "/policies/branch", toPath: policies)
        defer { try? FileManager.default.removeItem(atPath: policies) }
        let socket = NSTemporaryDirectory() + "tierd-proc-\(UUID().uuidString.prefix(8)).sock"

        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.tierdBinary())
        process.arguments = ["serve", "--listen", "", "--socket", socket, "--policies", policies]
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["TIERD_DATABASE": database.conninfo, "TIERD_LOG_FORMAT": "json", "TIERD_JOBS_ENABLED": "false"], uniquingKeysWith: { $1 })
        let logPath = NSTemporaryDirectory() + "tierd-proc-\(UUID().uuidString.prefix(8)).log"
        #expect(FileManager.default.createFile(atPath: logPath, contents: nil))
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.standardError = log
        process.standardOutput = log
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        let address = try TierAddress.parse(socket)
        var client: TierClient?
        _ = try await eventually {
            client = try? await TierClient.connect(to: address)
            return client != nil
        }
        let startupLog = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        let admin = try #require(client, "tierd serve did not open its socket; log: \(startupLog)")
        _ = try await admin.hello(token: token)
        let before = try await admin.call(PolicyStatus.self, NoParams()).revision

        // SIGHUP with a changed directory: the new revision serves.
        try "# changed\n".write(toFile: policies + "/zz-comment.yaml", atomically: true, encoding: .utf8)
        kill(process.processIdentifier, SIGHUP)
        var after = before
        _ = try await eventually {
            after = try await admin.call(PolicyStatus.self, NoParams()).revision
            return after != before
        }
        #expect(after != before)

        // SIGTERM while requests are in flight: every one already sent is answered, exit 0.
        let answered = try await withThrowingTaskGroup(of: Bool.self) { group in
            for customer in 1...40 {
                group.addTask { (try? await admin.call(EntitlementsGet.self, .init(customerId: Int64(customer)))) != nil }
            }
            try await Task.sleep(for: .milliseconds(5))
            kill(process.processIdentifier, SIGTERM)
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        process.waitUntilExit()
        try log.close()
        let output = try String(contentsOfFile: logPath, encoding: .utf8)
        #expect(process.terminationStatus == 0, "\(output)")
        #expect(output.contains("policy reloaded on SIGHUP"))
        #expect(output.contains("tierd stopped"))
        #expect(!FileManager.default.fileExists(atPath: socket), "the socket file is removed at shutdown")
        let logged = try await TestCluster.offloaded {
            try database.connect().execute("SELECT count(*) FROM decision_log").scalar(Int.self)
        }
        #expect(logged >= answered, "every answered decision was written before exit")
        await admin.close()
    }
}
