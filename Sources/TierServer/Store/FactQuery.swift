import TierStore

/// The one statement behind ``FactLoader``. `$1` is the customer id, `$2` the as-of day.
///
/// Every subquery is reached through an index on the customer or the household:
/// `customers_pkey`, `employees_customer_id_key`, `employee_family_members_customer_id_idx`,
/// `customers_household_id_idx` then `policies_customer_issued_idx` for the household,
/// `policies_customer_issued_idx` for the history, `complaints_customer_received_idx`,
/// `classification_snapshots_customer_run_idx` (newest run first) then
/// `tier_history_run_customer_kind_key` for that run's value-tier change,
/// `risk_surveys_customer_taken_idx` (newest first), and the two partial indexes of
/// `entitlement_grants` (one branch of the UNION ALL each, rather than an OR that
/// might not use both).
enum FactQuery {
    /// A policy that is active on the day in parameter `day` (`$2` here): active, or
    /// lapsed only after the day. The loyalty job counts policies by the same rule.
    static func active(_ alias: String, day: String = "$2") -> String {
        "(\(alias).status = 'active' OR (\(alias).status = 'lapsed' AND \(alias).lapsed_on > \(day)::date))"
    }

    /// The first instant after day `$2` in the session's time zone.
    private static let dayEnd = "($2::date + 1)::timestamptz"

    static let sql = """
        SELECT c.gender, c.birth_date, c.created_at::date AS since, b.code AS branch, c.household_id,
               e.hired_on,
               EXISTS (
                   SELECT 1 FROM employee_family_members f JOIN employees fe ON fe.id = f.employee_id
                   WHERE f.customer_id = c.id AND f.registered_on <= $2::date
                     AND fe.hired_on <= $2::date AND (fe.left_on IS NULL OR fe.left_on > $2::date)
               ) AS is_family,
               hs.size, hp.long_term AS household_long_term, hp.premium::text AS household_premium,
               h.active, h.long_term, h.lapsed, h.premium::text AS premium, h.purchases, h.first_on, h.last_on,
               h.lines, h.referred,
               k.open AS complaints_open, k.upheld AS complaints_upheld,
               cl.rfm_type, cl.abc_class, cl.quadrant, cl.run_id, th.direction AS tier_change, th.from_tier AS previous_tier,
               rs.score, rs.profile,
               q.used
        FROM customers c
        JOIN branches b ON b.id = c.branch_id
        LEFT JOIN employees e
               ON e.customer_id = c.id AND e.hired_on <= $2::date AND (e.left_on IS NULL OR e.left_on > $2::date)
        CROSS JOIN LATERAL (
            SELECT count(*) AS size FROM customers m WHERE m.household_id = c.household_id
        ) hs
        CROSS JOIN LATERAL (
            SELECT count(*) FILTER (WHERE p.term = 'long') AS long_term, coalesce(sum(p.premium), 0) AS premium
            FROM customers m JOIN policies p ON p.customer_id = m.id
            WHERE m.household_id = c.household_id AND p.issued_on <= $2::date AND \(active("p"))
        ) hp
        CROSS JOIN LATERAL (
            SELECT count(*) FILTER (WHERE s.active) AS active,
                   count(*) FILTER (WHERE s.active AND s.term = 'long') AS long_term,
                   count(*) FILTER (WHERE s.status = 'lapsed' AND s.lapsed_on <= $2::date) AS lapsed,
                   coalesce(sum(s.premium) FILTER (WHERE s.active), 0) AS premium,
                   count(*) AS purchases, min(s.issued_on) AS first_on, max(s.issued_on) AS last_on,
                   coalesce(array_agg(DISTINCT s.product_line ORDER BY s.product_line) FILTER (WHERE s.active),
                            '{}'::text[]) AS lines,
                   count(*) FILTER (WHERE s.active AND s.referring_employee_id IS NOT NULL) AS referred
            FROM (
                SELECT p.status, p.term, p.premium, p.issued_on, p.lapsed_on, p.product_line,
                       p.referring_employee_id, \(active("p")) AS active
                FROM policies p WHERE p.customer_id = c.id AND p.issued_on <= $2::date
            ) s
        ) h
        CROSS JOIN LATERAL (
            SELECT count(*) FILTER (WHERE x.resolved_at IS NULL OR x.resolved_at >= \(dayEnd)) AS open,
                   count(*) FILTER (WHERE x.outcome = 'upheld' AND x.mis_selling AND x.resolved_at < \(dayEnd)) AS upheld
            FROM complaints x WHERE x.customer_id = c.id AND x.received_at < \(dayEnd)
        ) k
        LEFT JOIN LATERAL (
            SELECT s.run_id, s.rfm_type, s.abc_class, s.quadrant
            FROM classification_snapshots s JOIN classification_runs r ON r.id = s.run_id
            WHERE s.customer_id = c.id AND r.status = 'succeeded' AND r.as_of <= $2::date
            ORDER BY s.run_id DESC LIMIT 1
        ) cl ON true
        LEFT JOIN LATERAL (
            SELECT h.direction, h.from_tier FROM tier_history h
            WHERE h.customer_id = c.id AND h.tier_kind = 'value' AND h.run_id = cl.run_id
        ) th ON true
        LEFT JOIN LATERAL (
            SELECT v.score, v.profile FROM risk_surveys v
            WHERE v.customer_id = c.id AND v.taken_at < \(dayEnd)
            ORDER BY v.taken_at DESC, v.id DESC LIMIT 1
        ) rs ON true
        CROSS JOIN LATERAL (
            SELECT coalesce(jsonb_object_agg(u.code, u.uses), '{}'::jsonb) AS used
            FROM (
                SELECT g.entitlement_code AS code, sum(g.uses) AS uses
                FROM (
                    SELECT entitlement_code, uses FROM entitlement_grants
                    WHERE customer_id = c.id AND period_end > $2::date AND period_start <= $2::date
                    UNION ALL
                    SELECT entitlement_code, uses FROM entitlement_grants
                    WHERE household_id = c.household_id AND period_end > $2::date AND period_start <= $2::date
                ) g
                GROUP BY g.entitlement_code
            ) u
        ) q
        WHERE c.id = $1::bigint
        """
}
