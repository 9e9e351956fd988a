-- The registry's state folded up to a log position, written every so many positions by the time-travel-checkpoints
-- tracking processor, so that a past list or validation folds only the events after the nearest checkpoint rather
-- than the whole log. Derived data: any row may be deleted (time travel then folds from an older one), and a
-- release that changes how past events fold (an upcaster) deletes them all.
-- shape fingerprints the serialized state's structure: a checkpoint of another shape is never read.
-- latest_occurred_at is the latest event time at or below the position; earliest_occurred_at the earliest among
-- the events this checkpoint folded in: together they bound which events an as_of instant needs.
CREATE TABLE time_travel_checkpoint (
    position             BIGINT      PRIMARY KEY,
    shape                VARCHAR(64) NOT NULL,
    latest_occurred_at   TIMESTAMPTZ NOT NULL,
    earliest_occurred_at TIMESTAMPTZ NOT NULL,
    models               INTEGER     NOT NULL,
    state                BYTEA       NOT NULL
);
CREATE INDEX time_travel_checkpoint_shape_idx ON time_travel_checkpoint (shape, position DESC);
