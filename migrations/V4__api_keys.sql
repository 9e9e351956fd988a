-- API keys, as projected from the ApiKeyIssued / ApiKeyRevoked events. Only a SHA-256 hash of each key is kept;
-- the key itself is shown once, when it is issued. last_used_at is operational data, written on use.
CREATE TABLE api_key (
    key_id       VARCHAR(64)  PRIMARY KEY,
    name         VARCHAR(100) NOT NULL,
    key_hash     CHAR(64)     NOT NULL UNIQUE,
    roles        TEXT[]       NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    created_by   VARCHAR(200),
    expires_at   TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ,
    revoked_by   VARCHAR(200),
    last_used_at TIMESTAMPTZ
);
