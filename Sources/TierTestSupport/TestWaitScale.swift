import Foundation

/// How much longer than written a test's bounded waits may last.
///
/// A sanitizer slows every thread several times over, so a wait that is generous in a
/// plain run can run out there. `scripts/test --sanitize …` sets
/// `TIERD_TEST_WAIT_SCALE`; a plain run waits as written.
public let testWaitScale: Int = {
    guard let text = ProcessInfo.processInfo.environment["TIERD_TEST_WAIT_SCALE"], let scale = Int(text), scale >= 1 else {
        return 1
    }
    return scale
}()
