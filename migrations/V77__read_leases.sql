-- Instances that answer reads from their copies of the read model without asking for its version each time
-- (decision 28). Each holds a lease it renews; a change to the read model is acknowledged to its client only when
-- every other holder has heard of it (seen_version) or its lease has run out. Rows of instances that stopped are
-- deleted when they stop, or by the next instance to join an hour after they ran out.
CREATE TABLE read_lease (
    instance     VARCHAR(36) PRIMARY KEY,
    expires_at   TIMESTAMPTZ NOT NULL,
    seen_version BIGINT      NOT NULL
);

-- Every move of the read model's version is announced with the new version, whichever statement makes it.
CREATE FUNCTION read_model_version_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('read_model_version', NEW.version::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER read_model_version_moved AFTER UPDATE OF version ON read_model_state
    FOR EACH ROW WHEN (NEW.version IS DISTINCT FROM OLD.version) EXECUTE FUNCTION read_model_version_moved();
