import Testing
@testable import TierBenchKit

@Suite struct LoadStatisticsTests {
    @Test func mergingAddsCountsErrorsAndLatencies() {
        var a = LoadStatistics()
        for value in 1...99 { a.record(microseconds: UInt64(value) * 100, errorCode: nil) }
        var b = LoadStatistics()
        b.record(microseconds: 50_000, errorCode: "overloaded")
        b.unanswered = 2
        a.merge(b)
        #expect(a.completed == 100)
        #expect(a.errors == ["overloaded": 1])
        #expect(a.errorCount == 1)
        #expect(a.unanswered == 2)
        #expect(abs(a.milliseconds(atPercentile: 50) - 5.0) < 0.01)
        #expect(abs(a.milliseconds(atPercentile: 100) - 50.0) < 0.1)
    }
}
