import Foundation
import Testing
import TierStore
import TierTestSupport

/// The database itself refuses what must never be stored.
@Suite struct SchemaRulesTests {
    /// A migrated database with one branch, one household of two customers, one employee.
    private func fixture() async throws -> PGConnection {
        let db = try await TestDatabase.create()
        let c = try db.connect()
        try c.executeScript("""
            INSERT INTO branches (id, code, name) VALUES (1, 'SH01', '上海分公司');
            INSERT INTO households (id, branch_id) VALUES (1, 1);
            INSERT INTO customers (id, name, gender, birth_date, branch_id, household_id)
                VALUES (1, '张伟', 'male', '1980-05-01', 1, 1), (2, '王芳', 'female', '1982-07-09', 1, 1);
            INSERT INTO employees (id, customer_id, employee_no, branch_id, hired_on) VALUES (1, 1, 'E001', 1, '2010-01-01');
            """)
        return c
    }

    @Test func duplicateIdempotencyKeyIsRefused() async throws {
        let c = try await fixture()
        let insert = """
            INSERT INTO green_channel_tickets (customer_id, kind, branch_id, staff_id, idempotency_key, request_hash, sla_due_at, principal)
            VALUES ($1, 'counter', 1, 1, $2, 'h1', now() + interval '1 hour', 'counter-1')
            """
        try c.execute(insert, [2, "open:2:20261123"])
        let error = try #require(throws: PGError.self) { try c.execute(insert, [2, "open:2:20261123"]) }
        #expect(error.isUniqueViolation)
        #expect(error.constraint == "green_channel_tickets_idempotency_key_key")

        let task = "INSERT INTO tasks (kind, customer_id, idempotency_key) VALUES ('revisit', 2, $1)"
        try c.execute(task, ["revisit:2:2023-01-01"])
        let again = try #require(throws: PGError.self) { try c.execute(task, ["revisit:2:2023-01-01"]) }
        #expect(again.constraint == "tasks_idempotency_key_key")
        #expect(try c.execute("SELECT count(*) FROM tasks").scalar(Int.self) == 1)
    }

    @Test func secondYearlyGrantForAHouseholdIsRefused() async throws {
        let c = try await fixture()
        let grant = """
            INSERT INTO entitlement_grants (entitlement_code, household_id, period_start, period_end, quota, reason, policy_revision)
            VALUES ('free_accident_cover', 1, $1, $2, 1, 'household holds 6+ long-term policies', 'rev-a')
            """
        let year = (PGDate(year: 2026, month: 1, day: 1)!, PGDate(year: 2027, month: 1, day: 1)!)
        try c.execute(grant, [year.0, year.1])
        let error = try #require(throws: PGError.self) { try c.execute(grant, [year.0, year.1]) }
        #expect(error.isUniqueViolation)
        #expect(error.constraint == "entitlement_grants_household_period_key")
        // Next year's grant is fine.
        try c.execute(grant, [year.1, PGDate(year: 2028, month: 1, day: 1)!])
        // Uses beyond the quota are refused too.
        let grantID = try c.execute("SELECT id FROM entitlement_grants ORDER BY id LIMIT 1").scalar(Int.self)
        try c.execute("INSERT INTO entitlement_uses (grant_id, idempotency_key) VALUES ($1, 'use-1')", [grantID])
        let over = try #require(throws: PGError.self) {
            try c.execute("INSERT INTO entitlement_uses (grant_id, idempotency_key) VALUES ($1, 'use-2')", [grantID])
        }
        #expect(over.constraint == "entitlement_grants_uses_within_quota_check")
    }

    @Test func auditLogIsAppendOnly() async throws {
        let c = try await fixture()
        try c.execute("INSERT INTO audit_log (principal, action, target_kind, target_id) VALUES ('admin', 'client.add', 'api_client', '1')")
        for statement in ["UPDATE audit_log SET principal = 'someone else'", "DELETE FROM audit_log", "TRUNCATE audit_log"] {
            let error = try #require(throws: PGError.self) { try c.execute(statement) }
            #expect(error.sqlState == "42501", "\(statement)")
            #expect(error.message.contains("append-only"))
        }
        #expect(try c.execute("SELECT count(*) FROM audit_log").scalar(Int.self) == 1)
    }

    @Test func policiesAreChecked() async throws {
        let c = try await fixture()
        let insert = """
            INSERT INTO policies (policy_no, customer_id, product_code, product_line, term, premium, status, issued_on, lapsed_on, channel)
            VALUES ($1, 2, 'ACC01', $2, 'long', $3, $4, '2020-01-01', $5, 'counter')
            """
        try c.execute(insert, ["P1", "accident", Decimal(string: "1200.50")!, "active", nil])
        let lapsed = try #require(throws: PGError.self) { try c.execute(insert, ["P2", "life", Decimal(100), "lapsed", nil]) }
        #expect(lapsed.constraint == "policies_lapsed_requires_lapsed_on_check")
        let line = try #require(throws: PGError.self) { try c.execute(insert, ["P3", "crypto", Decimal(100), "active", nil]) }
        #expect(line.constraint == "policies_product_line_check")
        let premium = try #require(throws: PGError.self) { try c.execute(insert, ["P4", "life", Decimal(-1), "active", nil]) }
        #expect(premium.constraint == "policies_premium_check")
        let orphan = try #require(throws: PGError.self) {
            try c.execute("INSERT INTO policies (policy_no, customer_id, product_code, product_line, term, premium, status, issued_on, channel) VALUES ('P5', 999, 'X', 'life', 'long', 1, 'active', '2020-01-01', 'counter')")
        }
        #expect(orphan.isForeignKeyViolation)
        #expect(try c.execute("SELECT premium FROM policies WHERE policy_no = 'P1'").scalar(Decimal.self) == Decimal(string: "1200.50")!)
    }

    @Test func staffFamilyAndCommissionRules() async throws {
        let c = try await fixture()
        let selfFamily = try #require(throws: PGError.self) {
            try c.execute("INSERT INTO employee_family_members (employee_id, customer_id, relation) VALUES (1, 1, 'spouse')")
        }
        #expect(selfFamily.constraint == "employee_family_members_not_self_check")
        try c.execute("INSERT INTO employee_family_members (employee_id, customer_id, relation) VALUES (1, 2, 'spouse')")
        #expect(try c.execute("SELECT count(*) FROM internal_customers").scalar(Int.self) == 2)

        try c.execute("""
            INSERT INTO policies (id, policy_no, customer_id, product_code, product_line, term, premium, status, issued_on, channel, referring_employee_id)
            VALUES (10, 'P10', 2, 'LIFE1', 'life', 'long', 5000, 'active', '2024-01-01', 'counter', 1)
            """)
        let commission = "INSERT INTO referral_commissions (employee_id, policy_id, kind, amount, reason) VALUES (1, 10, $1, $2, 'referral')"
        try c.execute(commission, ["accrual", Decimal(250)])
        let twice = try #require(throws: PGError.self) { try c.execute(commission, ["accrual", Decimal(250)]) }
        #expect(twice.constraint == "referral_commissions_policy_kind_key")
        let tooMuch = try #require(throws: PGError.self) { try c.execute(commission, ["clawback", Decimal(-300)]) }
        #expect(tooMuch.constraint == "referral_commissions_clawback_accrual_check")
        try c.execute(commission, ["clawback", Decimal(-250)])
    }
}
