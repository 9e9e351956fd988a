-- Indexes for the list's filters that V2 left to a scan (measured in docs/benchmarks.md).

-- q matches a substring of name or description (ILIKE '%...%'); only trigram indexes serve a leading wildcard.
-- pg_trgm is a trusted extension from PostgreSQL 13, so a database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX model_name_trgm_idx ON model USING GIN (name gin_trgm_ops);
CREATE INDEX model_description_trgm_idx ON model USING GIN (description gin_trgm_ops);

-- The default list and the enabled filter leave out retired models and read newest first: with these, a page
-- walks the index in order and stops at its end, however many retired or filtered-out models there are.
CREATE INDEX model_listed_idx ON model (created_at DESC, model_id DESC) WHERE NOT retired;
CREATE INDEX model_enabled_listed_idx ON model (enabled, created_at DESC, model_id DESC) WHERE NOT retired;
