-- A past list's total up to a log position is the models a checkpoint at or before it counted plus the
-- registrations after that checkpoint: this index finds those by position, so the count reads at most a checkpoint
-- interval of registrations instead of every registration in the log.
CREATE INDEX domain_event_entry_registration_position_idx
    ON domain_event_entry (global_index)
    WHERE sequence_number = 0 AND payload_type = 'org.vas.registry.model.event.ModelRegistered';
