-- One model's state after every so many of its own events, so that its past is the nearest snapshot plus at most
-- an interval of its events, however long its history: time travel writes a snapshot when a fold first passes its
-- revision. Derived data: any row may be deleted (time travel then folds from an older one, or from the model's
-- first event), and a row of another shape (another release of the state) is never read and is replaced.
-- latest_occurred_at is the latest time among the model's events up to the revision: a snapshot stands for an
-- as_of instant only if every event it folded occurred by then.
CREATE TABLE model_snapshot (
    model_id           VARCHAR(255) NOT NULL,
    revision           BIGINT       NOT NULL,
    position           BIGINT       NOT NULL,
    latest_occurred_at TIMESTAMPTZ  NOT NULL,
    shape              VARCHAR(64)  NOT NULL,
    state              BYTEA        NOT NULL,
    PRIMARY KEY (model_id, revision)
);
