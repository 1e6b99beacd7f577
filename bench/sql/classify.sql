-- The classification baseline of bench/run: every customer's R, F, M, RFM type, ABC
-- class and quadrant on :'as_of', as ONE statement into a table, written apart from
-- the classify job's own query. bench/run times it beside `tierd job run classify`
-- and checks that both give the same classes for every customer (check-classify.sql).
--
-- Variables (psql -v): as_of (YYYY-MM-DD), window_days, cut_a, cut_b, loyal_days,
-- from the policy's settings.classification (`tierbench sql classification-settings`).
-- Rules, as docs/POLICY-LANGUAGE.md gives them: R is days since the last purchase
-- (none: never bought), F and M the policies and premium issued in the window; each is
-- "up" at or above its mean over all customers (R: below the mean of those who
-- bought). ABC by M, largest first, ties by id: A while the M before is below cut_a
-- of the total, B below cut_b, else C; no M is C. Loyalty is high from loyal_days
-- after the first purchase; profit is high when M is at least the mean.
DROP TABLE IF EXISTS bench_classes;
CREATE TABLE bench_classes AS
WITH bought AS (
    SELECT customer_id, max(issued_on) AS last_on, min(issued_on) AS first_on,
           count(*) FILTER (WHERE issued_on > :'as_of'::date - :window_days) AS f,
           sum(premium) FILTER (WHERE issued_on > :'as_of'::date - :window_days) AS m
    FROM policies WHERE issued_on <= :'as_of'::date
    GROUP BY customer_id
), everyone AS (
    SELECT c.id, :'as_of'::date - b.last_on AS r_days, b.first_on,
           coalesce(b.f, 0) AS f, coalesce(b.m, 0) AS m
    FROM customers c LEFT JOIN bought b ON b.customer_id = c.id
), marked AS (
    SELECT e.*,
           e.r_days < avg(e.r_days) OVER () AS recent,
           e.f >= avg(e.f) OVER () AS frequent,
           e.m >= avg(e.m) OVER () AS large,
           sum(e.m) OVER () AS m_total,
           sum(e.m) OVER (ORDER BY e.m DESC, e.id) - e.m AS m_before
    FROM everyone e
)
SELECT id AS customer_id, r_days, f, m,
       (ARRAY[7, 8, 6, 5, 4, 2, 3, 1])[1 + 4 * coalesce(recent, false)::int + 2 * frequent::int + large::int] AS rfm_type,
       CASE WHEN m <= 0 THEN 'C'
            WHEN m_before < :cut_a * m_total THEN 'A'
            WHEN m_before < :cut_b * m_total THEN 'B'
            ELSE 'C' END AS abc_class,
       CASE WHEN first_on <= :'as_of'::date - :loyal_days THEN 'high_loyalty' ELSE 'low_loyalty' END
           || CASE WHEN large THEN '_high_profit' ELSE '_low_profit' END AS quadrant
FROM marked;
