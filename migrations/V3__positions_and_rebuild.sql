-- The log position (domain_event_entry.global_index) each part of the read model reflects.
ALTER TABLE model ADD COLUMN position BIGINT NOT NULL DEFAULT 0;
ALTER TABLE read_model_state ADD COLUMN position BIGINT NOT NULL DEFAULT 0;

-- A rebuild replays the whole log into these, then swaps their rows into the live tables in one transaction,
-- so no reader ever sees a half-built read model. Same shape as the live tables.
CREATE TABLE model_staging (LIKE model INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES);
CREATE TABLE model_version_staging
    (LIKE model_version INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES);
