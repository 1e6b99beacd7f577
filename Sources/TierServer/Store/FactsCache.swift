import TierSync

/// Customers' facts kept between `entitlements.get` requests, forgotten when the rows
/// they were read from change (``FactsInvalidator`` hears that from PostgreSQL).
///
/// Correctness rests on tickets. A request takes a ``ticket()`` (the count of
/// invalidations so far) before it reads the database, and stores what it read with
/// that ticket. An entry is served only while no invalidation of its household (or of
/// everything) has arrived after its ticket was taken: a change that committed while
/// the read was in flight makes the entry stale even if its notification arrives
/// after the entry was stored. What remains is the delivery delay: a change made
/// elsewhere is seen once its notification reaches this daemon (milliseconds), and
/// changes made through this daemon are forgotten at once (``invalidateAll()``).
///
/// The cache serves nothing until the listener reports it is listening, and is
/// emptied whenever it connects or disconnects, since notifications sent meanwhile
/// are lost.
///
/// Eviction is by two generations of at most `capacity / 2` entries each: lookups
/// hit in the recent one or are promoted from the older one, and when the recent
/// one fills, the older one is dropped. That keeps the most used customers at O(1)
/// cost and bounds memory by `capacity` entries.
public final class FactsCache: Sendable {
    /// What an entry is looked up by: the facts depend on the day and the channel.
    public struct Key: Hashable, Sendable {
        public var customerId: Int64
        public var asOf: Int
        public var channel: String

        public init(customerId: Int64, asOf: Int, channel: String) {
            self.customerId = customerId
            self.asOf = asOf
            self.channel = channel
        }
    }

    /// Counts since the daemon started.
    public struct Statistics: Sendable, Equatable {
        public var hits = 0
        public var misses = 0
        /// Loads not kept because an invalidation arrived while they were read.
        public var discarded = 0
        public var invalidations = 0
        public var entries = 0
        public init() {}
    }

    struct Entry {
        var facts: CustomerFacts
        var revision: String
        var ticket: UInt64
    }

    struct State {
        var listening = false
        var generation: UInt64 = 0
        var flushedAt: UInt64 = 0
        var householdStamps: [Int64: UInt64] = [:]
        var recent: [Key: Entry] = [:]
        var older: [Key: Entry] = [:]
        var statistics = Statistics()

        func isFresh(_ entry: Entry) -> Bool {
            entry.ticket >= flushedAt && entry.ticket >= (householdStamps[entry.facts.householdId] ?? 0)
        }

        mutating func flush() {
            generation += 1
            flushedAt = generation
            householdStamps = [:]
            recent = [:]
            older = [:]
        }
    }

    /// The most entries held; 0 turns the cache off.
    public let capacity: Int
    private let state = Locked(State())

    public init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    /// Whether entries may be served and stored (the listener is connected and the
    /// capacity is not 0).
    public var isActive: Bool { capacity > 0 && state.withLock { $0.listening } }

    /// The ticket to store a load under; take it before reading. Nil when inactive.
    public func ticket() -> UInt64? {
        guard capacity > 0 else { return nil }
        return state.withLock { $0.listening ? $0.generation : nil }
    }

    /// The cached facts for `key` loaded under policy `revision`, if still fresh.
    public func lookup(_ key: Key, revision: String) -> CustomerFacts? {
        guard capacity > 0 else { return nil }
        return state.withLock { state in
            guard state.listening else { return nil }
            if let entry = state.recent[key], entry.revision == revision, state.isFresh(entry) {
                state.statistics.hits += 1
                return entry.facts
            }
            if let entry = state.older.removeValue(forKey: key), entry.revision == revision, state.isFresh(entry) {
                state.statistics.hits += 1
                insert(entry, for: key, into: &state)
                return entry.facts
            }
            state.statistics.misses += 1
            return nil
        }
    }

    /// Keeps facts read under `ticket`, unless an invalidation that concerns them has
    /// arrived since (then the read may predate a change, and is dropped).
    public func store(_ facts: CustomerFacts, for key: Key, revision: String, ticket: UInt64) {
        guard capacity > 0 else { return }
        state.withLock { state in
            let entry = Entry(facts: facts, revision: revision, ticket: ticket)
            guard state.listening, state.isFresh(entry) else {
                state.statistics.discarded += 1
                return
            }
            insert(entry, for: key, into: &state)
        }
    }

    /// Forgets every customer of a household.
    public func invalidate(household: Int64) {
        state.withLock { state in
            state.statistics.invalidations += 1
            // Stamps are bounded like the entries: past that, forgetting everything is cheaper.
            guard state.householdStamps.count < max(capacity, 1) else {
                state.flush()
                return
            }
            state.generation += 1
            state.householdStamps[household] = state.generation
        }
    }

    /// Forgets everything.
    public func invalidateAll() {
        state.withLock { state in
            state.statistics.invalidations += 1
            state.flush()
        }
    }

    /// Starts or stops serving; either way everything held is forgotten.
    public func setListening(_ listening: Bool) {
        state.withLock { state in
            state.listening = listening
            state.flush()
        }
    }

    public var statistics: Statistics {
        state.withLock { state in
            var statistics = state.statistics
            statistics.entries = state.recent.count + state.older.count
            return statistics
        }
    }

    private func insert(_ entry: Entry, for key: Key, into state: inout State) {
        if state.recent[key] == nil, state.recent.count >= max(capacity / 2, 1) {
            state.older = state.recent
            state.recent = [:]
            state.recent.reserveCapacity(max(capacity / 2, 1))
        }
        state.recent[key] = entry
    }
}
