-- 0008_green_channel_entitlement.sql: the entitlement that opened a green channel.
--
-- greenchannel.open answers with the entitlement that let the customer in, and a
-- replay under the same idempotency key must answer the same even after the
-- customer's entitlements change. The ticket keeps it; tickets opened before
-- keep NULL.
--
-- Runs in one transaction (the migration runner wraps it); no BEGIN/COMMIT.

ALTER TABLE green_channel_tickets
    ADD COLUMN entitlement_code text,
    ADD CONSTRAINT green_channel_tickets_entitlement_code_check CHECK (entitlement_code ~ '^[a-z][a-z0-9_]*$');

COMMENT ON COLUMN green_channel_tickets.entitlement_code IS
    'Catalogue code of the entitlement that opened the ticket (policy settings.green_channel).';
