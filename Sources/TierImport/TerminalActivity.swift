import Foundation

/// A one-line "still working" display for long jobs without a known total: the
/// label, the time so far and a detail, redrawn in place on a terminal a few times a
/// second by a background thread until ``finish()``.
///
/// Use ``standardError(label:)`` to get one only when standard error is a terminal;
/// when it is a file or a pipe nothing is drawn.
public final class TerminalActivity: @unchecked Sendable {
    // @unchecked: `detail` and `running` are only touched with `lock` held.
    private let lock = NSLock()
    private var detail = ""
    private var running = true
    private let label: String
    private let fileDescriptor: Int32
    private let started = ContinuousClock.now
    private let finished = DispatchSemaphore(value: 0)

    /// A display on standard error, or nil when standard error is not a terminal.
    public static func standardError(label: String) -> TerminalActivity? {
        isatty(2) == 1 ? TerminalActivity(label: label, fileDescriptor: 2) : nil
    }

    /// Starts redrawing `label` on `fileDescriptor` every `interval`.
    public init(label: String, fileDescriptor: Int32, interval: Duration = .milliseconds(200)) {
        self.label = label
        self.fileDescriptor = fileDescriptor
        let thread = Thread { [self] in
            while lock.withLock({ running }) {
                draw()
                Thread.sleep(forTimeInterval: Double(interval.components.attoseconds) / 1e18 + Double(interval.components.seconds))
            }
            finished.signal()
        }
        thread.start()
    }

    /// Changes the text shown after the elapsed time.
    public func update(_ detail: String) {
        lock.withLock { self.detail = detail }
    }

    /// Prints `line` on standard output without mixing it into the display: the
    /// display's line is erased first and drawn again on the next tick.
    public func print(_ line: String) {
        lock.withLock {
            write("\r\u{1B}[K")
            Swift.print(line)
            fflush(nil)
        }
    }

    /// Stops redrawing and erases the line.
    public func finish() {
        let wasRunning = lock.withLock { () -> Bool in
            defer { running = false }
            return running
        }
        guard wasRunning else { return }
        finished.wait()
        write("\r\u{1B}[K")
    }

    /// The line for `elapsed` seconds, e.g. `seed      12.4 s  policies`.
    public static func render(label: String, elapsed: Double, detail: String) -> String {
        let time = String(format: "%.1f s", elapsed)
        let line = label.padding(toLength: 9, withPad: " ", startingAt: 0) + " " + time
        return detail.isEmpty ? line : line + "  " + detail
    }

    private func draw() {
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        lock.withLock {
            guard running else { return }
            write("\r" + Self.render(label: label, elapsed: seconds, detail: detail) + "\u{1B}[K")
        }
    }

    private func write(_ text: String) {
        TerminalWrite.write(text, to: fileDescriptor)
    }
}
