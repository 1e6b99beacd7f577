-- 0009_task_queue.sql: what the task queue (tasks.claim, .heartbeat, .complete,
-- .fail, .subscribe) needs beyond 0006's tasks table.
--
-- Several daemons share one database and a scheduler may be connected to any of
-- them, so "tasks available" must come from the database, not from the daemon
-- that made the task: a trigger notifies channel tierd_tasks, with the kind as
-- payload, whenever a task becomes claimable (inserted pending and due, or back
-- to pending and due after a retry or an expired lease). Tasks due later
-- announce nothing when they fall due; schedulers also claim on a timer.
-- PostgreSQL folds equal notifications of one transaction into one, so a bulk
-- insert sends one per kind.
--
-- tasks.complete records a free-text note beside the outcome (error is for
-- failures), and outcome and churn_reason are words the daemon compares exactly.
-- Claims walk pending tasks in (priority DESC, due_at, id) order; an index in
-- that order lets LIMIT stop early instead of sorting every due task.
--
-- Runs in one transaction (the migration runner wraps it); no BEGIN/COMMIT.

-- Columns and rules ----------------------------------------------------------------

ALTER TABLE tasks
    ADD COLUMN note text,
    ADD CONSTRAINT tasks_note_check CHECK (btrim(note) <> '' AND char_length(note) <= 2000),
    ADD CONSTRAINT tasks_outcome_check CHECK (outcome ~ '^[a-z][a-z0-9_]*$' AND char_length(outcome) <= 100),
    ADD CONSTRAINT tasks_churn_reason_check CHECK (churn_reason ~ '^[a-z][a-z0-9_]*$');

COMMENT ON COLUMN tasks.note IS 'The worker''s note on completion (tasks.complete).';
COMMENT ON COLUMN tasks.outcome IS
    'What came of the task (tasks.complete), e.g. reached, no_answer, declined, ticket_closed.';

-- Claim order ----------------------------------------------------------------------

CREATE INDEX tasks_pending_order_idx ON tasks (priority DESC, due_at, id) WHERE status = 'pending';

-- "Tasks available" ----------------------------------------------------------------

CREATE FUNCTION tasks_notify_available() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('tierd_tasks', NEW.kind);
    RETURN NULL;
END;
$$;

COMMENT ON FUNCTION tasks_notify_available() IS
    'Notifies tierd_tasks with the task''s kind; delivered when the transaction commits.';

CREATE TRIGGER tasks_notify_insert
    AFTER INSERT ON tasks
    FOR EACH ROW
    WHEN (NEW.status = 'pending' AND NEW.due_at <= now())
    EXECUTE FUNCTION tasks_notify_available();

-- Claimable now and not before: a retry or an expired lease back to pending, or a
-- pending task moved to an earlier due_at.
CREATE TRIGGER tasks_notify_update
    AFTER UPDATE OF status, due_at ON tasks
    FOR EACH ROW
    WHEN (NEW.status = 'pending' AND NEW.due_at <= now() AND (OLD.status <> 'pending' OR OLD.due_at > now()))
    EXECUTE FUNCTION tasks_notify_available();
