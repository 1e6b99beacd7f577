import TierWire

/// A policy simulation report as terminal text: a summary, then tables of tier
/// movements, tier counts, entitlement changes and yearly cost against budget.
public enum SimulationReportText {
    /// The report as text, each table only when it has rows.
    public static func render(_ report: PolicySimulationReport) -> String {
        var out = TableRenderer.keyValues([
            ("active revision", String(report.activeRevision.prefix(12))),
            ("candidate revision", String(report.candidateRevision.prefix(12))),
            ("as of", report.asOf),
            ("customers", String(report.customers)),
            ("changed", String(report.changedCustomers)),
            ("yearly cost", "\(report.activeCost) -> \(report.candidateCost) (\(signed(report.costDelta)))"),
        ])
        if !report.movements.isEmpty {
            var table = TableRenderer(["TABLE", "FROM", "TO", "CUSTOMERS", "EXAMPLES"], rightAligned: [3])
            for movement in report.movements {
                table.append([movement.table, movement.from, movement.to, String(movement.customers),
                              movement.sample.map(String.init).joined(separator: " ")])
            }
            out += "\nTier movements\n" + table.render()
        }
        let tiers = report.tiers.filter { $0.gained > 0 || $0.lost > 0 }
        if !tiers.isEmpty {
            var table = TableRenderer(["TABLE", "TIER", "ACTIVE", "CANDIDATE", "GAINED", "LOST"], rightAligned: [2, 3, 4, 5])
            for tier in tiers {
                table.append([tier.table, tier.tier, String(tier.active), String(tier.candidate), String(tier.gained), String(tier.lost)])
            }
            out += "\nTiers that change\n" + table.render()
        }
        let entitlements = report.entitlements.filter { $0.gained > 0 || $0.lost > 0 }
        if !entitlements.isEmpty {
            var table = TableRenderer(["ENTITLEMENT", "ACTIVE", "CANDIDATE", "GAINED", "LOST"], rightAligned: [1, 2, 3, 4])
            for change in entitlements {
                table.append([change.code, String(change.active), String(change.candidate), String(change.gained), String(change.lost)])
            }
            out += "\nEntitlements that change\n" + table.render()
        }
        if let costTable = report.costTable, !report.costs.isEmpty {
            var table = TableRenderer(
                ["TIER", "CUSTOMERS", "COST", "CANDIDATE COST", "DELTA", "BUDGET SPEND", "BUDGET"], rightAligned: [1, 2, 3, 4, 5, 6])
            for cost in report.costs {
                table.append([
                    cost.tier, "\(cost.activeCustomers) -> \(cost.candidateCustomers)", cost.activeCost.text, cost.candidateCost.text,
                    signed(cost.costDelta), "\(cost.activeBudgetSpend) -> \(cost.candidateBudgetSpend)",
                    "\(cost.activeBudget) -> \(cost.candidateBudget)",
                ])
            }
            out += "\nYearly cost by \(costTable) tier (yuan)\n" + table.render()
        }
        return out
    }

    /// `+12.5` for a rise, `-3` for a fall, `0` for none.
    static func signed(_ amount: DecimalText) -> String {
        amount.text.hasPrefix("-") || amount.text == "0" ? amount.text : "+" + amount.text
    }
}
