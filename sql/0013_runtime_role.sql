-- 0013: least privilege in the database: a runtime role for serving.
--
-- Two roles touch a tierd database. The migration owner is whoever runs
-- `tierd migrate`: it creates and owns every table. The runtime role,
-- tierd_runtime (NOLOGIN), is what a serving daemon needs and no more; the login a
-- daemon connects with is made a member of it:
--
--   CREATE ROLE tierd_app LOGIN PASSWORD '...' IN ROLE tierd_runtime;
--
-- tierd_runtime may read and write the data tables, but it cannot change the schema
-- (it owns nothing and has no CREATE on the schema), cannot update, delete or
-- truncate the audit log or the decision log (append-only), cannot write the
-- migration record, and can only read api_clients, so a compromised daemon cannot
-- mint itself a token. docs/SECURITY.md has the whole model.
--
-- The role is created here when the migrating user may create roles; otherwise an
-- administrator creates it and runs SELECT tierd_grant_runtime() as the owner.
-- Roles belong to the cluster, so databases of one cluster share it. The migration
-- runner calls tierd_grant_runtime() after every run, so tables added by later
-- migrations get the same grants.
--
-- Runs in one transaction (the migration runner wraps it); no BEGIN/COMMIT.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tierd_runtime')
       AND (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) THEN
        BEGIN
            CREATE ROLE tierd_runtime NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL; -- another database of this cluster created it at the same moment
        END;
    END IF;
END
$$;

CREATE FUNCTION tierd_grant_runtime() RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tierd_runtime') THEN
        RETURN false;
    END IF;
    EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO tierd_runtime', current_database());
    GRANT USAGE ON SCHEMA public TO tierd_runtime;
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO tierd_runtime;
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO tierd_runtime;
    -- Append-only records.
    REVOKE UPDATE, DELETE, TRUNCATE ON audit_log, decision_log FROM tierd_runtime;
    -- Read-only for the daemon: the schema's record, and the credentials it checks.
    REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON tierd_schema_migrations, api_clients FROM tierd_runtime;
    RETURN true;
END
$$;

COMMENT ON FUNCTION tierd_grant_runtime() IS
    'Grants tierd_runtime what a serving daemon needs on every table of the schema; false when the role does not exist. Run by the migration runner after each run.';

-- Nothing beyond the grants above: functions are callable by PUBLIC as usual, and
-- PUBLIC may no longer create objects in schema public (PostgreSQL 15's default).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
