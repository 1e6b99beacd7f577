import Foundation
import Testing
import TierPolicy

/// The parser must fit in the smallest stacks it may run on: 512 KiB is the default for
/// secondary threads (and Swift concurrency's threads) on macOS. Debug builds use the most.
@Suite struct ParserStackTests {
    /// Runs `work` on a thread with a 512 KiB stack and returns what it returned.
    private static func onSmallStack(_ work: @escaping @Sendable () -> [Bool]) -> [Bool] {
        final class Box: @unchecked Sendable { var value: [Bool] = [] }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.value = work()
            done.signal()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        done.wait()
        return box.value
    }

    @Test func deepestAcceptedAndRefusedNestingFitInASmallStack() {
        let results = Self.onSmallStack {
            let start = PolicyLocation(file: "p.yaml", line: 1, column: 1)
            let accepted = [
                String(repeating: "f(", count: 64) + "a" + String(repeating: ")", count: 64),
                String(repeating: "[", count: 64) + "a" + String(repeating: "]", count: 64),
                String(repeating: "(", count: 64) + "a" + String(repeating: ")", count: 64),
                String(repeating: "a ? b : ", count: 64) + "c",
                String(repeating: "!", count: 64) + "a",
            ]
            let refused = ["f(", "[", "(", "!", "a ? ", "- "].map { String(repeating: $0, count: 100_000) }
            return accepted.map { (try? ExpressionParser.parse($0, at: start).get()) != nil }
                + refused.map { (try? ExpressionParser.parse($0, at: start).get()) == nil }
        }
        #expect(results == Array(repeating: true, count: 11))
    }
}
