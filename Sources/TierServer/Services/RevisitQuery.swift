/// The statement behind ``RevisitService``: `$1` as-of day, `$2` cutoff (as-of minus
/// the lapse interval), `$3`/`$4` the cursor (last purchase day, customer id; NULL
/// on the first page), `$5` branch id or NULL, `$6` rows to return.
///
/// A customer is lapsed when they bought something by the as-of day and nothing in
/// `[cutoff, as_of]`, i.e. their latest purchase is before the cutoff. The inner
/// query aggregates only policies issued before the cutoff and on or after the
/// cursor's day: a customer after the cursor has their latest purchase there, so
/// their maximum is intact, and earlier pages' rows drop out of the aggregate
/// rather than being skipped after it. Customers who bought again are removed by an
/// anti join on `[cutoff, as_of]` (index probes on `policies_customer_issued_idx`
/// or a hash, as the planner prefers); the page is a top-N sort of the candidates,
/// never a sort of the policies; names, branches and classes are read for the
/// page's rows only.
///
/// Cost: `policies` has no index on `issued_on` alone, so a page reads the table
/// (sequential scans) and hash-aggregates the rows past the cursor, O(policies)
/// per page: about 20 ms for 45,000 policies here, so on the order of a second at 3,000,000. An
/// index on `policies (issued_on, customer_id)` would make pages late in the list
/// cheap; a per-customer `last_purchase_on` kept by the classification job would
/// make every page an index range scan.
enum RevisitQuery {
    static let sql = """
        SELECT pg.customer_id, c.name, b.code, pg.last_on, c.phone, cl.abc_class
        FROM (
            SELECT l.customer_id, l.last_on
            FROM (
                SELECT p.customer_id, max(p.issued_on) AS last_on
                FROM policies p
                WHERE p.issued_on < $2::date AND ($3::date IS NULL OR p.issued_on >= $3::date)
                GROUP BY p.customer_id
                HAVING $3::date IS NULL OR (max(p.issued_on), p.customer_id) > ($3::date, $4::bigint)
            ) l
            WHERE NOT EXISTS (
                      SELECT 1 FROM policies q
                      WHERE q.customer_id = l.customer_id AND q.issued_on >= $2::date AND q.issued_on <= $1::date)
              AND ($5::bigint IS NULL OR EXISTS (
                      SELECT 1 FROM customers m WHERE m.id = l.customer_id AND m.branch_id = $5::bigint))
            ORDER BY l.last_on, l.customer_id
            LIMIT $6::bigint
        ) pg
        JOIN customers c ON c.id = pg.customer_id
        JOIN branches b ON b.id = c.branch_id
        -- After the LIMIT: one index probe per row of the page, not per lapsed customer.
        LEFT JOIN LATERAL (
            SELECT s.abc_class
            FROM classification_snapshots s JOIN classification_runs r ON r.id = s.run_id
            WHERE s.customer_id = pg.customer_id AND r.status = 'succeeded' AND r.as_of <= $1::date
            ORDER BY s.run_id DESC LIMIT 1
        ) cl ON true
        ORDER BY pg.last_on, pg.customer_id
        """
}
