import Foundation
import Testing
import TierClient
import TierPolicy
import TierServer
import TierStore
import TierWire
import TierTestSupport

@Suite(.serialized) struct EntitlementsEndToEndTests {
    @Test func everyDecisionIsLoggedAndReplaysToTheSameAnswer() async throws {
        try await withDaemon(customers: 200) { daemon in
            let client = try await daemon.client(.policyAdmin)
            var answers: [String: EntitlementsGet.Result] = [:]
            for customer in Int64(1)...40 {
                let result = try await client.call(EntitlementsGet.self, .init(customerId: customer, channel: "counter"))
                #expect(result.revision == daemon.daemon.policies.current.revision)
                #expect(["new", "returning"].contains(result.newOrReturning))
                answers[result.decisionId] = result
            }
            let logged = try await waitForDecisions(daemon, count: answers.count)
            #expect(logged.count == answers.count)
            let policy = daemon.daemon.policies.current
            for row in logged {
                let answer = try #require(answers[row.id])
                #expect(row.principal == "test-policy_admin")
                #expect(row.customerId == answer.customerId)
                #expect(row.revision == answer.revision)
                // Replay: the logged facts through the same revision give the same entitlements.
                let request = try JSONDecoder().decode(DecisionRequest.self, from: Data(row.request.utf8))
                let facts = try #require(DecisionFacts.factSet(request.facts, schema: policy.set.schema))
                let replayed = policy.evaluator.evaluate(facts, quotaUsed: request.quotaUsed)
                #expect(replayed.entitlements.map(\.code) == answer.entitlements.map(\.code))
                #expect(replayed.segments == answer.segments)
                #expect(request.factsHash.count == 64)
            }
            await client.close()
        }
    }

    @Test func explainGivesTheTraceAndHints() async throws {
        try await withDaemon(customers: 100) { daemon in
            let client = try await daemon.client(.counter)
            let explained = try await client.call(EntitlementsExplain.self, .init(customerId: 3))
            let got = try await client.call(EntitlementsGet.self, .init(customerId: 3))
            #expect(explained.entitlements == got.entitlements.map(\.code))
            #expect(explained.steps.contains { $0.kind == "segment" })
            #expect(explained.steps.allSatisfy { $0.location.contains(".yaml:") })
            let notGranted = Set(daemon.daemon.policies.current.set.catalogueOrder).subtracting(explained.entitlements)
            #expect(Set(explained.hints.map(\.code)).isSubset(of: notGranted))
            #expect(!explained.hints.isEmpty)
            await client.close()
        }
    }

    @Test func badRequestsGetPreciseErrors() async throws {
        try await withDaemon(customers: 20) { daemon in
            let client = try await daemon.client(.counter)
            await expectRPCError(.notFound) { _ = try await client.call(EntitlementsGet.self, .init(customerId: 999_999)) }
            await expectRPCError(.invalidParams, path: "params.channel") {
                _ = try await client.call(EntitlementsGet.self, .init(customerId: 1, channel: "fax"))
            }
            await expectRPCError(.invalidParams, path: "params.as_of") {
                _ = try await client.call(EntitlementsGet.self, .init(customerId: 1, asOf: "2026-02-30"))
            }
            await expectRPCError(.invalidParams, path: "params.code") {
                _ = try await client.call(EntitlementsExplain.self, .init(customerId: 1, code: "free_lunch"))
            }
            await client.close()
        }
    }

    struct LoggedDecision: Sendable {
        var id: String
        var customerId: Int64
        var revision: String
        var principal: String
        var request: String
    }

    /// Polls until the batched writer has stored `count` decisions (or gives up after a while).
    private func waitForDecisions(_ daemon: DaemonHarness, count: Int) async throws -> [LoggedDecision] {
        for _ in 0..<200 * testWaitScale {
            let rows = try await daemon.query { connection in
                try connection.execute(
                    "SELECT id::text, customer_id, policy_revision, principal, request::text FROM decision_log WHERE method = 'entitlements.get'"
                ).map {
                    LoggedDecision(
                        id: try $0.decode(0), customerId: try $0.decode(1), revision: try $0.decode(2), principal: try $0.decode(3),
                        request: try $0.decode(4))
                }
            }
            if rows.count >= count { return rows }
            try await Task.sleep(for: .milliseconds(50))
        }
        return []
    }
}
