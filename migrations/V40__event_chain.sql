-- The tamper-evident log (docs/decisions.md, decision 21). Every event appended from now on gets one link: the
-- position of the event chained before it and the SHA-256 of its stored columns together with that event's hash.
-- A companion table rather than a field inside meta_data: the hash covers meta_data's stored bytes as they are,
-- and Axon's insert stays untouched. No foreign key: an event deleted behind the registry's back must leave its
-- link behind, and a link deleted with it breaks the next link.
CREATE TABLE event_chain (
    global_index   BIGINT PRIMARY KEY,
    previous_index BIGINT NOT NULL,
    hash           BYTEA  NOT NULL CHECK (length(hash) = 32)
);

-- Where the chain begins: events already in the log when this registry was upgraded are chained by the migration
-- that follows (V41), so their integrity is guaranteed only from that moment on.
CREATE TABLE event_chain_origin (
    id              INTEGER     PRIMARY KEY CHECK (id = 1),
    format          INTEGER     NOT NULL,
    chained_up_to   BIGINT      NOT NULL,
    chained_events  BIGINT      NOT NULL,
    chained_at      TIMESTAMPTZ NOT NULL
);

-- Append-only for the application, like the log itself: it may add links, never change or remove one.
REVOKE UPDATE, DELETE, TRUNCATE ON event_chain FROM ${app_role};
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON event_chain_origin FROM ${app_role};
