import Foundation
import Testing
import TierClient
import TierServer
import TierStore
import TierWire

/// `bundles.recommend` over the Unix socket, and the loyalty job's household grant as
/// `entitlements.get` then sees it.
@Suite(.serialized) struct BundlesAndLoyaltyEndToEndTests {
    @Test func bundlesFollowTheSurveyedRiskProfileOverTheSocket() async throws {
        try await withDaemon(customers: 60) { daemon in
            // Customers 1-3 take a fresh survey; a new customer has none.
            let unsurveyed = try await daemon.query { connection in
                try connection.execute("DELETE FROM risk_surveys WHERE customer_id IN (1, 2, 3)")
                try connection.execute(
                    """
                    INSERT INTO risk_surveys (customer_id, taken_at, instrument, score, profile) VALUES
                        (1, now() - interval '1 minute', 'questionnaire', 15, 'averse'),
                        (2, now() - interval '1 minute', 'game', 90, 'seeking'),
                        (3, now() - interval '1 minute', 'questionnaire', 50, 'neutral')
                    """)
                return try connection.execute(
                    """
                    INSERT INTO customers (name, branch_id, household_id)
                    SELECT '新客户', branch_id, household_id FROM customers WHERE id = 1
                    RETURNING id
                    """).scalar(Int64.self)
            }
            let socket = try TierAddress.parse("unix://" + daemon.socketPath)
            let client = try await daemon.client(.counter, over: socket)
            let revision = daemon.daemon.policies.current.revision

            let averse = try await client.call(BundlesRecommend.self, .init(customerId: 1))
            #expect(averse.revision == revision)
            #expect(averse.bundle == "accident_heavy")
            #expect(averse.segment == "risk_averse")
            #expect(averse.lines == [
                BundleLine(productLine: "accident", share: "0.4"), BundleLine(productLine: "health", share: "0.35"),
                BundleLine(productLine: "life", share: "0.25"),
            ])
            let seeking = try await client.call(BundlesRecommend.self, .init(customerId: 2))
            #expect(seeking.bundle == "investment_linked")
            #expect(seeking.segment == "risk_seeking")
            #expect(seeking.lines.map(\.productLine) == ["investment_linked", "universal_life", "life", "accident"])
            for customer in [3, unsurveyed] {
                let balanced = try await client.call(BundlesRecommend.self, .init(customerId: customer))
                #expect(balanced.bundle == "balanced", "customer \(customer)")
                #expect(balanced.segment == nil, "customer \(customer)")
                #expect(balanced.lines.map(\.productLine) == ["life", "health", "accident"])
            }
            await expectRPCError(.notFound) { _ = try await client.call(BundlesRecommend.self, .init(customerId: 999_999)) }
            await expectRPCError(.invalidParams, path: "params.as_of") {
                _ = try await client.call(BundlesRecommend.self, .init(customerId: 1, asOf: "2026-13-01"))
            }
            let scheduler = try await daemon.client(.scheduler, over: socket)
            await expectRPCError(.forbidden) { _ = try await scheduler.call(BundlesRecommend.self, .init(customerId: 1)) }
            await scheduler.close()
            await client.close()
        }
    }

    @Test func theLoyaltyGrantIsWhatEntitlementsGetCounts() async throws {
        try await withDaemon(customers: 400) { daemon in
            let admin = try await daemon.client(.admin)
            let first = try await admin.call(JobsRun.self, .init(job: "loyalty"))
            #expect(first.status == "succeeded")
            let eligible = try #require(first.counts?["eligible_households"])
            #expect(eligible > 0, "the synthetic branch has loyal households")
            #expect(first.counts == ["eligible_households": eligible, "granted": eligible, "tasks": eligible])
            let second = try await admin.call(JobsRun.self, .init(job: "loyalty"))
            #expect(second.counts == ["eligible_households": eligible, "granted": 0, "tasks": 0])

            // A member of a granted household: the task's customer and the household's grant.
            let (customer, grant) = try await daemon.query { connection in
                let row = try connection.execute(
                    """
                    SELECT t.customer_id, g.id FROM tasks t
                    JOIN entitlement_grants g ON g.id = (t.payload->>'grant_id')::bigint
                    WHERE t.kind = 'loyalty_fulfilment' ORDER BY g.household_id LIMIT 1
                    """)[0]
                return (try row.decode(0, as: Int64.self), try row.decode(1, as: Int64.self))
            }
            let counter = try await daemon.client(.counter)
            func cover() async throws -> EntitlementItem? {
                try await counter.call(EntitlementsGet.self, .init(customerId: customer)).entitlements
                    .first { $0.code == "free_accident_cover" }
            }
            #expect(try await cover()?.quota == QuotaState(count: 1, per: "year", remaining: 1))
            // The household uses its cover: every member sees none left.
            _ = try await daemon.changeFacts { connection in
                try connection.execute(
                    "INSERT INTO entitlement_uses (grant_id, idempotency_key, note) VALUES ($1::bigint, 'loyalty-e2e', 'issued')",
                    [grant])
            }
            #expect(try await cover()?.quota == QuotaState(count: 1, per: "year", remaining: 0))
            await counter.close()
            await admin.close()
        }
    }
}
