import Foundation
import Testing
import TierCalendar
import TierPolicy
import TierServer
import TierStore
import TierSynthetic
import TierTestSupport
import TierWire

/// The fact loader supplies every fact of the standard schema, as of the day asked.
@Suite struct StoreFactLoaderTests {
    static let asOf = civilDay("2026-06-15")

    /// One household of three (an employee, his registered wife, their child), a
    /// former employee and her registered husband, each with a history around the as-of day.
    static let script = """
        INSERT INTO branches (id, code, name) VALUES (1, 'SH01', '上海分公司');
        INSERT INTO households (id, branch_id) VALUES (1, 1), (2, 1);
        INSERT INTO customers (id, name, gender, birth_date, branch_id, household_id, created_at) VALUES
            (1, '张伟', 'male', '1980-06-16', 1, 1, '2015-04-02 12:00:00+00'),
            (2, '王芳', 'female', '1982-07-09', 1, 1, '2016-01-01 12:00:00+00'),
            (3, '张小明', 'unknown', NULL, 1, 1, '2020-01-01 12:00:00+00'),
            (4, '李娜', 'female', '1975-01-01', 1, 2, '2010-01-01 12:00:00+00'),
            (5, '赵强', 'male', '1974-01-01', 1, 2, '2010-01-01 12:00:00+00');
        INSERT INTO employees (id, customer_id, employee_no, branch_id, hired_on, left_on) VALUES
            (1, 1, 'E001', 1, '2010-03-01', NULL),
            (2, 4, 'E002', 1, '2005-01-01', '2020-01-01');
        INSERT INTO employee_family_members (employee_id, customer_id, relation, registered_on) VALUES
            (1, 2, 'spouse', '2011-01-01'), (2, 5, 'spouse', '2011-01-01');
        INSERT INTO policies (id, policy_no, customer_id, product_code, product_line, term, premium, status, issued_on, lapsed_on, channel, referring_employee_id) VALUES
            (1, 'P1', 1, 'LIFE1', 'life', 'long', 10000.00, 'active', '2012-01-10', NULL, 'agent', NULL),
            (2, 'P2', 1, 'HLT1', 'health', 'short', 800.50, 'active', '2025-03-01', NULL, 'counter', NULL),
            (3, 'P3', 1, 'ACC1', 'accident', 'long', 500.00, 'lapsed', '2014-02-01', '2019-02-01', 'agent', NULL),
            (4, 'P4', 1, 'INV1', 'investment_linked', 'long', 2000.00, 'lapsed', '2020-01-01', '2026-07-01', 'agent', 2),
            (5, 'P5', 1, 'LIFE2', 'life', 'long', 99999.00, 'active', '2026-08-01', NULL, 'agent', NULL),
            (6, 'P6', 1, 'OTH1', 'other', 'short', 300.00, 'surrendered', '2016-01-01', NULL, 'website', NULL),
            (7, 'Q1', 2, 'LIFE1', 'life', 'long', 3000.00, 'active', '2018-05-05', NULL, 'agent', NULL);
        INSERT INTO complaints (customer_id, received_at, category, mis_selling, outcome, resolved_at) VALUES
            (1, '2026-01-10 12:00:00+00', 'service', false, 'pending', NULL),
            (1, '2025-01-01 12:00:00+00', 'sales', true, 'upheld', '2025-03-01 12:00:00+00'),
            (1, '2026-05-01 12:00:00+00', 'claims', false, 'rejected', '2026-07-01 12:00:00+00'),
            (1, '2026-07-01 12:00:00+00', 'sales', true, 'pending', NULL);
        INSERT INTO classification_runs (id, started_at, finished_at, status, as_of, policy_revision) VALUES
            (1, '2026-01-01 01:00:00+00', '2026-01-01 02:00:00+00', 'succeeded', '2026-01-01', 'r'),
            (2, '2026-06-01 01:00:00+00', '2026-06-01 02:00:00+00', 'succeeded', '2026-06-01', 'r'),
            (3, '2026-06-10 01:00:00+00', '2026-06-10 02:00:00+00', 'failed', '2026-06-10', 'r'),
            (4, '2026-07-01 01:00:00+00', '2026-07-01 02:00:00+00', 'succeeded', '2026-07-01', 'r');
        INSERT INTO classification_snapshots (run_id, customer_id, rfm_type, abc_class, quadrant) VALUES
            (1, 1, 5, 'B', 'low_loyalty_high_profit'), (2, 1, 1, 'A', 'high_loyalty_high_profit'),
            (3, 1, 7, 'C', 'marginal'), (4, 1, 8, 'C', 'marginal');
        INSERT INTO tier_history (customer_id, tier_kind, from_tier, to_tier, direction, run_id) VALUES
            (1, 'value', 'silver', 'gold', 'up', 2), (1, 'abc', 'B', 'A', 'up', 2), (1, 'value', 'gold', 'silver', 'down', 4);
        INSERT INTO risk_surveys (customer_id, taken_at, instrument, score, profile) VALUES
            (1, '2025-01-01 12:00:00+00', 'questionnaire', 20, 'averse'),
            (1, '2026-05-01 12:00:00+00', 'game', 80, 'seeking'),
            (1, '2026-07-01 12:00:00+00', 'questionnaire', 50, 'neutral');
        INSERT INTO entitlement_grants (id, entitlement_code, customer_id, household_id, period_start, period_end, quota, policy_revision) VALUES
            (1, 'health_checkup', 1, NULL, '2026-01-01', '2027-01-01', 1, 'r'),
            (2, 'free_accident_cover', NULL, 1, '2026-01-01', '2027-01-01', 1, 'r'),
            (3, 'policy_review', 1, NULL, '2025-01-01', '2026-01-01', 1, 'r');
        INSERT INTO entitlement_uses (grant_id, idempotency_key) VALUES (1, 'u1'), (2, 'u2'), (3, 'u3');
        SELECT sync_identity_sequences();
        """

