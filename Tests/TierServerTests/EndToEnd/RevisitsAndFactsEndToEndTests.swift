import Foundation
import Testing
import TierClient
import TierServer
import TierStore
import TierWire

@Suite(.serialized) struct RevisitsAndFactsEndToEndTests {
    @Test func revisitPagesVisitEveryLapsedCustomerOnce() async throws {
        try await withDaemon(customers: 400) { daemon in
            let scheduler = try await daemon.client(.scheduler)
            var seen: [Int64] = []
            var cursor: String?
            var pages = 0
            repeat {
                let page = try await scheduler.call(RevisitsList.self, .init(limit: 25, cursor: cursor))
                #expect(page.lapseDays == 730)
                #expect(page.customers.count <= 25)
                for customer in page.customers {
                    #expect(customer.daysSinceLastPurchase > 730)
                    if let phone = customer.phoneMasked { #expect(phone.contains("*")) }
                }
                seen += page.customers.map(\.customerId)
                cursor = page.nextCursor
                pages += 1
            } while cursor != nil && pages < 1000
            let expected = try await daemon.query { connection in
                try connection.execute(
                    """
                    SELECT count(*) FROM (
                        SELECT customer_id FROM policies WHERE issued_on <= current_date
                        GROUP BY customer_id HAVING max(issued_on) < current_date - 730) lapsed
                    """).scalar(Int.self)
            }
            #expect(seen.count == expected)
            #expect(Set(seen).count == seen.count, "a customer appeared on two pages")
            #expect(expected > 0, "the synthetic branch has lapsed customers")
            await scheduler.close()
        }
    }

    @Test func factUpsertsAreIdempotentValidatedAndAudited() async throws {
        try await withDaemon(customers: 30) { daemon in
            let admin = try await daemon.client(.policyAdmin)
            let branch = try await daemon.query { try $0.execute("SELECT code FROM branches ORDER BY id LIMIT 1").scalar(String.self) }
            let params = FactsCustomerUpsert.Params(
                externalId: "PAS-77", name: "王小明", gender: "male", birthDate: "1980-05-06", phone: "13812345678", branch: branch)
            let created = try await admin.call(FactsCustomerUpsert.self, params)
            let again = try await admin.call(FactsCustomerUpsert.self, params)
            #expect(created.created)
            #expect(!again.created)
            #expect(created.id == again.id)
            var bad = params
            bad.gender = "robot"
            await expectRPCError(.invalidParams, path: "params.gender") { _ = try await admin.call(FactsCustomerUpsert.self, bad) }
            var badDate = params
            badDate.birthDate = "1980-13-01"
            await expectRPCError(.invalidParams, path: "params.birth_date") { _ = try await admin.call(FactsCustomerUpsert.self, badDate) }

            let policy = FactsPolicyUpsert.Params(
                policyNo: "P-77-1", customerExternalId: "PAS-77", productCode: "ACC1", productLine: "accident", term: "long",
                premium: "1200.50", issuedOn: "2025-01-02", channel: "counter")
            let issued = try await admin.call(FactsPolicyUpsert.self, policy)
            #expect(try await admin.call(FactsPolicyUpsert.self, policy).id == issued.id)
            var both = policy
            both.customerId = created.id
            await expectRPCError(.invalidParams) { _ = try await admin.call(FactsPolicyUpsert.self, both) }

            let audited = try await daemon.query { connection in
                try connection.execute(
                    "SELECT count(*) FROM audit_log WHERE principal = 'test-policy_admin' AND action LIKE 'facts.%'").scalar(Int.self)
            }
            #expect(audited >= 2)
            let got = try await daemon.client(.counter).call(EntitlementsGet.self, .init(customerId: created.id))
            #expect(got.newOrReturning == "returning")
            await admin.close()
        }
    }
}
