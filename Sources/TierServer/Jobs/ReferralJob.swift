import TierStore

/// Referral commissions (seed 004 §2.2.1 (3)), set-based, in two statements:
///
/// 1. **Accrual.** Every policy with a referring employee, issued by the job's day
///    and not cancelled, that has no accrual yet accrues
///    `round(premium × settings.referrals.commission_rate, 2)` to the referrer's
///    account (`referral_commissions`, kind `accrual`). Only this first commission
///    is the referrer's: renewal service and the renewal commission stay with the
///    policy's selling agent, which the ledger shows beside each entry.
/// 2. **Clawback.** Every accrual whose policy has a mis-selling complaint upheld
///    by the job's day, and no clawback yet, is taken back in full (kind `clawback`,
///    with the earliest such complaint), and a `liability_review` task of the
///    referring employee is opened for it (key `liability_review:policy:<id>`).
///
/// The second statement sees the first's accruals, so an accrual and its clawback
/// can happen in one run, and a second run finds nothing to do (each policy
/// accrues once and is clawed back at most once: the table's unique key). With no
/// `commission_rate` nothing accrues (clawbacks still apply to earlier accruals).
/// Counts: `accrued`, `accrued_cents`, `clawed_back`, `clawed_back_cents`,
/// `liability_reviews`.
public struct ReferralJob: PeriodicJob {
    public static let name = "referral"

    public init() {}

    public func run(lease: JobLease, context: JobContext, on connection: PGConnection) throws -> [String: Int] {
        let settings = context.policy.set.settings.referrals
        let day = PGDate(daysSinceEpoch: context.today)
        var accrued = 0, accruedCents = 0
        if let rate = settings.commissionRate {
            let row = try connection.executePrepared(Self.accrueSQL, [day, rate.description])[0]
            (accrued, accruedCents) = (try row.decode(0), try row.decode(1))
        }
        let row = try connection.executePrepared(Self.clawBackSQL, [day, Int16(settings.reviewPriority)])[0]
        return [
            "accrued": accrued, "accrued_cents": accruedCents,
            "clawed_back": try row.decode(0), "clawed_back_cents": try row.decode(1), "liability_reviews": try row.decode(2),
        ]
    }

    /// `$1` the day, `$2` the rate.
    static let accrueSQL = """
        WITH accrued AS (
            INSERT INTO referral_commissions (employee_id, policy_id, kind, amount, reason)
            SELECT p.referring_employee_id, p.id, 'accrual', round(p.premium * $2::numeric, 2),
                   'referral commission at ' || $2::text || ' of the premium'
            FROM policies p
            WHERE p.referring_employee_id IS NOT NULL AND p.issued_on <= $1::date AND p.status <> 'cancelled'
              AND round(p.premium * $2::numeric, 2) > 0
              AND NOT EXISTS (SELECT 1 FROM referral_commissions r WHERE r.policy_id = p.id AND r.kind = 'accrual')
            ORDER BY p.id
            ON CONFLICT ON CONSTRAINT referral_commissions_policy_kind_key DO NOTHING
            RETURNING amount
        )
        SELECT count(*)::int, coalesce(sum(amount) * 100, 0)::bigint FROM accrued
        """

    /// `$1` the day, `$2` the review tasks' priority.
    static let clawBackSQL = """
        WITH clawed AS (
            INSERT INTO referral_commissions (employee_id, policy_id, kind, amount, reason, complaint_id)
            SELECT p.referring_employee_id, a.policy_id, 'clawback', -a.amount, 'upheld mis-selling complaint', k.id
            FROM referral_commissions a
            JOIN policies p ON p.id = a.policy_id AND p.referring_employee_id = a.employee_id
            CROSS JOIN LATERAL (
                SELECT x.id FROM complaints x
                WHERE x.policy_id = a.policy_id AND x.mis_selling AND x.outcome = 'upheld'
                  AND x.resolved_at < ($1::date + 1)::timestamptz
                ORDER BY x.resolved_at, x.id LIMIT 1
            ) k
            WHERE a.kind = 'accrual'
              AND NOT EXISTS (SELECT 1 FROM referral_commissions c WHERE c.policy_id = a.policy_id AND c.kind = 'clawback')
            ORDER BY a.policy_id
            ON CONFLICT ON CONSTRAINT referral_commissions_policy_kind_key DO NOTHING
            RETURNING employee_id, policy_id, amount, complaint_id
        ), reviews AS (
            INSERT INTO tasks (kind, customer_id, payload, priority, idempotency_key)
            SELECT 'liability_review', p.customer_id,
                   jsonb_build_object('employee_id', c.employee_id, 'policy_id', c.policy_id, 'policy_no', p.policy_no,
                                      'complaint_id', c.complaint_id, 'clawed_back', (-c.amount)::text,
                                      'reason', 'upheld mis-selling complaint on a policy referred by an employee'),
                   $2::smallint, 'liability_review:policy:' || c.policy_id
            FROM clawed c JOIN policies p ON p.id = c.policy_id
            ORDER BY c.policy_id
            ON CONFLICT ON CONSTRAINT tasks_idempotency_key_key DO NOTHING
            RETURNING id
        )
        SELECT (SELECT count(*) FROM clawed)::int, (SELECT coalesce(-sum(amount) * 100, 0) FROM clawed)::bigint,
               (SELECT count(*) FROM reviews)::int
        """
}
