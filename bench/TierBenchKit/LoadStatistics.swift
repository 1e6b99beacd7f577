import Histogram

/// What one connection (or, merged, the whole run) saw inside the measured window:
/// latencies in microseconds, answers, and errors by the daemon's error code.
public struct LoadStatistics: Sendable {
    /// Microseconds, 1 µs to 60 s, 3 significant digits (HdrHistogram).
    public private(set) var latency = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
    public private(set) var completed: Int64 = 0
    public private(set) var errors: [String: Int64] = [:]
    /// Requests that got no answer before the run ended (still in flight, or the
    /// connection closed under them).
    public var unanswered: Int64 = 0

    public init() {}

    /// One answer: `errorCode` nil for a result.
    public mutating func record(microseconds: UInt64, errorCode: String?) {
        _ = latency.record(min(max(microseconds, 1), 60_000_000))
        completed += 1
        if let errorCode { errors[errorCode, default: 0] += 1 }
    }

    public mutating func merge(_ other: LoadStatistics) {
        latency.add(other.latency)
        completed += other.completed
        unanswered += other.unanswered
        for (code, count) in other.errors { errors[code, default: 0] += count }
    }

    public var errorCount: Int64 { errors.values.reduce(0, +) }

    /// A latency percentile in milliseconds.
    public func milliseconds(atPercentile percentile: Double) -> Double {
        Double(latency.valueAtPercentile(percentile)) / 1000
    }
}
