import Foundation

/// A one-line progress bar redrawn in place (`\r`) on a terminal.
///
/// Use ``standardError()`` to get one only when standard error is a terminal
/// (`isatty(2)`); when it is a file or a pipe nothing is drawn at all.
public final class TerminalProgressBar {
    private let fileDescriptor: Int32
    private let width: Int
    private let minimumInterval: Duration
    private let clock = ContinuousClock()
    private var lastDraw: ContinuousClock.Instant?
    private var lastPhase: ImportProgress.Phase?
    private var drawn = false

    /// A bar on standard error, or nil when standard error is not a terminal.
    public static func standardError() -> TerminalProgressBar? {
        isatty(2) == 1 ? TerminalProgressBar(fileDescriptor: 2) : nil
    }

    /// Makes a bar writing to `fileDescriptor`, `width` cells wide, redrawn at
    /// most every `minimumInterval` (and at every phase change).
    public init(fileDescriptor: Int32, width: Int = 30, minimumInterval: Duration = .milliseconds(100)) {
        self.fileDescriptor = fileDescriptor
        self.width = max(width, 5)
        self.minimumInterval = minimumInterval
    }

    /// Redraws the bar for `progress` (throttled).
    public func update(_ progress: ImportProgress) {
        let now = clock.now
        if progress.phase == lastPhase, let lastDraw, lastDraw.duration(to: now) < minimumInterval { return }
        lastDraw = now
        lastPhase = progress.phase
        write("\r" + Self.render(progress, width: width) + "\u{1B}[K")
        drawn = true
    }

    /// Redraws the bar for any long job (throttled): `label`, `done` of `total`
    /// `unit` (e.g. customers); without a total only the count shows.
    public func update(label: String, done: Int, total: Int?, unit: String) {
        let now = clock.now
        if let lastDraw, lastDraw.duration(to: now) < minimumInterval, done != total { return }
        lastDraw = now
        write("\r" + Self.render(label: label, done: done, total: total, unit: unit, width: width) + "\u{1B}[K")
        drawn = true
    }

    /// The text of a job's bar, e.g. `simulate  [###############...............]  50%  500 / 1,000 customers`.
    public static func render(label: String, done: Int, total: Int?, unit: String, width: Int = 30) -> String {
        let fraction = total.map { $0 > 0 ? min(1, Double(done) / Double($0)) : 1 }
        let filled = fraction.map { Int(($0 * Double(width)).rounded(.down)) } ?? 0
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let percent = fraction.map { String(Int(($0 * 100).rounded(.down))) + "%" } ?? "?"
        let counts = grouped(done) + (total.map { " / " + grouped($0) } ?? "")
        return "\(label.padding(toLength: 9, withPad: " ", startingAt: 0)) [\(bar)] \(percent.leftPadded(to: 4))  \(counts) \(unit)"
    }

    /// Erases the bar, leaving the cursor at the start of the empty line.
    public func finish() {
        guard drawn else { return }
        write("\r\u{1B}[K")
        drawn = false
    }

    /// The bar's text for `progress`, e.g.
    /// `reading   [#########.....................]  30%  60,000 / ~200,000 rows`.
    public static func render(_ progress: ImportProgress, width: Int = 30) -> String {
        let fraction = progress.phase == .reading ? progress.fraction : 1
        let filled = fraction.map { Int(($0 * Double(width)).rounded(.down)) } ?? 0
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let percent = fraction.map { String(Int(($0 * 100).rounded(.down))) + "%" } ?? "?"
        var counts = grouped(progress.rowsRead)
        if progress.phase == .reading, let total = progress.estimatedTotalRows {
            counts += " / ~" + grouped(total)
        }
        let label = progress.phase.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
        return "\(label) [\(bar)] \(percent.leftPadded(to: 4))  \(counts) rows"
    }

    /// 1234567 → `1,234,567`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }

    private func write(_ text: String) {
        TerminalWrite.write(text, to: fileDescriptor)
    }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: " ", count: length - count) + self
    }
}
