-- A key's name is the actor of every event its holder causes (apikey:<name>), so no two unrevoked keys may share
-- one. The index is the rule: the access projection writes api_key in the transaction that appends ApiKeyIssued,
-- so a second key of the same name, however close in time, rolls its event back (answered 409). A database may
-- already hold such twins: the oldest keeps the name, the others are marked name_shared and work on until they
-- are revoked; the name stays taken while any of them is unrevoked.
ALTER TABLE api_key ADD COLUMN name_shared BOOLEAN NOT NULL DEFAULT false;
UPDATE api_key twin SET name_shared = true
WHERE revoked_at IS NULL
  AND EXISTS (SELECT 1 FROM api_key first
              WHERE first.name = twin.name AND first.revoked_at IS NULL
                AND (first.created_at, first.key_id) < (twin.created_at, twin.key_id));
CREATE UNIQUE INDEX api_key_unrevoked_name ON api_key (name) WHERE revoked_at IS NULL AND NOT name_shared;
