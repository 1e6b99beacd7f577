import Foundation
import TierBenchKit

/// The figures of one load run, as a table for people or one JSON object for scripts.
struct LoadReport {
    var statistics: LoadStatistics
    var seconds: Double
    var connections: Int
    var pipeline: Int
    var rate: Double
    var mix: String

    var throughput: Double { Double(statistics.completed - statistics.errorCount) / seconds }

    func table() -> String {
        let s = statistics
        var lines = [
            "mix:          \(mix)",
            "connections:  \(connections) × pipeline \(pipeline), \(rate == 0 ? "flat out" : "\(Int(rate)) requests/s")",
            "answered:     \(s.completed) in \(seconds) s (\(s.errorCount) errors, \(s.unanswered) unanswered)",
            String(format: "throughput:   %.0f ok/s", throughput),
            String(format: "latency ms:   p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f",
                   s.milliseconds(atPercentile: 50), s.milliseconds(atPercentile: 90), s.milliseconds(atPercentile: 99),
                   s.milliseconds(atPercentile: 99.9), Double(s.latency.max) / 1000),
        ]
        for (code, count) in s.errors.sorted(by: { $0.key < $1.key }) {
            lines.append("error:        \(code) × \(count)")
        }
        return lines.joined(separator: "\n")
    }

    func json() -> String {
        let s = statistics
        let object: [String: Any] = [
            "mix": mix, "connections": connections, "pipeline": pipeline, "rate": rate, "seconds": seconds,
            "answered": s.completed, "errors": s.errors, "unanswered": s.unanswered, "ok_per_second": throughput,
            "p50_ms": s.milliseconds(atPercentile: 50), "p90_ms": s.milliseconds(atPercentile: 90),
            "p99_ms": s.milliseconds(atPercentile: 99), "p999_ms": s.milliseconds(atPercentile: 99.9),
            "max_ms": Double(s.latency.max) / 1000,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
