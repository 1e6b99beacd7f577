-- 0012: compress the decision log's JSON with lz4 instead of pglz.
--
-- Every entitlements.get writes a decision_log row of about 2.5 KB of JSON (the
-- facts the engine saw and the answer), past PostgreSQL's 2 KB TOAST threshold, so
-- each row is compressed as it is written. With the default pglz, compression was
-- the largest item in the profile of the backend that writes the log under load;
-- lz4 compresses several times faster at a similar ratio. Existing rows keep their
-- pglz compression and read as before. A server built without lz4 keeps pglz.
--
-- Runs in one transaction (the migration runner wraps it); no BEGIN/COMMIT.

DO $$
BEGIN
    ALTER TABLE decision_log
        ALTER COLUMN request SET COMPRESSION lz4,
        ALTER COLUMN result SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'this server has no lz4; the decision log stays compressed with pglz';
END;
$$;
