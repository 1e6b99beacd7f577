import Foundation
import TierWire

/// The branch report as one self-contained HTML page: inline CSS, inline SVG
/// charts (``SVGChart``), tables beside them, and no external file. A short inline
/// script at the end writes into `#render-check` how many charts the browser laid
/// out with something drawn, which the browser test reads back.
public enum BranchReportHTML {
    /// The page.
    public static func render(_ report: BranchReport) -> String {
        var sections: [String] = []
        sections.append(section("Premium concentration (Pareto)", chart: paretoChart(report), note: paretoNote(report)))
        sections.append(section("Value tiers over time", chart: tiersChart(report), table: tiersTable(report)))
        sections.append(section("Upgrades and downgrades", chart: movementsChart(report)))
        sections.append(section("RFM types", chart: rfmChart(report), note: """
            Each type's letters are R, F and M: H when the customer bought more recently, as often or for as much \
            as the branch's average, L otherwise (seed 004 §1.1). Type 1 (HHH) is the most valuable, type 7 (LLL) the least.
            """))
        sections.append(section("Entitlement cost by tier against budget", chart: costChart(report), table: costTable(report.costs)))
        sections.append(section("Revisit funnel", chart: funnelChart(report), table: outcomeTables(report)))
        if let simulation = report.simulation { sections.append(simulationSection(simulation)) }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <title>tierd branch report \(escape(report.asOf))</title>
            <style>
            body{font:14px/1.45 sans-serif;color:#222;margin:24px auto;max-width:1000px;padding:0 16px}
            h1{font-size:22px;margin-bottom:4px} h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd}
            .meta{color:#666} table{border-collapse:collapse;margin:8px 0} td,th{border:1px solid #ddd;padding:3px 8px}
            th{background:#f4f4f4;text-align:left} td.n{text-align:right;font-variant-numeric:tabular-nums}
            .empty{color:#a33;font-style:italic} svg.chart{display:block;max-width:100%;height:auto}
            #render-check{color:#999;font-size:11px}
            </style></head><body>
            <h1>Branch report</h1>
            <p class="meta">As of \(escape(report.asOf)) · \(report.customers) customers · policy revision \
            \(escape(String(report.revision.prefix(12))))\(report.latestRun.map { " · classification run \($0)" } ?? "")</p>
            \(sections.joined(separator: "\n"))
            <p id="render-check">charts not checked</p>
            <script>
            (function () {
              var charts = document.querySelectorAll('svg.chart'), drawn = 0;
              charts.forEach(function (chart) {
                var box = chart.getBBox(), marks = chart.querySelectorAll('.mark'), visible = 0;
                marks.forEach(function (mark) { var b = mark.getBBox(); if (b.width > 0 || b.height > 0) visible++; });
                if (box.width > 0 && box.height > 0 && visible > 0) drawn++;
              });
              document.getElementById('render-check').textContent = 'charts=' + charts.length + ' drawn=' + drawn;
            })();
            </script>
            </body></html>

            """
    }

    // MARK: - Charts

    private static func paretoChart(_ report: BranchReport) -> String? {
        guard !report.pareto.isEmpty else { return nil }
        return SVGChart.curve(
            title: "Share of premium held by the top share of customers",
            points: report.pareto.map { ($0.customerShare, $0.premiumShare) },
            xLabel: "customers, highest monetary value first", yLabel: "premium",
            cuts: report.abcCuts.map { ($0.customerShare, "\($0.abcClass) ends: \(percent($0.customerShare)) of customers") })
    }

    private static func paretoNote(_ report: BranchReport) -> String {
        guard !report.abcCuts.isEmpty else { return "" }
        return report.abcCuts.map {
            "Class \($0.abcClass) ends at \(percent($0.customerShare)) of customers holding \(percent($0.premiumShare)) of the premium."
        }.joined(separator: " ")
    }

    private static func tiersChart(_ report: BranchReport) -> String? {
        guard !report.runs.isEmpty else { return nil }
        let tiers = orderedTiers(report)
        return SVGChart.bars(
            title: "Customers per value tier, by classification run",
            categories: report.runs.map { "\($0.asOf) #\($0.runId)" },
            series: tiers.enumerated().map { index, tier in
                SVGChart.Series(name: tier, values: report.runs.map { Double($0.tiers[tier] ?? 0) },
                                color: SVGChart.palette[index % SVGChart.palette.count])
            },
            stacked: true, yLabel: "customers")
    }

    private static func movementsChart(_ report: BranchReport) -> String? {
        guard report.runs.contains(where: { $0.upgrades + $0.downgrades > 0 }) else { return nil }
        return SVGChart.bars(
            title: "Value-tier changes per run",
            categories: report.runs.map { "\($0.asOf) #\($0.runId)" },
            series: [
                .init(name: "upgrades", values: report.runs.map { Double($0.upgrades) }, color: "#3a9d5d"),
                .init(name: "downgrades", values: report.runs.map { Double($0.downgrades) }, color: "#c8453c"),
            ],
            yLabel: "customers")
    }

    private static func rfmChart(_ report: BranchReport) -> String? {
        guard report.rfm.contains(where: { $0 > 0 }) else { return nil }
        return SVGChart.bars(
            title: "Customers per RFM type (latest run)", categories: rfmLabels,
            series: [.init(name: "customers", values: report.rfm.map(Double.init), color: "#7d5ba6")], yLabel: "customers")
    }

    private static func costChart(_ report: BranchReport) -> String? {
        let costs = report.costs.filter { $0.tier != "-" }
        guard costs.contains(where: { amount($0.activeCost) > 0 || amount($0.activeBudget) > 0 }) else { return nil }
        return SVGChart.bars(
            title: "Yearly entitlement cost per tier (yuan)", categories: costs.map(\.tier),
            series: [
                .init(name: "all entitlements", values: costs.map { amount($0.activeCost) }, color: "#2f6db5"),
                .init(name: "budgeted services", values: costs.map { amount($0.activeBudgetSpend) }, color: "#e08a2c"),
                .init(name: "budget", values: costs.map { amount($0.activeBudget) }, color: "#9aa5b1"),
            ],
            yLabel: "yuan a year")
    }

    private static func funnelChart(_ report: BranchReport) -> String? {
        guard (report.funnel.first?.count ?? 0) > 0 else { return nil }
        return SVGChart.funnel(title: "Revisit calls to lapsed customers", stages: report.funnel.map { ($0.label, $0.count) })
    }

    /// Type numbers with their R, F, M letters, as the classify job numbers them.
    static let rfmLabels = ["1 HHH", "2 HLH", "3 HHL", "4 HLL", "5 LHH", "6 LHL", "7 LLL", "8 LLH"]

    // MARK: - Tables

    private static func tiersTable(_ report: BranchReport) -> String {
        guard let last = report.runs.last else { return "" }
        let rows = orderedTiers(report).map { [$0, String(last.tiers[$0] ?? 0)] }
        return table(["tier (latest run)", "customers"], rows, numeric: [1])
    }

    private static func costTable(_ costs: [PolicySimulationReport.TierCost]) -> String {
        table(["tier", "customers", "cost", "budgeted services", "budget"], costs.map {
            [$0.tier, String($0.activeCustomers), $0.activeCost.text, $0.activeBudgetSpend.text, $0.activeBudget.text]
        }, numeric: [1, 2, 3, 4])
    }

    private static func outcomeTables(_ report: BranchReport) -> String {
        var out = table(["stage", "calls"], report.funnel.map { [$0.label, String($0.count)] }, numeric: [1])
        if !report.outcomes.isEmpty {
            out += table(["outcome", "calls"], report.outcomes.map { [$0.label, String($0.count)] }, numeric: [1])
        }
        if !report.churnReasons.isEmpty {
            out += table(["churn reason", "customers"], report.churnReasons.map { [$0.label, String($0.count)] }, numeric: [1])
        }
        return out
    }

    private static func simulationSection(_ simulation: PolicySimulationReport) -> String {
        var body = "<p>Candidate revision \(escape(String(simulation.candidateRevision.prefix(12)))): "
            + "\(simulation.changedCustomers) of \(simulation.customers) customers change; yearly cost "
            + "\(escape(simulation.activeCost.text)) → \(escape(simulation.candidateCost.text)) (\(escape(simulation.costDelta.text))).</p>"
        body += table(["table", "from", "to", "customers"], simulation.movements.map {
            [$0.table, $0.from, $0.to, String($0.customers)]
        }, numeric: [3])
        body += table(["entitlement", "gained", "lost"], simulation.entitlements.filter { $0.gained + $0.lost > 0 }.map {
            [$0.code, String($0.gained), String($0.lost)]
        }, numeric: [1, 2])
        body += table(["tier", "customers", "cost", "candidate cost", "delta", "budget", "candidate budget"], simulation.costs.map {
            [$0.tier, "\($0.activeCustomers) → \($0.candidateCustomers)", $0.activeCost.text, $0.candidateCost.text,
             $0.costDelta.text, $0.activeBudget.text, $0.candidateBudget.text]
        }, numeric: [2, 3, 4, 5, 6])
        let costs = simulation.costs.filter { $0.tier != "-" }
        let chart = SVGChart.bars(
            title: "Yearly cost per tier: active and candidate (yuan)", categories: costs.map(\.tier),
            series: [
                .init(name: "active", values: costs.map { amount($0.activeCost) }, color: "#2f6db5"),
                .init(name: "candidate", values: costs.map { amount($0.candidateCost) }, color: "#e08a2c"),
                .init(name: "candidate budget", values: costs.map { amount($0.candidateBudget) }, color: "#9aa5b1"),
            ],
            yLabel: "yuan a year")
        return "<section><h2>Policy simulation</h2>\(chart)\(body)</section>"
    }

    // MARK: - Helpers

    private static func section(_ title: String, chart: String?, table: String = "", note: String = "") -> String {
        let drawn = chart ?? #"<p class="empty">No data yet for this chart.</p>"#
        let text = note.isEmpty ? "" : "<p>\(escape(note))</p>"
        return "<section><h2>\(escape(title))</h2>\(drawn)\(text)\(table)</section>"
    }

    private static func table(_ headers: [String], _ rows: [[String]], numeric: Set<Int>) -> String {
        guard !rows.isEmpty else { return "" }
        let head = headers.map { "<th>\(escape($0))</th>" }.joined()
        let body = rows.map { row in
            "<tr>" + row.enumerated().map { numeric.contains($0.offset) ? "<td class=\"n\">\(escape($0.element))</td>" : "<td>\(escape($0.element))</td>" }
                .joined() + "</tr>"
        }.joined()
        return "<table><tr>\(head)</tr>\(body)</table>"
    }

    /// The value table's tiers first (best first), then any other seen.
    private static func orderedTiers(_ report: BranchReport) -> [String] {
        let seen = Set(report.runs.flatMap { $0.tiers.keys })
        return report.tierOrder.filter(seen.contains) + seen.subtracting(report.tierOrder).sorted()
    }

    private static func amount(_ text: DecimalText) -> Double { Double(text.text) ?? 0 }

    private static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

    private static func escape(_ text: String) -> String { SVGChart.escape(text) }
}
