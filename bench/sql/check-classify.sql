-- Customers whose classes differ between the baseline table bench_classes and the
-- latest succeeded classification run (0 when the two agree on every customer).
SELECT count(*)
FROM bench_classes b
FULL JOIN (
    SELECT * FROM classification_snapshots
    WHERE run_id = (SELECT max(id) FROM classification_runs WHERE status = 'succeeded')
) s ON s.customer_id = b.customer_id
WHERE s.customer_id IS NULL OR b.customer_id IS NULL
   OR (b.rfm_type, b.abc_class, b.quadrant, b.r_days, b.f, b.m)
      IS DISTINCT FROM (s.rfm_type, s.abc_class, s.quadrant, s.r_days, s.f_count, s.m_value);
