import Foundation

/// Small self-contained SVG charts for the branch report: no scripts, no external
/// files, text escaped. Every drawn datum is an element of class `mark`, so a
/// browser (or a test) can count what a chart shows.
public enum SVGChart {
    /// A series of a bar chart.
    public struct Series: Sendable, Equatable {
        public var name: String
        public var values: [Double]
        public var color: String

        public init(name: String, values: [Double], color: String) {
            self.name = name
            self.values = values
            self.color = color
        }
    }

    /// The colours series take in turn.
    public static let palette = ["#2f6db5", "#e08a2c", "#3a9d5d", "#c8453c", "#7d5ba6", "#8c6d31", "#d16ba5", "#5f7f8f"]

    static let width = 640.0
    static let height = 320.0
    static let left = 64.0, right = 16.0, top = 28.0, bottom = 56.0
    static var plotWidth: Double { width - left - right }
    static var plotHeight: Double { height - top - bottom }

    /// A line from (0,0) through `points` (x and y in 0...1), with vertical guides at
    /// `cuts` labelled by `cutLabels`, and the diagonal of an even spread.
    public static func curve(title: String, points: [(x: Double, y: Double)], xLabel: String, yLabel: String,
                             cuts: [(x: Double, label: String)]) -> String {
        var body = axes(yMax: 1, yFormat: { "\(Int(($0 * 100).rounded()))%" })
        body += line(x1: left, y1: top + plotHeight, x2: left + plotWidth, y2: top, style: "stroke:#bbb;stroke-dasharray:4 4")
        for (index, cut) in cuts.enumerated() {
            let x = left + cut.x * plotWidth
            body += line(x1: x, y1: top, x2: x, y2: top + plotHeight, style: "stroke:#c8453c;stroke-dasharray:2 3")
            // Each label a line lower than the one before, so close cuts do not overlap.
            body += text(x: x + 4, y: top + plotHeight * 0.55 + Double(index) * 16, cut.label, anchor: "start", size: 11, color: "#c8453c")
        }
        let path = ([(x: 0.0, y: 0.0)] + points).map { point in
            "\(format(left + point.x * plotWidth)),\(format(top + plotHeight - point.y * plotHeight))"
        }.joined(separator: " ")
        body += #"<polyline class="mark" points="\#(path)" style="fill:none;stroke:#2f6db5;stroke-width:2.5"/>"#
        for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
            body += text(x: left + tick * plotWidth, y: top + plotHeight + 18, "\(Int(tick * 100))%", anchor: "middle", size: 11)
        }
        body += text(x: left + plotWidth / 2, y: height - 12, xLabel, anchor: "middle", size: 12)
        body += yAxisLabel(yLabel)
        return svg(title: title, body: body)
    }

    /// Bars per category; several series stack (`stacked`) or stand side by side.
    public static func bars(title: String, categories: [String], series: [Series], stacked: Bool = false, yLabel: String) -> String {
        let totals = categories.indices.map { index in
            stacked ? series.reduce(0) { $0 + max(0, $1.values[safe: index]) }
                    : series.map { max(0, $0.values[safe: index]) }.max() ?? 0
        }
        let yMax = niceCeiling(totals.max() ?? 0)
        var body = axes(yMax: yMax, yFormat: compact)
        let slot = plotWidth / Double(max(categories.count, 1))
        let groupWidth = slot * 0.72
        for (index, category) in categories.enumerated() {
            let x0 = left + Double(index) * slot + (slot - groupWidth) / 2
            var stackedHeight = 0.0
            for (number, serie) in series.enumerated() {
                let value = max(0, serie.values[safe: index])
                let barHeight = yMax > 0 ? value / yMax * plotHeight : 0
                let barWidth = stacked ? groupWidth : groupWidth / Double(series.count)
                let x = stacked ? x0 : x0 + Double(number) * barWidth
                let y = top + plotHeight - barHeight - (stacked ? stackedHeight : 0)
                if value > 0 {
                    body += #"<rect class="mark" x="\#(format(x))" y="\#(format(y))" width="\#(format(max(barWidth - 1, 1)))" height="\#(format(barHeight))" style="fill:\#(serie.color)"><title>\#(escape("\(category) · \(serie.name): \(compact(value))"))</title></rect>"#
                }
                if stacked { stackedHeight += barHeight }
            }
            body += text(x: x0 + groupWidth / 2, y: top + plotHeight + 16, category, anchor: "middle", size: categories.count > 10 ? 9 : 11)
        }
        body += yAxisLabel(yLabel)
        body += legend(series)
        return svg(title: title, body: body)
    }

    /// Horizontal bars from the widest down, each labelled with its count and its
    /// share of the first: a funnel.
    public static func funnel(title: String, stages: [(label: String, count: Int)]) -> String {
        let first = Double(max(stages.first?.count ?? 0, 1))
        let rowHeight = plotHeight / Double(max(stages.count, 1))
        var body = ""
        // Labels on the left, bars centred in the middle, counts on the right.
        let barArea = plotWidth - 200
        for (index, stage) in stages.enumerated() {
            let barWidth = Double(stage.count) / first * barArea
            let y = top + Double(index) * rowHeight + rowHeight * 0.15
            let x = left + 90 + (barArea - barWidth) / 2
            if stage.count > 0 {
                body += #"<rect class="mark" x="\#(format(x))" y="\#(format(y))" width="\#(format(max(barWidth, 1)))" height="\#(format(rowHeight * 0.7))" style="fill:\#(palette[index % palette.count])"><title>\#(escape("\(stage.label): \(stage.count)"))</title></rect>"#
            }
            body += text(x: left + 80, y: y + rowHeight * 0.45, stage.label, anchor: "end", size: 12)
            let share = Int((Double(stage.count) / first * 100).rounded())
            body += text(x: left + 100 + barArea, y: y + rowHeight * 0.45, "\(stage.count) (\(share)%)", anchor: "start", size: 12)
        }
        return svg(title: title, body: body)
    }

    // MARK: - Parts

    private static func svg(title: String, body: String) -> String {
        """
        <svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(width)) \(Int(height))" width="\(Int(width))" height="\(Int(height))" role="img" aria-label="\(escape(title))"><text x="\(Int(left))" y="18" style="font:bold 14px sans-serif">\(escape(title))</text>\(body)</svg>
        """
    }

    private static func axes(yMax: Double, yFormat: (Double) -> String) -> String {
        var out = line(x1: left, y1: top + plotHeight, x2: left + plotWidth, y2: top + plotHeight, style: "stroke:#333")
        out += line(x1: left, y1: top, x2: left, y2: top + plotHeight, style: "stroke:#333")
        for step in 0...4 {
            let value = yMax * Double(step) / 4
            let y = top + plotHeight - Double(step) / 4 * plotHeight
            if step > 0 { out += line(x1: left, y1: y, x2: left + plotWidth, y2: y, style: "stroke:#eee") }
            out += text(x: left - 6, y: y + 4, yFormat(value), anchor: "end", size: 11)
        }
        return out
    }

    private static func legend(_ series: [Series]) -> String {
        guard series.count > 1 else { return "" }
        var out = ""
        var x = left
        for serie in series {
            out += #"<rect x="\#(format(x))" y="\#(format(height - 14))" width="10" height="10" style="fill:\#(serie.color)"/>"#
            out += text(x: x + 14, y: height - 5, serie.name, anchor: "start", size: 11)
            x += 24 + Double(serie.name.count) * 7
        }
        return out
    }

    private static func yAxisLabel(_ label: String) -> String {
        #"<text x="14" y="\#(format(top + plotHeight / 2))" transform="rotate(-90 14 \#(format(top + plotHeight / 2)))" text-anchor="middle" style="font:12px sans-serif">\#(escape(label))</text>"#
    }

    private static func line(x1: Double, y1: Double, x2: Double, y2: Double, style: String) -> String {
        #"<line x1="\#(format(x1))" y1="\#(format(y1))" x2="\#(format(x2))" y2="\#(format(y2))" style="\#(style)"/>"#
    }

    private static func text(x: Double, y: Double, _ content: String, anchor: String, size: Int, color: String = "#333") -> String {
        #"<text x="\#(format(x))" y="\#(format(y))" text-anchor="\#(anchor)" style="font:\#(size)px sans-serif;fill:\#(color)">\#(escape(content))</text>"#
    }

    /// A round upper bound for an axis: 1, 2 or 5 times a power of ten.
    static func niceCeiling(_ value: Double) -> Double {
        guard value > 0 else { return 1 }
        let power = pow(10, floor(log10(value)))
        for step in [1.0, 2.0, 5.0, 10.0] where value <= step * power { return step * power }
        return 10 * power
    }

    /// 1234 → `1.2k`, 2500000 → `2.5M`.
    static func compact(_ value: Double) -> String {
        switch abs(value) {
        case 1_000_000...: return trimmed(value / 1_000_000) + "M"
        case 1_000...: return trimmed(value / 1_000) + "k"
        default: return trimmed(value)
        }
    }

    private static func trimmed(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    private static func format(_ value: Double) -> String { String(format: "%.1f", value) }

    /// Text for SVG and HTML content and attributes.
    public static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}

extension Array where Element == Double {
    /// The element at `index`, 0 past the end.
    fileprivate subscript(safe index: Int) -> Double { indices.contains(index) ? self[index] : 0 }
}
