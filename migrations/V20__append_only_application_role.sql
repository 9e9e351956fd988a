-- The event log is append-only in the database itself: the application connects as a role that may read and
-- append events but never change or remove them. Flyway keeps running as the schema's owner.
-- Roles belong to the whole PostgreSQL cluster, not to this database, so the role is created only when missing
-- (another registry database on the same server, or a DBA, may have made it already).
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${app_role}') THEN
        EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', '${app_role}', '${app_password}');
    END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO ${app_role};

-- Every derived table (read model, staging tables of a rebuild, tracking tokens, snapshots) is the application's
-- to rewrite; so are the tables later migrations create.
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public TO ${app_role};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON TABLES TO ${app_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${app_role};

-- The log and the migration history: read and append only.
REVOKE UPDATE, DELETE, TRUNCATE ON domain_event_entry FROM ${app_role};
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON flyway_schema_history FROM ${app_role};
