-- Runs once, when the compose stack's PostgreSQL volume is created.
-- The migrations (run as the owner, tierd_owner) create tierd_runtime and grant it;
-- the daemon logs in as tierd_app, a member of it, never as the owner.
CREATE ROLE tierd_runtime NOLOGIN;
CREATE ROLE tierd_app LOGIN PASSWORD 'change-me-app' IN ROLE tierd_runtime;
