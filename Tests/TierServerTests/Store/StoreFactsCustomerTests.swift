import Foundation
import Testing
import TierServer
import TierStore
import TierTestSupport
import TierWire

/// Shared rows for the `facts.*` tests: two branches, an employee (customer 1,
/// `PAS-1`) and another customer (`PAS-2`) in household 1, an agent, a policy.
enum FactsFixture {
    static let script = """
        INSERT INTO branches (id, code, name) VALUES (1, 'SH01', '上海分公司'), (2, 'SH02', '浦东支公司');
        INSERT INTO households (id, branch_id, address) VALUES (1, 1, '上海市徐汇区');
        INSERT INTO customers (id, name, branch_id, household_id, external_ref) VALUES
            (1, '刘洋', 1, 1, 'PAS-1'), (2, '王芳', 1, 1, 'PAS-2');
        INSERT INTO employees (id, customer_id, employee_no, branch_id, hired_on) VALUES (1, 1, 'E001', 1, '2010-01-01');
        INSERT INTO sales_agents (id, agent_no, name, branch_id) VALUES (1, 'A001', '周杰', 1);
        INSERT INTO policies (policy_no, customer_id, product_code, product_line, term, premium, issued_on, channel) VALUES
            ('P-EXIST', 2, 'L', 'life', 'long', 100, '2020-01-01', 'agent');
        SELECT sync_identity_sequences();
        """

    static let admin = Principal(name: "pas-main", role: .policyAdmin)

    static func audits(_ store: StoreDatabase, _ action: String) async throws -> [[String]] {
        try await store.query { connection in
            try connection.execute(
                "SELECT principal, target_kind, target_id, detail ->> 'created' FROM audit_log WHERE action = $1::text ORDER BY id", [action]
            ).map { row in try (0..<4).map { try row.decode($0, as: String.self) } }
        }
    }
}

/// `facts.customer.upsert`.
@Suite struct StoreFactsCustomerTests {
    static let params = FactsCustomerUpsert.Params(
        externalId: "PAS-77", name: "王小明", gender: "male", birthDate: "1980-05-06", phone: "13812345678",
        address: "上海市静安区", branch: "SH01")

    private func upsert(_ params: FactsCustomerUpsert.Params, _ store: StoreDatabase) async throws -> FactsUpsertResult {
        try await FactsService.upsertCustomer(params, principal: FactsFixture.admin, pool: store.pool)
    }

    @Test func createReplayUpdateAndAudit() async throws {
        let store = try await StoreDatabase.make(script: FactsFixture.script)
        let created = try await upsert(Self.params, store)
        let again = try await upsert(Self.params, store)
        #expect(created.created)
        #expect(!again.created)
        #expect(again.id == created.id)
        let row = try await store.query { connection in
            try connection.execute(
                """
                SELECT c.name, c.gender, c.birth_date::text, c.phone, h.address, h.branch_id, h.id <> 1
                FROM customers c JOIN households h ON h.id = c.household_id WHERE c.external_ref = 'PAS-77'
                """)[0]
        }
        #expect(try row.decode(0, as: String.self) == "王小明")
        #expect(try row.decode(1, as: String.self) == "male")
        #expect(try row.decode(2, as: String.self) == "1980-05-06")
        #expect(try row.decode(3, as: String.self) == "13812345678")
        #expect(try row.decode(4, as: String.self) == "上海市静安区")  // a household of their own, at their address
        #expect(try row.decode(5, as: Int64.self) == 1)
        #expect(try row.decode(6, as: Bool.self))
        #expect(try await FactsFixture.audits(store, "facts.customer.upsert") == [["pas-main", "customer", String(created.id), "true"]])

        var moved = Self.params
        moved.name = "王晓明"
        moved.householdOf = "PAS-2"
        let updated = try await upsert(moved, store)
        #expect(updated == FactsUpsertResult(id: created.id, created: false))
        #expect(try await store.value("SELECT household_id FROM customers WHERE external_ref = 'PAS-77'", as: Int64.self) == 1)
        #expect(try await FactsFixture.audits(store, "facts.customer.upsert").count == 2)
        // Left out, the household stays.
        #expect(try await upsert(Self.params, store).id == created.id)
        #expect(try await store.value("SELECT household_id FROM customers WHERE external_ref = 'PAS-77'", as: Int64.self) == 1)
        await store.close()
    }

    @Test func aNewCustomerJoinsAnotherHousehold() async throws {
        let store = try await StoreDatabase.make(script: FactsFixture.script)
        var params = Self.params
        params.householdOf = "PAS-1"
        params.branch = "SH02"
        let created = try await upsert(params, store)
        #expect(try await store.value("SELECT household_id FROM customers WHERE id = $1::bigint", [created.id], as: Int64.self) == 1)
        #expect(try await store.value("SELECT count(*) FROM households", as: Int.self) == 1)
        await store.close()
    }

    @Test func fieldErrorsNameTheirPath() async throws {
        let store = try await StoreDatabase.make(script: FactsFixture.script)
        let cases: [(String, (inout FactsCustomerUpsert.Params) -> Void)] = [
            ("params.gender", { $0.gender = "robot" }),
            ("params.gender", { $0.gender = "Male" }),
            ("params.birth_date", { $0.birthDate = "1980-13-01" }),
            ("params.birth_date", { $0.birthDate = "06/05/1980" }),
            ("params.birth_date", { $0.birthDate = "1899-12-31" }),
            ("params.birth_date", { $0.birthDate = "2999-01-01" }),
            ("params.name", { $0.name = "  " }),
            ("params.external_id", { $0.externalId = "" }),
            ("params.phone", { $0.phone = "call me" }),
            ("params.branch", { $0.branch = "XX99" }),
            ("params.household_of", { $0.householdOf = "PAS-404" }),
        ]
        for (path, change) in cases {
            var params = Self.params
            change(&params)
            await expectRPCError(.invalidParams, path: path) { _ = try await upsert(params, store) }
        }
        #expect(try await store.value("SELECT count(*) FROM customers", as: Int.self) == 2)
        #expect(try await store.value("SELECT count(*) FROM audit_log", as: Int.self) == 0)
        await store.close()
    }

    @Test func concurrentCreatesOfOneCustomerMakeOneRowAndOneHousehold() async throws {
        let store = try await StoreDatabase.make(script: FactsFixture.script)
        let results = try await withThrowingTaskGroup(of: FactsUpsertResult.self) { group in
            for _ in 0..<8 { group.addTask { try await upsert(Self.params, store) } }
            return try await group.reduce(into: [FactsUpsertResult]()) { $0.append($1) }
        }
        #expect(Set(results.map(\.id)).count == 1)
        #expect(results.filter(\.created).count == 1)
        #expect(try await store.value("SELECT count(*) FROM customers WHERE external_ref = 'PAS-77'", as: Int.self) == 1)
        #expect(try await store.value("SELECT count(*) FROM households", as: Int.self) == 2)
        await store.close()
    }
}
