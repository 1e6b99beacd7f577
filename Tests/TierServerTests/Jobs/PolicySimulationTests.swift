import Foundation
import Logging
import Testing
import TierPolicy
@testable import TierServer
import TierStore
import TierSynthetic
import TierWire

/// `policy.simulate` and `tierd policy simulate`: a candidate set decided beside the
/// active one for every customer, its counts and costs checked against SQL that
/// computes the same thing straight from the tables.
@Suite(.serialized) struct PolicySimulationTests {
    private func syntheticBranch() async throws -> StoreDatabase { try await StoreDatabase.synthetic(customers: 500) }

    /// Customers by annualised premium on `day`, computed from the policies alone:
    /// how many have at least each of `bounds`, in the order given.
    private func customers(premiumAtLeast bounds: [Int], on day: Int, _ store: StoreDatabase) async throws -> [Int] {
        try await store.query { connection in
            let row = try connection.execute(
                """
                WITH premiums AS (
                    SELECT c.id, coalesce(sum(p.premium) FILTER (
                        WHERE p.issued_on <= $1::date
                          AND (p.status = 'active' OR (p.status = 'lapsed' AND p.lapsed_on > $1::date))), 0) AS premium
                    FROM customers c LEFT JOIN policies p ON p.customer_id = c.id
                    GROUP BY c.id
                )
                SELECT \(bounds.map { "count(*) FILTER (WHERE premium >= \($0))" }.joined(separator: ", ")) FROM premiums
                """, [PGDate(daysSinceEpoch: day)])[0]
            return try bounds.indices.map { Int(try row.decode($0, as: Int64.self)) }
        }
    }

    /// The branch's files copied to a temporary directory, with the gold row of
    /// vip.yaml starting at `gold` yuan instead of 50,000.
    private func branchCandidate(gold: Int) throws -> String {
        let directory = NSTemporaryDirectory() + "tierd-candidate-\(UUID().uuidString.prefix(8))"
        try FileManager.default.copyItem(atPath: StorePolicies.branchDirectory, toPath: directory)
        let vip = directory + "/vip.yaml"
        let text = try String(contentsOfFile: vip, encoding: .utf8)
        let original = #"{when: "history.annual_premium >= 50000", tier: gold}"#
        #expect(text.contains(original))
        try text.replacingOccurrences(of: original, with: "{when: \"history.annual_premium >= \(gold)\", tier: gold}")
            .write(toFile: vip, atomically: true, encoding: .utf8)
        return directory
    }

    /// A set with fixed costs per tier: gold (from `gold` yuan) gets a 300 gift, silver
    /// (from 20,000) a 100 gift, and gold's budget of 1,000 a year buys a 150 lounge.
    private func fixedCostSet(gold: Int) throws -> LoadedPolicy {
        try StorePolicies.load([PolicySourceFile(name: "costs.yaml", text: """
            catalogue:
              - code: gold_gift
                name: {zh: 金卡礼品, en: Gold gift}
                category: service
                unit_cost: 300
              - code: silver_gift
                name: {zh: 银卡礼品, en: Silver gift}
                category: service
                unit_cost: 100
              - code: lounge
                name: {zh: 贵宾休息室, en: Lounge}
                category: service
                unit_cost: 150
            tiers:
              value:
                hit: first
                default: ordinary
                rows:
                  - {when: "history.annual_premium >= \(gold)", tier: gold}
                  - {when: "history.annual_premium >= 20000", tier: silver}
            entitlements:
              - grant: gold_gift
                when: tier.value == "gold"
                reason: Gold
              - grant: silver_gift
                when: tier.value == "silver"
                reason: Silver
            budgets:
              value:
                gold:
                  yearly: 1000
                  services:
                    - {grant: lounge, when: "customer.id > 0"}
            """)])
    }

