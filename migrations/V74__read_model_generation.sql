-- A rebuild writes the read model again from the log, and may change a model's row without changing its revision
-- (when the row had disagreed with the log). Each instance names a model's rendered JSON by its revision and this
-- generation, which every rebuild moves, so no instance serves a rendering from before another instance's rebuild.
ALTER TABLE read_model_state ADD COLUMN generation BIGINT NOT NULL DEFAULT 0;
