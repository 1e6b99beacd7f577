import Testing
@testable import TierServer

/// The report's SVG charts, as text: one `mark` per datum drawn, text escaped.
struct SVGChartTests {
    private func marks(_ svg: String) -> Int { svg.components(separatedBy: #"class="mark""#).count - 1 }

    @Test func barsDrawOneMarkPerNonZeroValueAndStackWithinTheAxis() {
        let series = [
            SVGChart.Series(name: "up", values: [3, 0, 5], color: "#111"),
            SVGChart.Series(name: "down", values: [1, 2, 0], color: "#222"),
        ]
        let side = SVGChart.bars(title: "t", categories: ["a", "b", "c"], series: series, yLabel: "n")
        #expect(marks(side) == 4)
        #expect(side.hasPrefix(#"<svg class="chart""#))
        #expect(side.contains(">up</text>") && side.contains(">down</text>"), "two series get a legend")
        let stacked = SVGChart.bars(title: "t", categories: ["a", "b", "c"], series: series, stacked: true, yLabel: "n")
        #expect(marks(stacked) == 4)
        // The axis runs to 5; a's "down" bar (1) sits on its "up" bar (3) when stacked,
        // on the axis when side by side.
        #expect(stacked.contains(#"y="122.4" width"#) && stacked.contains(#"y="75.2" width"#))
        #expect(side.contains(#"y="216.8" width"#) && !side.contains(#"y="75.2" width"#))
        #expect(SVGChart.bars(title: "t", categories: ["a"], series: [.init(name: "x", values: [0], color: "#000")], yLabel: "n")
            .contains("mark") == false)
    }

    @Test func theCurveIsOneLineAndTheFunnelOneBarPerStage() {
        let curve = SVGChart.curve(title: "p", points: [(0.5, 0.9), (1, 1)], xLabel: "x", yLabel: "y", cuts: [(0.5, "A ends")])
        #expect(marks(curve) == 1)
        #expect(curve.contains(#"points="64.0,264.0 344.0,51.6 624.0,28.0""#), "from the origin through each point, scaled to the plot")
        #expect(curve.contains(">A ends</text>"))
        let funnel = SVGChart.funnel(title: "f", stages: [("queued", 10), ("attempted", 4), ("reached", 0)])
        #expect(marks(funnel) == 2, "an empty stage draws no bar")
        #expect(funnel.contains(">4 (40%)</text>") && funnel.contains(">0 (0%)</text>"))
    }

    @Test func textIsEscapedAndAxesAreRound() {
        let svg = SVGChart.bars(title: "<script>alert(1)</script>", categories: ["a&b"], series: [.init(name: "s", values: [7], color: "#000")], yLabel: "\"q\"")
        #expect(!svg.contains("<script>"))
        #expect(svg.contains("&lt;script&gt;") && svg.contains("a&amp;b") && svg.contains("&quot;q&quot;"))
        #expect(SVGChart.niceCeiling(7) == 10)
        #expect(SVGChart.niceCeiling(1_234) == 2_000)
        #expect(SVGChart.niceCeiling(0) == 1)
        #expect(SVGChart.compact(2_500_000) == "2.5M")
        #expect(SVGChart.compact(1_250) == "1.3k")
        #expect(SVGChart.compact(40) == "40")
    }
}
