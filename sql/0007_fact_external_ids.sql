-- 0007_fact_external_ids.sql: external ids for risk surveys and complaints.
--
-- The policy admin system pushes facts through facts.* calls that must be
-- idempotent: customers are keyed by customers.external_ref and policies by
-- policy_no, but surveys and complaints had no key of the caller's. This adds
-- external_ref (the id in the system that recorded the survey or complaint),
-- unique when set, so facts.survey.record and facts.complaint.record can
-- insert once and update after. Rows loaded before (synthetic branch, imports)
-- keep NULL.
--
-- Runs in one transaction (the migration runner wraps it); no BEGIN/COMMIT.

-- Risk-preference surveys ----------------------------------------------------------

ALTER TABLE risk_surveys
    ADD COLUMN external_ref text CONSTRAINT risk_surveys_external_ref_key UNIQUE,
    ADD CONSTRAINT risk_surveys_external_ref_check CHECK (btrim(external_ref) <> '');

COMMENT ON COLUMN risk_surveys.external_ref IS
    'Id of the survey in the system that recorded it (facts.survey.record); unique when set.';

-- Complaints -----------------------------------------------------------------------

ALTER TABLE complaints
    ADD COLUMN external_ref text CONSTRAINT complaints_external_ref_key UNIQUE,
    ADD CONSTRAINT complaints_external_ref_check CHECK (btrim(external_ref) <> '');

COMMENT ON COLUMN complaints.external_ref IS
    'Id of the complaint in the system that recorded it (facts.complaint.record); unique when set.';
