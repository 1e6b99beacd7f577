import Foundation
import Testing

/// How much longer than written a test's bounded waits may last.
///
/// A sanitizer slows every thread several times over, so a wait that is generous in a
/// plain run can run out there. `scripts/test --sanitize …` sets
/// `TIERD_TEST_WAIT_SCALE`; a plain run waits as written.
let testWaitScale: Int = {
    guard let text = ProcessInfo.processInfo.environment["TIERD_TEST_WAIT_SCALE"], let scale = Int(text), scale >= 1 else {
        return 1
    }
    return scale
}()

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
