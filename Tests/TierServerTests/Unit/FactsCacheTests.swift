import Testing
import TierPolicy
@testable import TierServer
import TierStore

/// The facts cache serves an entry only while no invalidation of its household (or of
/// everything) has arrived since the read it came from began, and only while listening.
@Suite struct FactsCacheTests {
    private static func facts(customer: Int64, household: Int64, premium: String = "100.00") throws -> CustomerFacts {
        let set = try FactSet([
            "context.as_of": .date(20_000), "context.channel": .string("counter"),
            "customer.id": .int(customer), "customer.gender": .string("female"), "customer.branch": .string("SH01"),
            "customer.since": .date(15_000), "staff.is_employee": .bool(false), "staff.is_family": .bool(false),
            "household.size": .int(2), "household.long_term_policies": .int(1),
            "household.annual_premium": .decimal(FixedDecimal(premium)!),
            "history.active_policies": .int(1), "history.long_term_policies": .int(1), "history.lapsed_policies": .int(0),
            "history.annual_premium": .decimal(FixedDecimal(premium)!), "history.purchases": .int(1),
            "history.product_lines": .list([.string("life")]), "history.referred_policies": .int(0),
            "complaints.open": .int(0), "complaints.upheld_mis_selling": .int(0),
        ])
        return CustomerFacts(facts: set, customerId: customer, householdId: household, branch: "SH01", quotaUsed: [:])
    }

    private static func key(_ customer: Int64) -> FactsCache.Key {
        FactsCache.Key(customerId: customer, asOf: 20_000, channel: "counter")
    }

    private static func listening(capacity: Int = 100) -> FactsCache {
        let cache = FactsCache(capacity: capacity)
        cache.setListening(true)
        return cache
    }

    /// Stores customer `id` of `household` read under a ticket taken now.
    private static func load(_ cache: FactsCache, _ id: Int64, household: Int64, revision: String = "r1") throws {
        let ticket = try #require(cache.ticket())
        cache.store(try facts(customer: id, household: household), for: key(id), revision: revision, ticket: ticket)
    }

    @Test func nothingIsServedOrKeptUntilTheListenerIsConnected() throws {
        let cache = FactsCache(capacity: 100)
        #expect(cache.ticket() == nil)
        cache.store(try Self.facts(customer: 1, household: 1), for: Self.key(1), revision: "r1", ticket: 0)
        #expect(cache.lookup(Self.key(1), revision: "r1") == nil)
        #expect(cache.statistics.entries == 0)

        cache.setListening(true)
        try Self.load(cache, 1, household: 1)
        #expect(cache.lookup(Self.key(1), revision: "r1")?.customerId == 1)
        // A lost connection loses notifications: everything goes, and nothing is served.
        cache.setListening(false)
        #expect(cache.lookup(Self.key(1), revision: "r1") == nil)
        #expect(cache.ticket() == nil)
        cache.setListening(true)
        #expect(cache.lookup(Self.key(1), revision: "r1") == nil)
    }

    @Test func anEntryIsServedForItsKeyAndRevisionOnly() throws {
        let cache = Self.listening()
        try Self.load(cache, 1, household: 10)
        #expect(cache.lookup(Self.key(1), revision: "r1")?.householdId == 10)
        #expect(cache.lookup(Self.key(1), revision: "r2") == nil)
        #expect(cache.lookup(FactsCache.Key(customerId: 1, asOf: 20_001, channel: "counter"), revision: "r1") == nil)
        #expect(cache.lookup(FactsCache.Key(customerId: 1, asOf: 20_000, channel: "app"), revision: "r1") == nil)
        #expect(cache.lookup(Self.key(2), revision: "r1") == nil)
        let statistics = cache.statistics
        #expect(statistics.hits == 1)
        #expect(statistics.misses == 4)
    }

    @Test func aHouseholdInvalidationForgetsItsMembersOnly() throws {
        let cache = Self.listening()
        try Self.load(cache, 1, household: 10)
        try Self.load(cache, 2, household: 10)
        try Self.load(cache, 3, household: 11)
        cache.invalidate(household: 10)
        #expect(cache.lookup(Self.key(1), revision: "r1") == nil)
        #expect(cache.lookup(Self.key(2), revision: "r1") == nil)
        #expect(cache.lookup(Self.key(3), revision: "r1") != nil)
        // Read again after the change: served again.
        try Self.load(cache, 1, household: 10)
        #expect(cache.lookup(Self.key(1), revision: "r1") != nil)
    }

