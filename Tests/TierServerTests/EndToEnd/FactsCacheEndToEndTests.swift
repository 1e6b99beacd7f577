import Foundation
import Testing
import TierClient
import TierServer
import TierStore
import TierWire

/// `entitlements.get` serves repeated customers from the facts cache, and a change made
/// behind the daemon's back (plain SQL) or through it reaches the next answer.
@Suite(.serialized) struct FactsCacheEndToEndTests {
    /// Waits (up to 30 s) until the daemon's cache is serving.
    private func cacheServing(_ harness: DaemonHarness) async throws {
        #expect(try await eventually { harness.daemon.factsCache.isActive })
    }

    /// A customer who is neither an employee nor registered family, and their branch.
    private func outsider(_ harness: DaemonHarness) async throws -> (customer: Int64, branch: Int64) {
        try await harness.query { connection in
            let row = try connection.execute("""
                SELECT c.id, c.branch_id FROM customers c
                WHERE NOT EXISTS (SELECT 1 FROM employees e WHERE e.customer_id = c.id)
                  AND NOT EXISTS (SELECT 1 FROM employee_family_members f WHERE f.customer_id = c.id)
                ORDER BY c.id LIMIT 1
                """)[0]
            return (try row.decode(0), try row.decode(1))
        }
    }

    @Test func aChangeMadeInSQLReachesTheNextAnswer() async throws {
        try await withDaemon(customers: 50) { harness in
            try await cacheServing(harness)
            let cache = harness.daemon.factsCache
            let (customer, branch) = try await outsider(harness)
            let client = try await harness.client(.counter)
            let before = try await client.call(EntitlementsGet.self, .init(customerId: customer, channel: "counter"))
            #expect(!before.entitlements.map(\.code).contains("staff_discount"))
            let hits = cache.statistics.hits
            let again = try await client.call(EntitlementsGet.self, .init(customerId: customer, channel: "counter"))
            #expect(cache.statistics.hits == hits + 1)
            #expect(again.entitlements.map(\.code) == before.entitlements.map(\.code))

            let invalidations = cache.statistics.invalidations
            _ = try await harness.changeFacts { connection in
                try connection.execute(
                    "INSERT INTO employees (customer_id, employee_no, branch_id, hired_on) VALUES ($1::bigint, 'E-CACHE', $2::bigint, '2000-01-01')",
                    [customer, branch])
            }
            #expect(cache.statistics.invalidations > invalidations)
            let after = try await client.call(EntitlementsGet.self, .init(customerId: customer, channel: "counter"))
            #expect(after.entitlements.map(\.code).contains("staff_discount"))
            await client.close()
        }
    }

    @Test func aWriteThroughTheDaemonEmptiesTheCacheBeforeItAnswers() async throws {
        try await withDaemon(customers: 50) { harness in
            try await cacheServing(harness)
            let cache = harness.daemon.factsCache
            let (customer, _) = try await outsider(harness)
            let counter = try await harness.client(.counter)
            _ = try await counter.call(EntitlementsGet.self, .init(customerId: customer))
            #expect(cache.statistics.entries > 0)
            let admin = try await harness.client(.policyAdmin)
            _ = try await admin.call(FactsComplaintRecord.self, .init(
                externalId: "CP-CACHE", customerId: customer, receivedAt: "2026-01-05T09:00:00Z", category: "service"))
            // Emptied when the write returned, not when its notification arrives.
            #expect(cache.statistics.entries == 0)
            let misses = cache.statistics.misses
            _ = try await counter.call(EntitlementsGet.self, .init(customerId: customer))
            #expect(cache.statistics.misses == misses + 1)
            await counter.close()
            await admin.close()
        }
    }

    @Test func capacityZeroReadsTheDatabaseEveryTime() async throws {
        try await withDaemon(customers: 20, configure: { $0.factsCache.capacity = 0 }) { harness in
            let client = try await harness.client(.counter)
            for _ in 0..<3 { _ = try await client.call(EntitlementsGet.self, .init(customerId: 1)) }
            #expect(!harness.daemon.factsCache.isActive)
            #expect(harness.daemon.factsCache.statistics == FactsCache.Statistics())
            await client.close()
        }
    }
}
