-- API keys issued from now on are stored as their HMAC-SHA256 under a secret that only this database holds, made
-- here once so that every instance on the database hashes alike. A hash that escapes (from the event log, a copy
-- of api_key) tests no guessed key without it. Keys issued before keep their plain SHA-256, marked 'sha256', and
-- keep working; reissue them to move them over. The application may read the secret, never change it.
CREATE TABLE api_key_hash_secret (
    only_row BOOLEAN PRIMARY KEY DEFAULT true CHECK (only_row),
    secret   BYTEA   NOT NULL
);
-- Two version 4 UUIDs: 244 random bits from PostgreSQL's strong random source, without an extension.
INSERT INTO api_key_hash_secret (secret)
VALUES (decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON api_key_hash_secret FROM ${app_role};

ALTER TABLE api_key ADD COLUMN hash_scheme VARCHAR(16) NOT NULL DEFAULT 'sha256';
ALTER TABLE api_key ALTER COLUMN hash_scheme DROP DEFAULT;
