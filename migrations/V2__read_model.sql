-- The read model that discovery and validation query. Built only by the projection from the event log.
CREATE TABLE model (
    model_id        VARCHAR(128) PRIMARY KEY,
    name            VARCHAR(200) NOT NULL,
    description     TEXT,
    supported_tasks TEXT[]       NOT NULL DEFAULT '{}',
    tags            JSONB        NOT NULL DEFAULT '{}',
    enabled         BOOLEAN      NOT NULL,
    retired         BOOLEAN      NOT NULL DEFAULT FALSE,
    status_reason   TEXT,
    default_version VARCHAR(128),
    revision        BIGINT       NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL
);

-- Newest first is the default order, with model_id as the tie-breaker of the keyset.
CREATE INDEX model_created_at_idx ON model (created_at DESC, model_id DESC);
CREATE INDEX model_supported_tasks_idx ON model USING GIN (supported_tasks);
CREATE INDEX model_tags_idx ON model USING GIN (tags jsonb_path_ops);
CREATE INDEX model_enabled_idx ON model (enabled, retired);

-- Declared documents are JSON, not JSONB: JSON keeps the key order an admin wrote, which a frontend shows.
CREATE TABLE model_version (
    model_id      VARCHAR(128) NOT NULL REFERENCES model (model_id),
    version       VARCHAR(128) NOT NULL,
    enabled       BOOLEAN      NOT NULL,
    status_reason TEXT,
    config_schema JSON,
    performance   JSON,
    input         JSON,
    output        JSON,
    hardware      JSON,
    limits        JSON,
    capabilities  JSON,
    created_at    TIMESTAMPTZ  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (model_id, version)
);

-- One row whose version moves with every projected event, in the same transaction: the list's ETag.
-- Its row lock also orders concurrent projections by commit.
CREATE TABLE read_model_state (
    id      SMALLINT PRIMARY KEY CHECK (id = 1),
    version BIGINT   NOT NULL
);
INSERT INTO read_model_state (id, version) VALUES (1, 0);
