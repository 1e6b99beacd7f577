-- 0014: API tokens are stored as salted hashes and looked up by an id.
--
-- Until now api_clients.token_hash held the plain SHA-256 of each token, and a hello
-- looked that hash up. Now each client has a random salt (token_salt, 16 bytes as
-- hex) and token_hash is SHA-256(salt || SHA-256(token)); the lookup key is token_id,
-- 16 hex digits that new tokens carry after their 'tdk_' prefix. The daemon compares
-- the salted hash in constant time.
--
-- Tokens issued before keep working without being reissued: the SHA-256 stored for
-- them is exactly the inner hash, so it is salted in place here, and their id is its
-- first 16 hex digits (a 64-bit prefix of the token's SHA-256; tokens carry 256
-- random bits, so that prefix tells nothing useful). The salt comes from
-- gen_random_uuid(), PostgreSQL's cryptographic random source (122 random bits).
--
-- Runs in one transaction (the migration runner wraps it); no BEGIN/COMMIT.

ALTER TABLE api_clients
    ADD COLUMN token_id text,
    ADD COLUMN token_salt text;

WITH salted AS (
    SELECT id, replace(gen_random_uuid()::text, '-', '') AS salt FROM api_clients
)
UPDATE api_clients c
SET token_id = left(c.token_hash, 16),
    token_salt = s.salt,
    token_hash = encode(sha256(decode(s.salt, 'hex') || decode(c.token_hash, 'hex')), 'hex')
FROM salted s
WHERE s.id = c.id;

ALTER TABLE api_clients
    ALTER COLUMN token_id SET NOT NULL,
    ALTER COLUMN token_salt SET NOT NULL,
    DROP CONSTRAINT api_clients_token_hash_key,
    ADD CONSTRAINT api_clients_token_id_key UNIQUE (token_id),
    ADD CONSTRAINT api_clients_token_id_check CHECK (token_id ~ '^[0-9a-f]{16}$'),
    ADD CONSTRAINT api_clients_token_salt_check CHECK (token_salt ~ '^[0-9a-f]{32}$');

COMMENT ON COLUMN api_clients.token_id IS
    'Lookup key: the 16 hex digits after tdk_ in the token (for tokens issued before 0014, the first 16 hex digits of the token''s SHA-256).';
COMMENT ON COLUMN api_clients.token_salt IS 'Random per-client salt, 16 bytes as lower-case hex.';
COMMENT ON COLUMN api_clients.token_hash IS
    'Lower-case hex SHA-256(salt || SHA-256(token)); the token itself is never stored.';