    private func load(_ customer: Int64, asOf: Int = asOf, on store: StoreDatabase) async throws -> CustomerFacts {
        let policy = try StorePolicies.branch()
        return try await store.query { connection in
            try FactLoader.load(customerId: customer, asOf: asOf, channel: "counter", policy: policy, on: connection)
        }
    }

    private func value(_ facts: CustomerFacts, _ path: String) -> PolicyValue {
        guard let slot = FactSchema.standard.slot(of: path) else { return .missing }
        return facts.facts.values[slot]
    }

    @Test func everyFactOfAnEmployeeWithAHistory() async throws {
        let store = try await StoreDatabase.make(script: Self.script)
        let facts = try await load(1, on: store)
        let expected: [String: PolicyValue] = [
            "context.as_of": .date(Self.asOf), "context.channel": .string("counter"),
            "customer.id": .int(1), "customer.gender": .string("male"), "customer.birth_date": .date(civilDay("1980-06-16")),
            "customer.age": .int(45),  // the birthday is the day after
            "customer.branch": .string("SH01"), "customer.since": .date(civilDay("2015-04-02")),
            "staff.is_employee": .bool(true), "staff.is_family": .bool(false), "staff.years_of_service": .int(16),
            "household.size": .int(3), "household.long_term_policies": .int(3),
            "household.annual_premium": .decimal(FixedDecimal("15800.50")!),
            "history.active_policies": .int(3), "history.long_term_policies": .int(2), "history.lapsed_policies": .int(1),
            "history.annual_premium": .decimal(FixedDecimal("12800.50")!), "history.purchases": .int(5),
            "history.first_purchase_on": .date(civilDay("2012-01-10")), "history.last_purchase_on": .date(civilDay("2025-03-01")),
            "history.product_lines": .list([.string("health"), .string("investment_linked"), .string("life")]),
            "history.referred_policies": .int(1),
            "complaints.open": .int(2), "complaints.upheld_mis_selling": .int(1),
            "classification.rfm_type": .int(1), "classification.abc_class": .string("A"),
            "classification.quadrant": .string("high_loyalty_high_profit"),
            // Run 2's value-tier change (run 4 is after the as-of day).
            "classification.run_id": .int(2), "classification.tier_change": .string("up"),
            "classification.previous_tier": .string("silver"),
            "risk.score": .int(80), "risk.profile": .string("seeking"),
        ]
        for declaration in FactSchema.standard.declarations {
            #expect(expected[declaration.path] != nil, "the test does not check \(declaration.path)")
            #expect(value(facts, declaration.path) == expected[declaration.path], "\(declaration.path)")
        }
        #expect(facts.customerId == 1)
        #expect(facts.householdId == 1)
        #expect(facts.branch == "SH01")
        #expect(facts.quotaUsed == ["health_checkup": 1, "free_accident_cover": 1])
        await store.close()
    }

