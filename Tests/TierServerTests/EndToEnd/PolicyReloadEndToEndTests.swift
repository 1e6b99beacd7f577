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

    @Test func requestsRacingReloadsEachSeeExactlyOneRevision() async throws {
        let directory = try copyOfBranchPolicies()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let internalFile = directory + "/internal.yaml"
        let versionA = try String(contentsOfFile: internalFile, encoding: .utf8)
        let versionB = versionA.replacingOccurrences(of: "staff.is_employee ? 0.10 : 0.08", with: "staff.is_employee ? 0.12 : 0.08")
        #expect(versionA != versionB, "internal.yaml no longer has the staff discount rate this test changes")
        try await withDaemon(customers: 100, policyDirectory: directory) { daemon in
            let admin = try await daemon.client(.admin)
            let employee = try await daemon.query { connection in
                try connection.execute("SELECT customer_id FROM employees WHERE left_on IS NULL ORDER BY id LIMIT 1").scalar(Int64.self)
            }
            let probe = try await daemon.client(.counter)
            let answerA = try await probe.call(EntitlementsGet.self, .init(customerId: employee, channel: "counter"))
            try versionB.write(toFile: internalFile, atomically: true, encoding: .utf8)
            _ = try await admin.call(PolicyReload.self, NoParams())
            let answerB = try await probe.call(EntitlementsGet.self, .init(customerId: employee, channel: "counter"))
            #expect(answerA.revision != answerB.revision)
            #expect(answerA.entitlements != answerB.entitlements, "the two revisions give the employee the same entitlements")
            let expected = [answerA.revision: answerA.entitlements, answerB.revision: answerB.entitlements]

            let answers = try await withThrowingTaskGroup(of: [EntitlementsGet.Result].self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        let client = try await daemon.client(.counter)
                        var answers: [EntitlementsGet.Result] = []
                        for _ in 0..<60 {
                            answers.append(try await client.call(EntitlementsGet.self, .init(customerId: employee, channel: "counter")))
                        }
                        await client.close()
                        return answers
                    }
                }
                group.addTask {
                    for round in 0..<20 {
                        try (round % 2 == 0 ? versionA : versionB).write(toFile: internalFile, atomically: true, encoding: .utf8)
                        _ = try await admin.call(PolicyReload.self, NoParams())
                    }
                    return []
                }
                return try await group.reduce(into: [EntitlementsGet.Result]()) { $0 += $1 }
            }
            #expect(answers.count == 240)
            // Each answer is wholly one revision's: its entitlements are that revision's.
            for answer in answers {
                #expect(expected[answer.revision] == answer.entitlements, "revision \(answer.revision) answered with another's entitlements")
            }
            #expect(Set(answers.map(\.revision)).count == 2, "the reloads never landed between requests")
            // And the decision log records the revision that answered (written in batches: wait for it).
            try await waitUntil("every decision is logged") {
                try await daemon.query { try $0.execute("SELECT count(*) FROM decision_log").scalar(Int.self) } >= answers.count + 2
            }
            let logged = try await daemon.query { connection in
                try Dictionary(uniqueKeysWithValues: connection.execute("SELECT id::text, policy_revision FROM decision_log").map {
                    (try $0.decode(0, as: String.self), try $0.decode(1, as: String.self))
                })
            }
            for answer in answers {
                #expect(logged[answer.decisionId.lowercased()] == answer.revision)
            }
            await probe.close()
            await admin.close()
        }
    }
}
