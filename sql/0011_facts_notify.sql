-- 0011: announce which households' facts changed, so daemons can cache facts.
--
-- A daemon keeps recently loaded customer facts in memory (facts_cache in the
-- configuration) and must forget them when the rows they were read from change,
-- whoever changed them: another daemon, an import, a job, or SQL typed by hand.
-- Statement triggers on every table the facts statement reads notify channel
-- tierd_facts with a household id as payload. The household is the unit because a
-- customer's facts include household-wide figures (size, long-term policies,
-- premium, shared quota), so one member's change touches every member's facts.
-- Payload '*' means "forget everything": a statement that touched more than 1,000
-- households (imports), TRUNCATE, a classification run finishing or being deleted,
-- a branch renamed.
--
-- Notifications are delivered when the transaction commits, and PostgreSQL folds
-- equal ones of a transaction into one. Snapshot and tier-history rows are written
-- with their classification run, whose status change announces them, so those two
-- large tables carry no trigger.
--
-- Runs in one transaction (the migration runner wraps it); no BEGIN/COMMIT.

CREATE FUNCTION tierd_notify_facts(households bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    household bigint;
BEGIN
    IF households IS NULL OR cardinality(households) = 0 THEN
        RETURN;
    END IF;
    IF cardinality(households) > 1000 THEN
        PERFORM pg_notify('tierd_facts', '*');
        RETURN;
    END IF;
    FOREACH household IN ARRAY households LOOP
        IF household IS NOT NULL THEN
            PERFORM pg_notify('tierd_facts', household::text);
        END IF;
    END LOOP;
END;
$$;

COMMENT ON FUNCTION tierd_notify_facts(bigint[]) IS
    'Notifies tierd_facts once per household id, or once with ''*'' for more than 1,000.';

-- customers: the household of each row before and after (a move changes the sizes of both).
CREATE FUNCTION customers_notify_facts() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM tierd_notify_facts(ARRAY(SELECT DISTINCT household_id FROM new_rows));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM tierd_notify_facts(ARRAY(
            SELECT household_id FROM new_rows UNION SELECT household_id FROM old_rows));
    ELSE
        PERFORM tierd_notify_facts(ARRAY(SELECT DISTINCT household_id FROM old_rows));
    END IF;
    RETURN NULL;
END;
$$;

-- Tables keyed by customer_id: the household of each row's customer.
CREATE FUNCTION customer_rows_notify_facts() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM tierd_notify_facts(ARRAY(
            SELECT DISTINCT c.household_id FROM new_rows r JOIN customers c ON c.id = r.customer_id));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM tierd_notify_facts(ARRAY(
            SELECT c.household_id
            FROM (SELECT customer_id FROM new_rows UNION SELECT customer_id FROM old_rows) r
            JOIN customers c ON c.id = r.customer_id
            GROUP BY c.household_id));
    ELSE
        PERFORM tierd_notify_facts(ARRAY(
            SELECT DISTINCT c.household_id FROM old_rows r JOIN customers c ON c.id = r.customer_id));
    END IF;
    RETURN NULL;
END;
$$;

-- employees: the employee's own household and those of the relatives registered
-- under the employee (whose staff-family fact follows the employment dates).
CREATE FUNCTION employees_notify_facts() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM tierd_notify_facts(ARRAY(
            SELECT c.household_id FROM new_rows r JOIN customers c ON c.id = r.customer_id
            UNION
            SELECT c.household_id FROM new_rows r
            JOIN employee_family_members f ON f.employee_id = r.id JOIN customers c ON c.id = f.customer_id));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM tierd_notify_facts(ARRAY(
            SELECT c.household_id
            FROM (SELECT id, customer_id FROM new_rows UNION SELECT id, customer_id FROM old_rows) r
            JOIN customers c ON c.id = r.customer_id
            UNION
            SELECT c.household_id
            FROM (SELECT id FROM new_rows UNION SELECT id FROM old_rows) r
            JOIN employee_family_members f ON f.employee_id = r.id JOIN customers c ON c.id = f.customer_id));
    ELSE
        PERFORM tierd_notify_facts(ARRAY(
            SELECT c.household_id FROM old_rows r JOIN customers c ON c.id = r.customer_id
            UNION
            SELECT c.household_id FROM old_rows r
            JOIN employee_family_members f ON f.employee_id = r.id JOIN customers c ON c.id = f.customer_id));
    END IF;
    RETURN NULL;
END;
$$;

-- entitlement_grants: the grant's household, or its customer's.
CREATE FUNCTION entitlement_grants_notify_facts() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM tierd_notify_facts(ARRAY(
            SELECT DISTINCT coalesce(r.household_id, c.household_id)
            FROM new_rows r LEFT JOIN customers c ON c.id = r.customer_id));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM tierd_notify_facts(ARRAY(
            SELECT coalesce(r.household_id, c.household_id)
            FROM (SELECT household_id, customer_id FROM new_rows
                  UNION SELECT household_id, customer_id FROM old_rows) r
            LEFT JOIN customers c ON c.id = r.customer_id
            GROUP BY 1));
    ELSE
        PERFORM tierd_notify_facts(ARRAY(
            SELECT DISTINCT coalesce(r.household_id, c.household_id)
            FROM old_rows r LEFT JOIN customers c ON c.id = r.customer_id));
    END IF;
    RETURN NULL;
END;
$$;

CREATE FUNCTION tierd_notify_all_facts() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('tierd_facts', '*');
    RETURN NULL;
END;
$$;

COMMENT ON FUNCTION tierd_notify_all_facts() IS
    'Notifies tierd_facts with ''*'': every cached fact may have changed.';

-- The triggers: one per event, since each event sees different transition tables.
DO $$
DECLARE
    binding record;
BEGIN
    FOR binding IN
        SELECT * FROM (VALUES
            ('customers', 'customers_notify_facts'),
            ('policies', 'customer_rows_notify_facts'),
            ('complaints', 'customer_rows_notify_facts'),
            ('risk_surveys', 'customer_rows_notify_facts'),
            ('employee_family_members', 'customer_rows_notify_facts'),
            ('employees', 'employees_notify_facts'),
            ('entitlement_grants', 'entitlement_grants_notify_facts')
        ) AS b(table_name, function_name)
    LOOP
        EXECUTE format(
            'CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION %I()',
            binding.table_name || '_notify_facts_insert', binding.table_name, binding.function_name);
        EXECUTE format(
            'CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION %I()',
            binding.table_name || '_notify_facts_update', binding.table_name, binding.function_name);
        EXECUTE format(
            'CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION %I()',
            binding.table_name || '_notify_facts_delete', binding.table_name, binding.function_name);
        EXECUTE format(
            'CREATE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION tierd_notify_all_facts()',
            binding.table_name || '_notify_facts_truncate', binding.table_name);
    END LOOP;
END;
$$;

-- A run's snapshots become facts when it succeeds, and stop being facts when it is
-- deleted; a branch's code is a fact.
CREATE TRIGGER classification_runs_notify_facts
    AFTER UPDATE OR DELETE OR TRUNCATE ON classification_runs
    FOR EACH STATEMENT EXECUTE FUNCTION tierd_notify_all_facts();

CREATE TRIGGER branches_notify_facts
    AFTER UPDATE OR DELETE OR TRUNCATE ON branches
    FOR EACH STATEMENT EXECUTE FUNCTION tierd_notify_all_facts();
