import Foundation
import Testing
import TierClient
import TierServer
import TierWire

@Suite(.serialized) struct PolicyReloadEndToEndTests {
    /// A private copy of the branch policy set that the test may break.
    private func copyOfBranchPolicies() throws -> String {
        let directory = NSTemporaryDirectory() + "tierd-policies-\(UUID().uuidString.prefix(8))"
        try FileManager.default.copyItem(atPath: repositoryRoot() + "/policies/branch", toPath: directory)
        return directory
    }

    @Test func aBrokenReloadKeepsTheRunningRevisionAndAGoodOneSwitches() async throws {
        let directory = try copyOfBranchPolicies()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await withDaemon(customers: 60, policyDirectory: directory) { daemon in
            let admin = try await daemon.client(.admin)
            let counter = try await daemon.client(.counter)
            let original = try await admin.call(PolicyStatus.self, NoParams()).revision

            let vip = directory + "/vip.yaml"
            let good = try String(contentsOfFile: vip, encoding: .utf8)
            try (good + "\nsegments:\n  broken: customer.no_such_fact > 1\n").write(toFile: vip, atomically: true, encoding: .utf8)
            do {
                _ = try await admin.call(PolicyReload.self, NoParams())
                Issue.record("a broken policy directory was loaded")
            } catch let error as RPCError {
                #expect(error.code == .policyInvalid)
                guard case .array(let diagnostics)? = error.data["diagnostics"] else {
                    Issue.record("no diagnostics in \(error)")
                    return
                }
                #expect(diagnostics.contains { "\($0)".contains("vip.yaml:") })
            }
            #expect(try await admin.call(PolicyStatus.self, NoParams()).revision == original)
            #expect(try await counter.call(EntitlementsGet.self, .init(customerId: 1)).revision == original)

            try (good + "\n# a comment changes the revision\n").write(toFile: vip, atomically: true, encoding: .utf8)
            let reloaded = try await admin.call(PolicyReload.self, NoParams())
            #expect(reloaded.previousRevision == original)
            #expect(reloaded.revision != original)
            #expect(try await counter.call(EntitlementsGet.self, .init(customerId: 1)).revision == reloaded.revision)

            let audited = try await daemon.query { connection in
                try connection.execute(
                    "SELECT action FROM audit_log WHERE principal = 'test-admin' AND action LIKE 'policy.reload%' ORDER BY id"
                ).map { try $0.decode(0, as: String.self) }
            }
            #expect(audited == ["policy.reload_refused", "policy.reload"])
            await admin.close()
            await counter.close()
        }
    }
}
