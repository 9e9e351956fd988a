-- A model's aliases (name to version), beside default_version. default_version used to be computed from the
-- versions (the highest enabled release); it is now the fold's, moved by promotions, and holds the same value for
-- every model written before, so existing rows need no change.
ALTER TABLE model ADD COLUMN aliases JSONB NOT NULL DEFAULT '{}';
ALTER TABLE model_staging ADD COLUMN aliases JSONB NOT NULL DEFAULT '{}';
