/// The statements of ``ClassifyJob``.
enum ClassificationQuery {
    /// Every customer's R, F, M, RFM type, ABC class and quadrant on day `$1`, by id.
    /// `$2` window days, `$3` first ABC cut, `$4` second ABC cut, `$5` loyal-after days.
    ///
    /// R is days since the last purchase ever (NULL: never bought, which counts as
    /// R above the mean); F and M are the policies and premium issued in the window.
    /// Each is compared with the mean over all customers (R's over those who bought):
    /// "up" at or above it. ABC: customers by M, largest first (ties by id), are A
    /// while the M before them is below the first cut of the total, B below the
    /// second, C after; a customer with no M is C. Quadrant: loyalty is high when the
    /// first purchase is at least `$5` days old, relative profit when M is at least
    /// the mean. Exact `numeric` arithmetic throughout.
    ///
    /// `facts` are extra columns (name, aggregate over the customer's policies `p`
    /// issued by `$1`) computed in the same pass and returned after the classes:
    /// the facts the policy's value table reads (``ClassificationFacts``).
    ///
    /// `valueTier`, a SQL expression over those columns (``ValueTierSQL``), adds a last
    /// column `value_tier`.
    static func classes(facts: [(name: String, aggregate: String)] = [], valueTier: String? = nil) -> String {
        let aggregates = facts.map { ",\n               \($0.aggregate) AS \($0.name)" }.joined()
        let passed = facts.map { ", \($0.name)" }.joined() + (valueTier.map { ", \($0) AS value_tier" } ?? "")
        return """
        WITH per AS (
            SELECT c.id, max(p.issued_on) AS last_on, min(p.issued_on) AS first_on,
                   count(p.id) FILTER (WHERE p.issued_on > $1::date - $2::int) AS f,
                   coalesce(sum(p.premium) FILTER (WHERE p.issued_on > $1::date - $2::int), 0) AS m\(aggregates)
            FROM customers c LEFT JOIN policies p ON p.customer_id = c.id AND p.issued_on <= $1::date
            GROUP BY c.id
        ), stats AS (
            SELECT avg($1::date - last_on) AS r_mean, avg(f) AS f_mean, avg(m) AS m_mean, sum(m) AS m_total FROM per
        ), ranked AS (
            SELECT per.*, $1::date - per.last_on AS r_days,
                   coalesce(sum(m) OVER (ORDER BY m DESC, id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS m_before
            FROM per
        ), flags AS (
            SELECT r.id, r.r_days, r.f, r.m, r.m_before, r.first_on, s.m_total\(facts.map { ", r.\($0.name)" }.joined()),
                   (r.r_days IS NOT NULL AND r.r_days < s.r_mean) AS recent,
                   r.f >= s.f_mean AS frequent, r.m >= s.m_mean AS large
            FROM ranked r CROSS JOIN stats s
        )
        SELECT id, r_days, f, m::text,
               CASE WHEN recent THEN CASE WHEN frequent THEN CASE WHEN large THEN 1 ELSE 3 END
                                          ELSE CASE WHEN large THEN 2 ELSE 4 END END
                    ELSE CASE WHEN frequent THEN CASE WHEN large THEN 5 ELSE 6 END
                              ELSE CASE WHEN large THEN 8 ELSE 7 END END
               END AS rfm_type,
               CASE WHEN m > 0 AND m_before < $3::numeric * m_total THEN 'A'
                    WHEN m > 0 AND m_before < $4::numeric * m_total THEN 'B'
                    ELSE 'C' END AS abc_class,
               CASE WHEN first_on IS NOT NULL AND first_on <= $1::date - $5::int THEN 'high_loyalty' ELSE 'low_loyalty' END
                   || CASE WHEN large THEN '_high_profit' ELSE '_low_profit' END AS quadrant\(passed)
        FROM flags ORDER BY id
        """
    }

    /// The tier changes of run `$1` against each customer's snapshot in the latest
    /// earlier succeeded run, as `tier_history` rows. `$2` the value tiers from the
    /// highest to the lowest, `$3` the policy revision. A customer with no earlier
    /// snapshot gets `new` rows; `abc` moves up towards A and `value` towards the
    /// first tier; `rfm` and `quadrant` moves are lateral.
    static let history = """
        WITH previous AS (
            SELECT max(id) AS id FROM classification_runs WHERE status = 'succeeded' AND id < $1::bigint
        ), changes AS (
            SELECT cur.customer_id, k.kind, k.from_tier, k.to_tier
            FROM classification_snapshots cur
            LEFT JOIN classification_snapshots prev
                   ON prev.customer_id = cur.customer_id AND prev.run_id = (SELECT id FROM previous)
            CROSS JOIN LATERAL (VALUES
                ('value', prev.value_tier, cur.value_tier),
                ('abc', prev.abc_class, cur.abc_class),
                ('rfm', prev.rfm_type::text, cur.rfm_type::text),
                ('quadrant', prev.quadrant, cur.quadrant)
            ) AS k(kind, from_tier, to_tier)
            WHERE cur.run_id = $1::bigint AND k.from_tier IS DISTINCT FROM k.to_tier
        ), inserted AS (
            INSERT INTO tier_history (customer_id, tier_kind, from_tier, to_tier, direction, run_id, policy_revision)
            SELECT customer_id, kind, from_tier, to_tier,
                   CASE WHEN from_tier IS NULL THEN 'new'
                        WHEN to_tier IS NULL THEN 'down'
                        WHEN kind = 'abc' THEN CASE WHEN to_tier < from_tier THEN 'up' ELSE 'down' END
                        WHEN kind = 'value' AND array_position($2::text[], to_tier) IS NOT NULL
                                            AND array_position($2::text[], from_tier) IS NOT NULL
                            THEN CASE WHEN array_position($2::text[], to_tier) < array_position($2::text[], from_tier)
                                      THEN 'up' ELSE 'down' END
                        ELSE 'lateral' END,
                   $1::bigint, $3::text
            FROM changes ORDER BY customer_id, kind
            RETURNING customer_id, tier_kind, direction
        )
        SELECT (SELECT count(*) FROM inserted)::int,
               (SELECT count(*) FROM inserted WHERE tier_kind = 'value' AND direction = 'up')::int,
               (SELECT count(*) FROM inserted WHERE tier_kind = 'value' AND direction = 'down')::int
        """

    /// Run `$6`'s snapshots from ``classes(facts:valueTier:)`` (`$1`…`$5` as there),
    /// written inside the server.
    static func insertSnapshots(_ classes: String) -> String {
        """
        INSERT INTO classification_snapshots (run_id, customer_id, rfm_type, r_days, f_count, m_value, abc_class, quadrant, value_tier)
        SELECT $6::bigint, c.id, c.rfm_type, c.r_days, c.f, c.m::numeric, c.abc_class, c.quadrant, c.value_tier
        FROM (\(classes)) c
        """
    }

    /// Run `$1`'s snapshots counted by RFM type, ABC class and quadrant (each row one
    /// group; the other two columns NULL).
    static let snapshotCounts = """
        SELECT rfm_type, abc_class, quadrant, count(*)::bigint FROM classification_snapshots WHERE run_id = $1::bigint
        GROUP BY GROUPING SETS ((rfm_type), (abc_class), (quadrant))
        """

    /// The customers whose value tier run `$1` moved (not those classified for the first time), by id.
    static let valueChanges = """
        SELECT customer_id FROM tier_history
        WHERE run_id = $1::bigint AND tier_kind = 'value' AND direction <> 'new'
        ORDER BY customer_id
        """
}
