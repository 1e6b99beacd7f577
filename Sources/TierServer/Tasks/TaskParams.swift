import Foundation
import TierWire

/// Checks of the `tasks.*` params that several methods share, run before any
/// database work. Each failure is `invalid_params` naming the field.
enum TaskParams {
    /// Tasks one claim hands out, when `limit` is absent, and at most.
    static let defaultLimit = 10
    static let maximumLimit = 100
    /// Lease lengths in seconds: long enough for a heartbeat to arrive, short enough
    /// that a crashed worker's tasks come back within the hour.
    static let defaultLeaseSeconds = 300
    static let leaseSecondsRange = 5...3600
    /// Outcomes are words like kinds (`tasks_outcome_check`), at most this long.
    static let longestOutcome = 100
    /// The longest `error` of `tasks.fail` and `note` of `tasks.complete` (`tasks_note_check`).
    static let longestText = 2000

    /// The claim size: 1 to 100, 10 when absent.
    static func limit(_ value: Int?) throws(RPCError) -> Int {
        guard let value else { return defaultLimit }
        guard (1...maximumLimit).contains(value) else {
            throw RPCError.invalidParams(path: "params.limit", "limit is 1 to \(maximumLimit), not \(value)")
        }
        return value
    }

    /// The lease length: 5 to 3600 seconds, 300 when absent.
    static func leaseSeconds(_ value: Int?) throws(RPCError) -> Int {
        guard let value else { return defaultLeaseSeconds }
        guard leaseSecondsRange.contains(value) else {
            throw RPCError.invalidParams(
                path: "params.lease_seconds",
                "lease_seconds is \(leaseSecondsRange.lowerBound) to \(leaseSecondsRange.upperBound), not \(value)")
        }
        return value
    }

    /// The kinds filter: nil for every kind, else at least one lower_snake_case word.
    static func kinds(_ value: [String]?) throws(RPCError) -> [String]? {
        guard let value else { return nil }
        guard !value.isEmpty else {
            throw RPCError.invalidParams(path: "params.kinds", "kinds must list at least one kind; leave it out for every kind")
        }
        for (index, kind) in value.enumerated() where !TaskKinds.isValid(kind) {
            throw RPCError.invalidParams(path: "params.kinds[\(index)]", "a task kind is a lower_snake_case word, not '\(kind)'")
        }
        return value
    }

    /// The fencing token `tasks.claim` returned.
    static func leaseToken(_ value: String) throws(RPCError) -> UUID {
        guard let token = UUID(uuidString: value) else {
            throw RPCError.invalidParams(path: "params.lease_token", "lease_token is the UUID tasks.claim returned, not '\(value)'")
        }
        return token
    }

    /// An outcome: a lower_snake_case word of at most 100 characters.
    static func outcome(_ value: String) throws(RPCError) -> String {
        // Kinds and outcomes have the same shape (`tasks_kind_check`, `tasks_outcome_check`).
        guard TaskKinds.isValid(value), value.count <= longestOutcome else {
            throw RPCError.invalidParams(
                path: "params.outcome",
                "outcome is a lower_snake_case word of at most \(longestOutcome) characters, such as reached or no_answer, not '\(value)'")
        }
        return value
    }

    /// `retry_at`: an RFC 3339 instant after `now`, or nil for the back-off.
    static func retryAt(_ value: String?, after now: Date) throws(RPCError) -> Date? {
        guard let value else { return nil }
        let instant = try FieldCheck.instant(value, "retry_at")
        guard instant > now else {
            throw RPCError.invalidParams(path: "params.retry_at", "retry_at must be in the future, not \(value)")
        }
        return instant
    }

    /// The back-off before a failed task is retried: 30 s after the first attempt,
    /// doubling with each one, at most an hour.
    static func backoffSeconds(afterAttempt attempts: Int) -> Int {
        let doublings = min(max(attempts - 1, 0), 7)  // 30 s × 2^7 is past the hour already
        return min(30 << doublings, 3600)
    }
}