    @Test func familyOfAnActiveEmployeeIsInternal() async throws {
        let store = try await StoreDatabase.make(script: Self.script)
        let wife = try await load(2, on: store)
        #expect(value(wife, "staff.is_family") == .bool(true))
        #expect(value(wife, "staff.is_employee") == .bool(false))
        #expect(value(wife, "staff.years_of_service") == .missing)
        // The household's grant counts for every member.
        #expect(wife.quotaUsed == ["free_accident_cover": 1])
        await store.close()
    }

    @Test func anEmployeeWhoLeftAndTheirFamilyAreNotInternal() async throws {
        let store = try await StoreDatabase.make(script: Self.script)
        let former = try await load(4, on: store)
        #expect(value(former, "staff.is_employee") == .bool(false))
        #expect(value(former, "staff.years_of_service") == .missing)
        let husband = try await load(5, on: store)
        #expect(value(husband, "staff.is_family") == .bool(false))
        // Before she left, both were.
        let earlier = try await load(4, asOf: civilDay("2019-12-31"), on: store)
        #expect(value(earlier, "staff.is_employee") == .bool(true))
        #expect(value(earlier, "staff.years_of_service") == .int(14))
        #expect(value(try await load(5, asOf: civilDay("2019-12-31"), on: store), "staff.is_family") == .bool(true))
        await store.close()
    }

    @Test func aCustomerWithNoPoliciesOrBirthDate() async throws {
        let store = try await StoreDatabase.make(script: Self.script)
        let child = try await load(3, on: store)
        for path in ["customer.birth_date", "customer.age", "history.first_purchase_on", "history.last_purchase_on",
                     "classification.rfm_type", "classification.abc_class", "classification.quadrant", "risk.score", "risk.profile"] {
            #expect(value(child, path) == .missing, "\(path)")
        }
        #expect(value(child, "history.purchases") == .int(0))
        #expect(value(child, "history.active_policies") == .int(0))
        #expect(value(child, "history.annual_premium") == .decimal(FixedDecimal(scaled: 0)))
        #expect(value(child, "history.product_lines") == .list([]))
        #expect(value(child, "complaints.open") == .int(0))
        #expect(value(child, "customer.gender") == .string("unknown"))
        #expect(value(child, "household.size") == .int(3))
        await store.close()
    }

    @Test func unknownCustomerIsNotFound() async throws {
        let store = try await StoreDatabase.make(script: Self.script)
        await expectRPCError(.notFound) { _ = try await load(1042, on: store) }
        do {
            _ = try await load(1042, on: store)
        } catch let error as RPCError {
            #expect(error.message == "no customer 1042")
        }
        await store.close()
    }

    @Test func theBranchPolicyDecidesForEveryCustomerOfASyntheticBranch() async throws {
        let store = try await StoreDatabase.make()
        let today = SyntheticBranch.todayUTC()
        try await store.query { connection in
            _ = try SyntheticBranch(profile: SyntheticBranchProfile(customers: 300), seed: 11, asOf: today).load(into: connection)
        }
        let policy = try StorePolicies.branch()
        let (decided, returning) = try await store.query { connection -> (Int, Int) in
            let ids = try connection.execute("SELECT id FROM customers ORDER BY id").map { try $0.decode(0, as: Int64.self) }
            var returning = 0
            for id in ids {
                let facts = try FactLoader.load(
                    customerId: id, asOf: today.daysSinceEpoch, channel: "counter", policy: policy, on: connection)
                let decision = policy.evaluator.evaluate(facts.facts, quotaUsed: facts.quotaUsed)
                if decision.segments.contains("returning") { returning += 1 }
            }
            return (ids.count, returning)
        }
        #expect(decided == 300)
        #expect(returning > 0)
        await store.close()
    }
}
