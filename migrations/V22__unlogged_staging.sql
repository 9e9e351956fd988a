-- The staging tables only ever hold a rebuild in progress, which a crash abandons anyway (the live read model is
-- untouched until the swap, which is logged as any other write). Unlogged, a rebuild's 30,000 rows of JSON are not
-- also written to the WAL and flushed; after a crash PostgreSQL empties them, which is what a rebuild expects.
ALTER TABLE model_staging SET UNLOGGED;
ALTER TABLE model_version_staging SET UNLOGGED;
