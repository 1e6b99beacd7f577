import Dispatch
import Testing
import TierSync

/// The pthread-backed lock: every update made under it from many threads counts.
@Suite struct LockedTests {
    @Test func concurrentUpdatesUnderTheLockAreNeverLost() {
        let counter = Locked(0)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<10_000 { counter.withLock { $0 += 1 } }
        }
        #expect(counter.withLock { $0 } == 80_000)
    }

    @Test func aTypedErrorThrownInsideComesOutAndReleasesTheLock() {
        struct Refused: Error {}
        let value = Locked("x")
        #expect(throws: Refused.self) { try value.withLock { (_: inout String) throws(Refused) in throw Refused() } }
        #expect(value.withLock { $0 } == "x")
    }
}