    @Test func aReadThatAChangeOvertookIsNotKept() throws {
        let cache = Self.listening()
        // The read began, then the change's notification arrived, then the read finished.
        let ticket = try #require(cache.ticket())
        cache.invalidate(household: 10)
        cache.store(try Self.facts(customer: 1, household: 10), for: Self.key(1), revision: "r1", ticket: ticket)
        #expect(cache.lookup(Self.key(1), revision: "r1") == nil)
        #expect(cache.statistics.discarded == 1)
        // Another household's change does not concern it.
        let other = try #require(cache.ticket())
        cache.invalidate(household: 11)
        cache.store(try Self.facts(customer: 1, household: 10), for: Self.key(1), revision: "r1", ticket: other)
        #expect(cache.lookup(Self.key(1), revision: "r1") != nil)
    }

    @Test func aNotificationArrivingAfterTheStoreStillForgetsTheRead() throws {
        let cache = Self.listening()
        let ticket = try #require(cache.ticket())
        cache.store(try Self.facts(customer: 1, household: 10), for: Self.key(1), revision: "r1", ticket: ticket)
        cache.invalidate(household: 10)
        #expect(cache.lookup(Self.key(1), revision: "r1") == nil)
    }

    @Test func invalidatingEverythingForgetsEveryEntryAndEveryReadInFlight() throws {
        let cache = Self.listening()
        try Self.load(cache, 1, household: 10)
        let inFlight = try #require(cache.ticket())
        cache.invalidateAll()
        #expect(cache.lookup(Self.key(1), revision: "r1") == nil)
        cache.store(try Self.facts(customer: 2, household: 12), for: Self.key(2), revision: "r1", ticket: inFlight)
        #expect(cache.lookup(Self.key(2), revision: "r1") == nil)
        #expect(cache.statistics.entries == 0)
    }

    @Test func theCapacityBoundsTheEntriesAndKeepsWhatIsUsed() throws {
        let cache = Self.listening(capacity: 10)
        for id: Int64 in 1...5 { try Self.load(cache, id, household: id) }
        // Customer 1 is used again while the others are not.
        for id in 6...10 {
            #expect(cache.lookup(Self.key(1), revision: "r1") != nil)
            try Self.load(cache, Int64(id), household: Int64(id))
        }
        for id in 11...14 { try Self.load(cache, Int64(id), household: Int64(id)) }
        #expect(cache.statistics.entries <= 10)
        #expect(cache.lookup(Self.key(1), revision: "r1") != nil)
        #expect(cache.lookup(Self.key(2), revision: "r1") == nil)
        #expect(cache.lookup(Self.key(14), revision: "r1") != nil)
    }

    @Test func tooManyHouseholdStampsFlushEverything() throws {
        let cache = Self.listening(capacity: 4)
        try Self.load(cache, 1, household: 1)
        for household in Int64(100)..<104 { cache.invalidate(household: household) }
        #expect(cache.lookup(Self.key(1), revision: "r1") != nil)
        cache.invalidate(household: 104)
        #expect(cache.lookup(Self.key(1), revision: "r1") == nil)
    }

    @Test func capacityZeroKeepsNothing() throws {
        let cache = FactsCache(capacity: 0)
        cache.setListening(true)
        #expect(!cache.isActive)
        #expect(cache.ticket() == nil)
        cache.store(try Self.facts(customer: 1, household: 1), for: Self.key(1), revision: "r1", ticket: 0)
        #expect(cache.lookup(Self.key(1), revision: "r1") == nil)
    }

    @Test func listenerEventsDriveTheCache() throws {
        let cache = FactsCache(capacity: 100)
        FactsInvalidator.apply(.connected, to: cache)
        #expect(cache.isActive)
        try Self.load(cache, 1, household: 10)
        try Self.load(cache, 2, household: 11)
        FactsInvalidator.apply(.notification(PGNotification(channel: "tierd_facts", payload: "10", senderPID: 1)), to: cache)
        #expect(cache.lookup(Self.key(1), revision: "r1") == nil)
        #expect(cache.lookup(Self.key(2), revision: "r1") != nil)
        FactsInvalidator.apply(.notification(PGNotification(channel: "tierd_facts", payload: "*", senderPID: 1)), to: cache)
        #expect(cache.lookup(Self.key(2), revision: "r1") == nil)
        try Self.load(cache, 2, household: 11)
        FactsInvalidator.apply(.disconnected(PGError(.connectionLost, "gone")), to: cache)
        #expect(!cache.isActive)
        #expect(cache.lookup(Self.key(2), revision: "r1") == nil)
    }
}
