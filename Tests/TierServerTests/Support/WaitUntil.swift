import Foundation
import Testing
import TierTestSupport

/// Polls `condition` every 10 ms; fails the test after `seconds` (times
/// `testWaitScale`) instead of waiting forever.
func waitUntil(
    _ what: String, seconds: Int = 30, sourceLocation: SourceLocation = #_sourceLocation,
    _ condition: () async throws -> Bool
) async throws {
    let limit = seconds * testWaitScale
    let deadline = ContinuousClock.now + .seconds(limit)
    while try await !condition() {
        guard ContinuousClock.now < deadline else {
            Issue.record("gave up waiting \(limit) s until \(what)", sourceLocation: sourceLocation)
            throw CancellationError()
        }
        try await Task.sleep(for: .milliseconds(10))
    }
}

/// Polls `condition` every 10 ms for up to `seconds` (times `testWaitScale`) and says
/// whether it came true, for tests that assert on the outcome themselves.
func eventually(seconds: Int = 30, _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + .seconds(seconds * testWaitScale)
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(10))
    }
    return try await condition()
}
