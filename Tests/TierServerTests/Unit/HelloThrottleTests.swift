import Testing
import TierServer

/// The failed-hello ledger, driven with explicit instants.
@Suite struct HelloThrottleTests {
    let start = ContinuousClock.now

    @Test func refusesAfterTheLimitUntilTheWindowEnds() {
        var ledger = HelloThrottle.Ledger(maxFailures: 3, window: .seconds(60))
        for second in 0..<2 { ledger.recordFailure(from: "10.0.0.1", now: start + .seconds(second)) }
        #expect(ledger.refusal(for: "10.0.0.1", now: start + .seconds(2)) == nil)
        ledger.recordFailure(from: "10.0.0.1", now: start + .seconds(2))
        #expect(ledger.refusal(for: "10.0.0.1", now: start + .seconds(3)) == .seconds(57))
        #expect(ledger.refusal(for: "10.0.0.2", now: start + .seconds(3)) == nil)
        #expect(ledger.refusal(for: "10.0.0.1", now: start + .seconds(60)) == nil)
        // A failure after the window starts a new one.
        ledger.recordFailure(from: "10.0.0.1", now: start + .seconds(61))
        #expect(ledger.refusal(for: "10.0.0.1", now: start + .seconds(61)) == nil)
    }

    @Test func zeroTurnsItOff() {
        var ledger = HelloThrottle.Ledger(maxFailures: 0, window: .seconds(60))
        for _ in 0..<100 { ledger.recordFailure(from: "a", now: start) }
        #expect(ledger.refusal(for: "a", now: start) == nil)
        #expect(ledger.addressCount == 0)
    }

    @Test func memoryIsBoundedEndedWindowsFirst() {
        var ledger = HelloThrottle.Ledger(maxFailures: 1, window: .seconds(10), maxAddresses: 3)
        ledger.recordFailure(from: "old", now: start)
        ledger.recordFailure(from: "b", now: start + .seconds(5))
        ledger.recordFailure(from: "c", now: start + .seconds(6))
        ledger.recordFailure(from: "d", now: start + .seconds(11))
        #expect(ledger.addressCount == 3)
        #expect(ledger.refusal(for: "b", now: start + .seconds(11)) != nil)
        // All windows live: the oldest goes.
        ledger.recordFailure(from: "e", now: start + .seconds(12))
        #expect(ledger.addressCount == 3)
        #expect(ledger.refusal(for: "b", now: start + .seconds(12)) == nil)
        #expect(ledger.refusal(for: "e", now: start + .seconds(12)) != nil)
    }
}
