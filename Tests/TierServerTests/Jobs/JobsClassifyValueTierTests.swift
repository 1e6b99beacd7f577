import Foundation
import Testing
import TierPolicy
@testable import TierServer
import TierStore
import TierSynthetic

/// The classify job's value tier, computed in the classification pass from the
/// purchase-history facts the value table reads, must be the tier a full decision
/// gives; and a table reading other facts falls back to the full decision.
@Suite(.serialized) struct JobsClassifyValueTierTests {
    private func classify(_ store: StoreDatabase, policy: LoadedPolicy) async throws {
        let result = try await JobRunner.run(
            ClassifyJob(), holder: "daemon-a", ttl: .seconds(60), scheduledFor: nil,
            context: JobContext(now: Date(), policy: policy), pool: store.pool)
        guard case .succeeded = result else { throw StoreTestError("classify did not run: \(result)") }
    }

    /// Every snapshot's value tier against the customer's decision today.
    private func mismatches(_ store: StoreDatabase, policy: LoadedPolicy) async throws -> (checked: Int, wrong: [String], tiers: Set<String>) {
        try await store.query { connection in
            let rows = try connection.execute(
                "SELECT customer_id, value_tier FROM classification_snapshots WHERE run_id = (SELECT max(id) FROM classification_runs)")
            var wrong: [String] = []
            var tiers = Set<String>()
            for row in rows {
                let id: Int64 = try row.decode(0)
                let stored: String? = try row.decode(1)
                let facts = try FactLoader.load(customerId: id, asOf: WireTime.today(), channel: "other", policy: policy, on: connection)
                let decided = policy.evaluator.evaluate(facts.facts, quotaUsed: facts.quotaUsed).tier("value")
                if stored != decided { wrong.append("customer \(id): job \(stored ?? "-"), decision \(decided ?? "-")") }
                if let stored { tiers.insert(stored) }
            }
            return (rows.count, wrong, tiers)
        }
    }

    private func syntheticBranch() async throws -> StoreDatabase { try await StoreDatabase.synthetic(customers: 500) }

    /// The branch set with vip.yaml's silver row decided by `condition` instead.
    private func branch(silverWhen condition: String) throws -> LoadedPolicy {
        var sources = try StorePolicies.branchSources()
        let index = try #require(sources.firstIndex { $0.name.hasSuffix("vip.yaml") })
        let original = #"{when: "history.annual_premium >= 20000", tier: silver}"#
        #expect(sources[index].text.contains(original))
        sources[index].text = sources[index].text.replacingOccurrences(of: original, with: "{when: '\(condition)', tier: silver}")
        return try StorePolicies.load(sources)
    }

    /// Classifies a 500-customer synthetic branch and expects every tier a full decision gives.
    private func expectFullDecisionTiers(_ policy: LoadedPolicy) async throws -> Set<String> {
        let store = try await syntheticBranch()
        try await classify(store, policy: policy)
        let result = try await mismatches(store, policy: policy)
        #expect(result.checked == 500)
        #expect(result.wrong.isEmpty, "\(result.wrong.prefix(5))")
        await store.close()
        return result.tiers
    }

    @Test func theBranchValueTableIsDecidedInThePassAsAFullDecisionDecidesIt() async throws {
        let policy = JobsFixture.policy
        let inPass = try #require(ClassificationFacts(policy.set, table: "value")?.columns.map(\.fact))
        #expect(inPass == ["history.annual_premium"])
        let table = try #require(policy.set.tiers.first { $0.name == "value" })
        let facts = try #require(ClassificationFacts(policy.set, table: "value"))
        #expect(ValueTierSQL.caseExpression(table, columns: facts.numericColumns) == """
            CASE WHEN (h_premium::numeric >= 200000) THEN 'diamond' WHEN (h_premium::numeric >= 100000) THEN 'platinum' \
            WHEN (h_premium::numeric >= 50000) THEN 'gold' WHEN (h_premium::numeric >= 20000) THEN 'silver' ELSE 'ordinary' END
            """, "the branch's table is decided inside the server")
        let tiers = try await expectFullDecisionTiers(policy)
        #expect(tiers.count >= 3, "the branch spans several tiers: \(tiers)")
    }

    @Test func aValueTableOnHistoryThatSQLCannotExpressIsDecidedInProcess() async throws {
        let policy = try branch(silverWhen: #"history.annual_premium >= 20000 || ("health" in history.product_lines && history.active_policies >= 2)"#)
        let facts = try #require(ClassificationFacts(policy.set, table: "value"))
        let table = try #require(policy.set.tiers.first { $0.name == "value" })
        #expect(ValueTierSQL.caseExpression(table, columns: facts.numericColumns) == nil)
        _ = try await expectFullDecisionTiers(policy)
    }

    @Test func aValueTableReadingHouseholdFactsFallsBackToFullDecisions() async throws {
        let policy = try branch(silverWhen: "history.annual_premium >= 20000 || (household.size >= 4 && segment.returning)")
        #expect(ClassificationFacts(policy.set, table: "value") == nil)
        #expect(policy.set.factsRead(byTier: "value") == ["history.annual_premium", "household.size", "history.purchases"])
        _ = try await expectFullDecisionTiers(policy)
    }

    @Test func aFirstClassificationQueuesNoTierChangeTasks() async throws {
        var sources = try StorePolicies.branchSources()
        sources.append(PolicySourceFile(name: "zz_first_call.yaml", text: """
            tasks:
              - kind: first_classification_call
                when: 'classification.tier_change == "new"'
                key: "first_classification_call:{customer.id}"
                due: today + 1d
                priority: 10
            """))
        let policy = try StorePolicies.load(sources)
        let store = try await syntheticBranch()
        try await classify(store, policy: policy)
        let counts = try await store.query { connection in
            try connection.execute(
                """
                SELECT (SELECT count(*) FROM tier_history WHERE tier_kind = 'value' AND direction = 'new'),
                       (SELECT count(*) FROM tasks WHERE kind = 'first_classification_call')
                """
            ).map { [try $0.decode(0, as: Int64.self), try $0.decode(1, as: Int64.self)] }
        }
        #expect(counts == [[500, 0]], "500 customers classified for the first time, no task for any")
        await store.close()
    }
}
