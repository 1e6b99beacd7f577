import TierSync

/// Failed `session.hello` calls counted per client address, across connections.
///
/// After `maxFailures` failures from one address within a window of `window` that
/// starts at its first failure, hellos from that address are refused, without a
/// token check, until the window ends. Tokens carry 256 random bits, so guessing one
/// is hopeless anyway; the throttle keeps floods of guesses off the database and
/// bounds what one address can try. A successful hello does not reset the count, so
/// a holder of one valid token cannot interleave guesses for free.
///
/// At most `maxAddresses` addresses are remembered: past that, windows that ended
/// are dropped first, then the oldest windows.
public final class HelloThrottle: Sendable {
    /// Plain state, without locking or clock: what the tests drive.
    public struct Ledger: Sendable {
        public let maxFailures: Int
        public let window: Duration
        public let maxAddresses: Int
        private var entries: [String: Entry] = [:]

        struct Entry: Sendable {
            var started: ContinuousClock.Instant
            var failures: Int
        }

        public init(maxFailures: Int, window: Duration, maxAddresses: Int = 65_536) {
            self.maxFailures = maxFailures
            self.window = window
            self.maxAddresses = maxAddresses
        }

        /// How long hellos from `address` stay refused, or nil when one may be checked.
        public func refusal(for address: String, now: ContinuousClock.Instant) -> Duration? {
            guard maxFailures > 0, let entry = entries[address] else { return nil }
            let ends = entry.started + window
            guard entry.failures >= maxFailures, now < ends else { return nil }
            return ends - now
        }

        /// Counts a failed hello from `address`.
        public mutating func recordFailure(from address: String, now: ContinuousClock.Instant) {
            guard maxFailures > 0 else { return }
            if var entry = entries[address], now < entry.started + window {
                entry.failures += 1
                entries[address] = entry
            } else {
                entries[address] = Entry(started: now, failures: 1)
                if entries.count > maxAddresses { prune(now: now) }
            }
        }

        /// How many addresses are remembered.
        public var addressCount: Int { entries.count }

        private mutating func prune(now: ContinuousClock.Instant) {
            let window = self.window
            entries = entries.filter { now < $0.value.started + window }
            guard entries.count > maxAddresses else { return }
            let oldest = entries.sorted { $0.value.started < $1.value.started }.prefix(entries.count - maxAddresses)
            for (address, _) in oldest { entries[address] = nil }
        }
    }

    private let ledger: Locked<Ledger>

    /// A throttle allowing `maxFailures` failed hellos per address per `window`;
    /// `maxFailures` 0 turns it off.
    public init(maxFailures: Int, window: Duration) {
        ledger = Locked(Ledger(maxFailures: maxFailures, window: window))
    }

    /// How long hellos from `address` stay refused, or nil when one may be checked.
    public func refusal(for address: String) -> Duration? {
        let now = ContinuousClock.now
        return ledger.withLock { $0.refusal(for: address, now: now) }
    }

    /// Counts a failed hello from `address`.
    public func recordFailure(from address: String) {
        let now = ContinuousClock.now
        ledger.withLock { $0.recordFailure(from: address, now: now) }
    }
}
