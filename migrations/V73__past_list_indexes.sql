-- A past list (as_of) without a filter walks the models registered by then in the list's order and folds only
-- the page's models from their own streams, so it needs the registrations ordered as the list orders models:
-- newest first by the registration's time (ModelState keeps it to the millisecond), then by model id in code-point
-- order (Java's String order). The event store keeps times as text; Axon writes them as UTC instants ending in Z,
-- whose value does not depend on the session's time zone, which is what makes this function immutable in fact.
-- The id is also included as it is, so that the walk reads the index alone.
-- The digits below the millisecond are cut from the text, as Java truncates the instant: a cast would round them.
CREATE FUNCTION registry_event_millis(stamp VARCHAR) RETURNS TIMESTAMPTZ
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN regexp_replace(stamp, '(\.[0-9]{3})[0-9]+', '\1')::timestamptz;

CREATE INDEX domain_event_entry_registration_idx
    ON domain_event_entry (registry_event_millis(time_stamp) DESC, (aggregate_identifier COLLATE "C") DESC)
    INCLUDE (global_index, time_stamp, aggregate_identifier)
    WHERE sequence_number = 0 AND payload_type = 'org.vas.registry.model.event.ModelRegistered';

-- Retirement is final (the aggregate refuses every command on a retired model): a past list's total of models
-- not retired is the registrations up to then less the retirements up to then.
CREATE INDEX domain_event_entry_retirement_idx
    ON domain_event_entry (global_index) INCLUDE (time_stamp)
    WHERE payload_type = 'org.vas.registry.model.event.ModelRetired';
