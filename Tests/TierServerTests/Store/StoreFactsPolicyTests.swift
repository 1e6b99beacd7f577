import Foundation
import Testing
import TierServer
import TierStore
import TierTestSupport
import TierWire

/// `facts.policy.upsert` and `facts.family.link`.
@Suite struct StoreFactsPolicyTests {
    static let policy = FactsPolicyUpsert.Params(
        policyNo: "P-77-1", customerExternalId: "PAS-2", productCode: "ACC1", productLine: "accident", term: "long",
        premium: "1200.50", issuedOn: "2025-01-02", channel: "counter", sellingAgentNo: "A001", referringEmployeeNo: "E001")

    private func upsert(_ params: FactsPolicyUpsert.Params, _ store: StoreDatabase) async throws -> FactsUpsertResult {
        try await FactsService.upsertPolicy(params, principal: FactsFixture.admin, pool: store.pool)
    }

    private func link(_ params: FactsFamilyLink.Params, _ store: StoreDatabase) async throws -> FactsUpsertResult {
        try await FactsService.linkFamily(params, principal: FactsFixture.admin, pool: store.pool)
    }

    @Test func policyCreateReplayUpdate() async throws {
        let store = try await StoreDatabase.make(script: FactsFixture.script)
        let created = try await upsert(Self.policy, store)
        #expect(created.created)
        #expect(try await upsert(Self.policy, store) == FactsUpsertResult(id: created.id, created: false))
        let row = try await store.query { connection in
            try connection.execute(
                "SELECT customer_id, premium::text, premium_frequency, status, selling_agent_id, referring_employee_id FROM policies WHERE policy_no = 'P-77-1'")[0]
        }
        #expect(try row.decode(0, as: Int64.self) == 2)
        #expect(try row.decode(1, as: String.self) == "1200.50")
        #expect(try row.decode(2, as: String.self) == "annual")
        #expect(try row.decode(3, as: String.self) == "active")
        #expect(try row.decode(4, as: Int64?.self) == 1)
        #expect(try row.decode(5, as: Int64?.self) == 1)
        var lapsed = Self.policy
        lapsed.status = "lapsed"
        lapsed.lapsedOn = "2026-01-02"
        lapsed.customerExternalId = nil
        lapsed.customerId = 2
        #expect(try await upsert(lapsed, store) == FactsUpsertResult(id: created.id, created: false))
        #expect(try await FactsFixture.audits(store, "facts.policy.upsert") == [
            ["pas-main", "policy", String(created.id), "true"], ["pas-main", "policy", String(created.id), "false"],
        ])
        await store.close()
    }

    @Test func policyFieldErrorsNameTheirPath() async throws {
        let store = try await StoreDatabase.make(script: FactsFixture.script)
        let cases: [(String, (inout FactsPolicyUpsert.Params) -> Void)] = [
            ("params.customer_id", { $0.customerId = 2 }),  // both
            ("params.customer_id", { $0.customerExternalId = nil }),  // neither
            ("params.customer_external_id", { $0.customerExternalId = "PAS-404" }),
            ("params.customer_id", { $0.customerExternalId = nil; $0.customerId = 404 }),
            ("params.product_line", { $0.productLine = "car" }),
            ("params.term", { $0.term = "medium" }),
            ("params.premium", { $0.premium = "-1" }),
            ("params.premium", { $0.premium = "12.345" }),
            ("params.premium", { $0.premium = "1e5" }),
            ("params.premium_frequency", { $0.premiumFrequency = "weekly" }),
            ("params.status", { $0.status = "gone" }),
            ("params.issued_on", { $0.issuedOn = "2025-02-30" }),
            ("params.lapsed_on", { $0.lapsedOn = "2024-01-01" }),
            ("params.lapsed_on", { $0.status = "lapsed" }),
            ("params.channel", { $0.channel = "fax" }),
            ("params.selling_agent_no", { $0.sellingAgentNo = "A404" }),
            ("params.referring_employee_no", { $0.referringEmployeeNo = "E404" }),
            ("params.policy_no", { $0.policyNo = " " }),
        ]
        for (path, change) in cases {
            var params = Self.policy
            change(&params)
            await expectRPCError(.invalidParams, path: path) { _ = try await upsert(params, store) }
        }
        #expect(try await store.value("SELECT count(*) FROM policies", as: Int.self) == 1)
        await store.close()
    }

    @Test func familyLinkIsIdempotentByEmployeeAndCustomer() async throws {
        let store = try await StoreDatabase.make(script: FactsFixture.script)
        let params = FactsFamilyLink.Params(employeeNo: "E001", customerExternalId: "PAS-2", relation: "spouse")
        let created = try await link(params, store)
        #expect(created.created)
        #expect(try await link(params, store) == FactsUpsertResult(id: created.id, created: false))
        var byId = params
        byId.customerExternalId = nil
        byId.customerId = 2
        byId.relation = "other"
        #expect(try await link(byId, store) == FactsUpsertResult(id: created.id, created: false))
        #expect(try await store.value("SELECT relation FROM employee_family_members", as: String.self) == "other")
        #expect(try await store.value("SELECT registered_on = current_date FROM employee_family_members", as: Bool.self))
        #expect(try await FactsFixture.audits(store, "facts.family.link").count == 2)

        await expectRPCError(.invalidParams, path: "params.relation") {
            _ = try await link(FactsFamilyLink.Params(employeeNo: "E001", customerId: 2, relation: "cousin"), store)
        }
        await expectRPCError(.invalidParams, path: "params.employee_no") {
            _ = try await link(FactsFamilyLink.Params(employeeNo: "E404", customerId: 2, relation: "spouse"), store)
        }
        await expectRPCError(.invalidParams, path: "params.registered_on") {
            _ = try await link(FactsFamilyLink.Params(employeeNo: "E001", customerId: 2, relation: "spouse", registeredOn: "soon"), store)
        }
        await expectRPCError(.invalidParams, path: "params.customer_id") {
            _ = try await link(FactsFamilyLink.Params(employeeNo: "E001", relation: "spouse"), store)
        }
        // The employee is customer 1: the schema's trigger refuses, as a field error.
        await expectRPCError(.invalidParams, path: "params.customer_external_id") {
            _ = try await link(FactsFamilyLink.Params(employeeNo: "E001", customerExternalId: "PAS-1", relation: "spouse"), store)
        }
        await expectRPCError(.invalidParams, path: "params.customer_id") {
            _ = try await link(FactsFamilyLink.Params(employeeNo: "E001", customerId: 1, relation: "spouse"), store)
        }
        await store.close()
    }
}
