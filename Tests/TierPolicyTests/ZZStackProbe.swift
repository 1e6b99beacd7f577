import Foundation
import Testing
import TierPolicy

@Suite struct ZZStackProbe {
    @Test(arguments: [524288])
    func probe(size: Int) {
        let texts = [
            String(repeating: "(", count: 64) + "a" + String(repeating: ")", count: 64),
            String(repeating: "[", count: 64) + "a" + String(repeating: "]", count: 64),
            String(repeating: "f(", count: 64) + "a" + String(repeating: ")", count: 64),
            String(repeating: "a ? b : ", count: 64) + "a",
            String(repeating: "- ", count: 64) + "a",
            String(repeating: "(", count: 100_000),
        ]
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            print("thread up"); for (i, text) in texts.enumerated() { print("text", i); _ = ExpressionParser.parse(text, at: PolicyLocation(file: "x", line: 1, column: 1)) }
            done.signal()
        }
        thread.stackSize = size
        thread.start()
        done.wait()
        print("ok \(size)")
    }
}
