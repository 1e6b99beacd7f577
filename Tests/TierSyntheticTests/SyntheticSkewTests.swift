import Testing
import TierStore
import TierSynthetic
import TierTestSupport

/// The loaded branch has the shape the strategies need (DESIGN §2): a Pareto premium
/// curve, households, staff, lapsed and loyal customers, mis-selling, risk profiles.
@Suite struct SyntheticSkewTests {
    /// One branch of 4,000 customers, loaded once for all tests here.
    static let branch = Task { try await SyntheticFixture.load(customers: 4_000, seed: 77) }

    private func connection() async throws -> PGConnection {
        try await Self.branch.value.0.connect()
    }

    @Test func summaryMatchesTheDatabase() async throws {
        let (db, summary) = try await Self.branch.value
        let c = try db.connect()
        #expect(summary["customers"] == 4_000)
        for table in SyntheticFixture.tables {
            #expect(try c.execute("SELECT count(*) FROM \(table)").scalar(Int.self) == summary[table], "\(table)")
        }
    }

    @Test func topFifthOfCustomersHoldsMostPremium() async throws {
        let share = try SyntheticFixture.number(try await connection(), """
            WITH v AS (SELECT c.id, coalesce(sum(p.premium), 0) AS premium
                       FROM customers c LEFT JOIN policies p ON p.customer_id = c.id GROUP BY c.id),
                 r AS (SELECT premium, row_number() OVER (ORDER BY premium DESC) AS rank, count(*) OVER () AS n FROM v)
            SELECT (sum(premium) FILTER (WHERE rank <= n / 5) / sum(premium))::float8 FROM r
            """)
        #expect((0.70...0.90).contains(share), "top 20 % hold \(share)")
    }

    @Test func householdsAverageTwoAndAHalfPeople() async throws {
        let size = try SyntheticFixture.number(try await connection(),
            "SELECT (SELECT count(*) FROM customers)::float8 / (SELECT count(*) FROM households)")
        #expect((2.2...2.8).contains(size), "people per household \(size)")
    }

    @Test func aboutTwoPercentAreStaffWithRegisteredFamily() async throws {
        let c = try await connection()
        let staff = try SyntheticFixture.number(c,
            "SELECT (SELECT count(*) FROM employees)::float8 / (SELECT count(*) FROM customers)")
        #expect((0.01...0.03).contains(staff), "staff share \(staff)")
        #expect(try SyntheticFixture.number(c, "SELECT count(*) FROM employees WHERE left_on IS NOT NULL") > 0)
        #expect(try SyntheticFixture.number(c, "SELECT count(DISTINCT relation) FROM employee_family_members") >= 3)
        #expect(try SyntheticFixture.number(c, "SELECT count(*) FROM internal_customers WHERE NOT is_employee") > 0)
    }

    @Test func lapsedReturningAndNewCustomersExist() async throws {
        let c = try await connection()
        let asOf = "DATE '\(SyntheticFixture.asOf)'"
        #expect(try SyntheticFixture.number(c, """
            SELECT count(*) FROM (SELECT customer_id FROM policies GROUP BY customer_id
                                  HAVING count(*) >= 2 AND max(issued_on) < \(asOf) - 730) x
            """) > 0)
        #expect(try SyntheticFixture.number(c, """
            SELECT count(*) FROM (SELECT customer_id FROM policies GROUP BY customer_id
                                  HAVING min(issued_on) > \(asOf) - 365) x
            """) > 0)
        #expect(try SyntheticFixture.number(c, "SELECT count(*) FROM policies WHERE status = 'lapsed' AND lapsed_on IS NOT NULL") > 0)
    }

    @Test func someHouseholdsHoldSixLongTermPolicies() async throws {
        let loyal = try SyntheticFixture.number(try await connection(), """
            SELECT count(*) FROM (SELECT c.household_id FROM policies p JOIN customers c ON c.id = p.customer_id
                                  WHERE p.term = 'long' AND p.status = 'active'
                                  GROUP BY c.household_id HAVING count(*) >= 6) x
            """)
        #expect(loyal > 0)
    }

    @Test func upheldMisSellingOnReferredPoliciesIsClawedBack() async throws {
        let c = try await connection()
        #expect(try SyntheticFixture.number(c, """
            SELECT count(*) FROM complaints k JOIN policies p ON p.id = k.policy_id
            WHERE k.mis_selling AND k.outcome = 'upheld' AND p.referring_employee_id IS NOT NULL
            """) > 0)
        #expect(try SyntheticFixture.number(c, "SELECT count(*) FROM referral_commissions WHERE kind = 'clawback'") > 0)
    }

    @Test func allThreeRiskProfilesAppear() async throws {
        let profiles = try await connection().execute("SELECT DISTINCT profile FROM risk_surveys ORDER BY 1")
            .map { try $0.decode(0, as: String.self) }
        #expect(profiles == ["averse", "neutral", "seeking"])
    }

    @Test func everyProductLineAndSeveralChannelsAppear() async throws {
        let c = try await connection()
        #expect(try SyntheticFixture.number(c, "SELECT count(DISTINCT product_line) FROM policies") == 6)
        #expect(try SyntheticFixture.number(c, "SELECT count(DISTINCT channel) FROM policies") >= 5)
        #expect(try SyntheticFixture.number(c, "SELECT count(DISTINCT selling_agent_id) FROM policies") >= 20)
    }

    @Test func identitySequencesContinueAfterTheLoad() async throws {
        let c = try await connection()
        let id = try c.execute("INSERT INTO audit_log (principal, action) VALUES ('test', 'probe') RETURNING id").scalar(Int.self)
        #expect(id == 1)
        let next = try c.execute("SELECT nextval(pg_get_serial_sequence('customers', 'id'))").scalar(Int.self)
        #expect(next == 4_001)
    }
}
