import Foundation
import Testing
import TierImport

/// The display of long jobs without a total (seed, job run).
struct TerminalActivityTests {
    @Test func rendersLabelTimeAndDetail() {
        #expect(TerminalActivity.render(label: "seed", elapsed: 12.44, detail: "policies loaded") == "seed      12.4 s  policies loaded")
        #expect(TerminalActivity.render(label: "classify", elapsed: 0, detail: "") == "classify  0.0 s")
    }

    @Test func redrawsInPlaceUntilFinishedThenErasesItsLine() throws {
        let pipe = Pipe()
        let activity = TerminalActivity(label: "job", fileDescriptor: pipe.fileHandleForWriting.fileDescriptor, interval: .milliseconds(5))
        activity.update("step two")
        var seen = ""
        while !seen.contains("step two") {
            seen += String(decoding: pipe.fileHandleForReading.availableData, as: UTF8.self)
        }
        activity.finish()
        activity.finish()
        try pipe.fileHandleForWriting.close()
        seen += String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(seen.hasPrefix("\rjob "))
        #expect(seen.hasSuffix("step two\u{1B}[K\r\u{1B}[K"), "the last draw, then the line erased once")
        #expect(!seen.contains("\n"), "everything on one line")
    }
}
