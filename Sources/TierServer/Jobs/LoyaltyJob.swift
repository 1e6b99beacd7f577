import TierStore

/// Grants the yearly loyalty cover (seed 004 §2.2.3 (2)): every household holding
/// at least `settings.loyalty.min_long_term_policies` active long-term policies on
/// the job's day gets `settings.loyalty.entitlement` once per policy year (the
/// calendar year of the day: `[Jan 1, next Jan 1)`), plus one `loyalty_fulfilment`
/// task for the member holding most long-term policies (lowest id on ties).
///
/// "Active long-term" is the facts query's definition (``FactQuery``): term `long`,
/// issued by the day, active, or lapsed only after the day; so the job and the
/// `household.long_term_policies` fact agree. Once per year is the grants' unique
/// key (code, household, period start); the task's key is
/// `loyalty_fulfilment:<household>:<period start>`. The grant's quota is the
/// catalogue entitlement's, when it has one. The grant carries no params: the grant
/// rule's params are per-customer expressions, which `entitlements.get` evaluates
/// and returns with the quota this grant counts. Counts: `eligible_households`,
/// `granted`, `tasks`. A set with no `settings.loyalty.entitlement` grants nothing.
public struct LoyaltyJob: PeriodicJob {
    public static let name = "loyalty"
    /// The fulfilment tasks' kind.
    public static let kind = "loyalty_fulfilment"

    public init() {}

    public func run(lease: JobLease, context: JobContext, on connection: PGConnection) throws -> [String: Int] {
        let settings = context.policy.set.settings.loyalty
        guard let code = settings.entitlement else { return ["eligible_households": 0, "granted": 0, "tasks": 0] }
        let quota = context.policy.set.catalogue[code]?.quota.map { Int32($0.count) }
        let reason = "household holds \(settings.minLongTermPolicies) or more active long-term policies (settings.loyalty)"
        let row = try connection.executePrepared(
            Self.sql,
            [PGDate(daysSinceEpoch: context.today), Int32(settings.minLongTermPolicies), code, quota, reason,
             context.policyRevision, Int16(settings.fulfilmentPriority)])[0]
        return ["eligible_households": try row.decode(0), "granted": try row.decode(1), "tasks": try row.decode(2)]
    }

    /// `$1` day, `$2` threshold, `$3` code, `$4` quota, `$5` reason, `$6` revision, `$7` task priority.
    static let sql = """
        WITH long_term AS (
            SELECT c.household_id, c.id AS customer_id, count(*) AS policies
            FROM policies p JOIN customers c ON c.id = p.customer_id
            WHERE p.term = 'long' AND p.issued_on <= $1::date AND \(FactQuery.active("p", day: "$1"))
            GROUP BY c.household_id, c.id
        ), eligible AS (
            SELECT household_id FROM long_term GROUP BY household_id HAVING sum(policies) >= $2::int
        ), granted AS (
            INSERT INTO entitlement_grants
                (entitlement_code, household_id, period_start, period_end, quota, reason, policy_revision)
            SELECT $3::text, household_id, date_trunc('year', $1::date)::date,
                   (date_trunc('year', $1::date) + interval '1 year')::date, $4::int, $5::text, $6::text
            FROM eligible ORDER BY household_id
            ON CONFLICT ON CONSTRAINT entitlement_grants_household_period_key DO NOTHING
            RETURNING id, household_id, period_start, period_end
        ), holder AS (
            SELECT DISTINCT ON (g.household_id) g.id, g.household_id, g.period_start, g.period_end, t.customer_id
            FROM granted g JOIN long_term t ON t.household_id = g.household_id
            ORDER BY g.household_id, t.policies DESC, t.customer_id
        ), queued AS (
            INSERT INTO tasks (kind, customer_id, payload, priority, idempotency_key)
            SELECT 'loyalty_fulfilment', customer_id,
                   jsonb_build_object('household_id', household_id, 'grant_id', id, 'entitlement', $3::text,
                                      'period_start', period_start, 'period_end', period_end),
                   $7::smallint, 'loyalty_fulfilment:' || household_id || ':' || period_start
            FROM holder ORDER BY household_id
            ON CONFLICT ON CONSTRAINT tasks_idempotency_key_key DO NOTHING
            RETURNING id
        )
        SELECT (SELECT count(*) FROM eligible), (SELECT count(*) FROM granted), (SELECT count(*) FROM queued)
        """
}
