-- Who last changed each model, why and when, built by the audit-activity tracking processor. Each row records the
-- log position it reflects: an event at or below it was already applied and is ignored, so a replay, or a segment
-- taken over by another instance before the first one stored its token, never counts an event twice.
CREATE TABLE audit_activity (
    model_id        VARCHAR(128) PRIMARY KEY,
    last_event_type VARCHAR(255) NOT NULL,
    last_actor      TEXT,
    last_reason     TEXT,
    last_changed_at TIMESTAMPTZ  NOT NULL,
    event_count     BIGINT       NOT NULL,
    position        BIGINT       NOT NULL
);
