-- One model's nearest snapshot at or before a position. Within a model the positions of its snapshots rise with
-- their revisions, so this index finds that snapshot at once, where the primary key (by revision) passes every
-- later snapshot of the model first: an auditor's old position on a long history passed hundreds.
CREATE INDEX model_snapshot_position_idx ON model_snapshot (model_id, shape, position);
