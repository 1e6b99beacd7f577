import Testing
import TierClient
import TierWire

/// The terminal form of a `policy.simulate` report.
struct SimulationReportTextTests {
    private func report(costDelta: DecimalText) -> PolicySimulationReport {
        PolicySimulationReport(
            activeRevision: "aaaaaaaaaaaaaaaaaaaa", candidateRevision: "bbbbbbbbbbbbbbbbbbbb", asOf: "2026-12-06",
            customers: 500, changedCustomers: 17, costTable: "value",
            movements: [.init(table: "value", from: "silver", to: "gold", customers: 17, sample: [4, 9])],
            tiers: [
                .init(table: "value", tier: "gold", active: 20, candidate: 37, gained: 17, lost: 0),
                .init(table: "value", tier: "ordinary", active: 400, candidate: 400, gained: 0, lost: 0),
            ],
            entitlements: [
                .init(code: "health_checkup", active: 3, candidate: 9, gained: 6, lost: 0, gainedSample: [4], lostSample: []),
                .init(code: "vip_hotline", active: 100, candidate: 100, gained: 0, lost: 0, gainedSample: [], lostSample: []),
            ],
            costs: [.init(tier: "gold", activeCustomers: 20, candidateCustomers: 37, activeCost: "1000", candidateCost: "1850.5",
                          costDelta: costDelta, activeBudget: "30000", candidateBudget: "55500",
                          activeBudgetSpend: "900", candidateBudgetSpend: "1665")],
            activeCost: "5000", candidateCost: "5850.5", costDelta: costDelta)
    }

    @Test func showsOnlyWhatChangesAndSignsTheDeltas() {
        let text = SimulationReportText.render(report(costDelta: "850.5"))
        #expect(text.contains("active revision:    aaaaaaaaaaaa\n"))
        #expect(text.contains("yearly cost:        5000 -> 5850.5 (+850.5)\n"))
        #expect(text.contains("value  silver  gold         17  4 9\n"))
        #expect(text.contains("health_checkup"))
        #expect(!text.contains("vip_hotline"), "unchanged entitlements are left out")
        #expect(!text.contains("ordinary"), "unchanged tiers are left out")
        #expect(text.contains("Yearly cost by value tier (yuan)\n"))
        #expect(text.contains("gold   20 -> 37  1000          1850.5  +850.5   900 -> 1665  30000 -> 55500\n"))
        #expect(SimulationReportText.render(report(costDelta: "-3")).contains("(-3)"))
        #expect(SimulationReportText.render(report(costDelta: "0")).contains("(0)"))
    }
}