    @Test func loweringTheGoldThresholdMovesExactlyTheCustomersSQLFindsBetweenTheTwoThresholds() async throws {
        let store = try await syntheticBranch()
        let today = WireTime.today()
        let counts = try await customers(premiumAtLeast: [30000, 50000], on: today, store)
        let between = counts[0] - counts[1]
        try #require(between > 0, "the synthetic branch has customers between 30,000 and 50,000")

        let candidate = try branchCandidate(gold: 30000)
        defer { try? FileManager.default.removeItem(atPath: candidate) }
        let service = PolicyService(
            pool: store.pool, policies: try PolicyHolder(directory: StorePolicies.branchDirectory), logger: Logger(label: "test"))
        let report = try await service.simulate(PolicySimulateParams(directory: candidate, samples: 3), by: "admin-test")

        #expect(report.customers == 500)
        #expect(report.activeRevision != report.candidateRevision)
        #expect(report.movements.map { "\($0.table) \($0.from)->\($0.to)" } == ["value silver->gold"])
        let movement = try #require(report.movements.first)
        #expect(movement.customers == between)
        #expect(movement.sample.count == min(3, between))
        let gold = try #require(report.tiers.first { $0.table == "value" && $0.tier == "gold" })
        #expect(gold.gained == between && gold.lost == 0)
        #expect(gold.candidate - gold.active == between)
        let silver = try #require(report.tiers.first { $0.table == "value" && $0.tier == "silver" })
        #expect(silver.lost == between && silver.gained == 0)
        // Gold's budget buys more than silver's: the movers cost more, and the
        // tiers' deltas add up to the whole.
        #expect(report.costTable == "value")
        let delta = try #require(FixedDecimal(report.costDelta.text))
        #expect(delta > FixedDecimal(scaled: 0))
        var summed = FixedDecimal(scaled: 0)
        for cost in report.costs { summed = summed.adding(try #require(FixedDecimal(cost.costDelta.text)))! }
        #expect(summed == delta)
        #expect(report.changedCustomers >= between)
        await store.close()
    }

    @Test func costsAndBudgetsMatchWhatSQLCountsTimesTheCataloguePrices() async throws {
        let store = try await syntheticBranch()
        let today = WireTime.today()
        let counts = try await customers(premiumAtLeast: [20000, 30000, 50000], on: today, store)
        let (silverBefore, goldBefore) = (counts[0] - counts[2], counts[2])
        let (silverAfter, goldAfter) = (counts[0] - counts[1], counts[1])
        try #require(goldAfter > goldBefore)

        let simulator = PolicySimulator(active: try fixedCostSet(gold: 50000), candidate: try fixedCostSet(gold: 30000), samples: 2)
        let (report, progress) = try await store.query { connection in
            var progress: [(done: Int, total: Int)] = []
            let report = try simulator.run(asOf: today, on: connection) { progress.append(($0, $1)) }
            return (report, progress)
        }
        #expect(progress.last?.done == 500)
        #expect(progress.allSatisfy { $0.total == 500 })

        // Gold costs 300 + 150 (the lounge from its budget), silver 100.
        let before = goldBefore * 450 + silverBefore * 100
        let after = goldAfter * 450 + silverAfter * 100
        #expect(report.activeCost.text == String(before))
        #expect(report.candidateCost.text == String(after))
        #expect(report.costDelta.text == String(after - before))
        let gold = try #require(report.costs.first { $0.tier == "gold" })
        #expect(gold.activeCustomers == goldBefore && gold.candidateCustomers == goldAfter)
        #expect(gold.costDelta.text == String((goldAfter - goldBefore) * 450))
        #expect(gold.activeBudget.text == String(goldBefore * 1000))
        #expect(gold.candidateBudget.text == String(goldAfter * 1000))
        #expect(gold.candidateBudgetSpend.text == String(goldAfter * 150))
        let silver = try #require(report.costs.first { $0.tier == "silver" })
        #expect(silver.candidateCost.text == String(silverAfter * 100))
        #expect(silver.activeBudget.text == "0", "silver has no budget")

        let giftToGold = try #require(report.entitlements.first { $0.code == "gold_gift" })
        #expect(giftToGold.gained == goldAfter - goldBefore && giftToGold.lost == 0)
        #expect(giftToGold.gainedSample.count == 2)
        let silverGift = try #require(report.entitlements.first { $0.code == "silver_gift" })
        #expect(silverGift.lost == goldAfter - goldBefore)
        #expect(report.changedCustomers == goldAfter - goldBefore)
        await store.close()
    }

    @Test func aCandidateThatDoesNotCompileIsRefusedWithItsDiagnostics() async throws {
        let store = try await StoreDatabase.make(connections: 1)
        let candidate = try branchCandidate(gold: 30000)
        defer { try? FileManager.default.removeItem(atPath: candidate) }
        try "tiers:\n  value:\n    rows:\n      - {when: \"history.no_such_fact > 1\", tier: gold}\n"
            .write(toFile: candidate + "/zz_broken.yaml", atomically: true, encoding: .utf8)
        let service = PolicyService(
            pool: store.pool, policies: try PolicyHolder(directory: StorePolicies.branchDirectory), logger: Logger(label: "test"))
        do {
            _ = try await service.simulate(PolicySimulateParams(directory: candidate), by: "admin-test")
            Issue.record("a broken candidate was simulated")
        } catch let error as RPCError {
            #expect(error.code == .policyInvalid)
            guard case .array(let diagnostics)? = error.data["diagnostics"] else {
                Issue.record("no diagnostics in \(error)")
                return
            }
            #expect(diagnostics.contains { "\($0)".contains("zz_broken.yaml:") })
        }
        await expectRPCError(.invalidParams, path: "samples") {
            _ = try await service.simulate(PolicySimulateParams(directory: candidate, samples: 101), by: "admin-test")
        }
        await store.close()
    }
}
