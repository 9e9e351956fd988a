-- One model's past is its nearest snapshot and its events after it up to a position. Within a model's stream the
-- positions rise with the sequence numbers, so this index reads exactly those events, where the stream's own index
-- (by sequence number) reads every later event of the model too and drops those past the position.
CREATE INDEX domain_event_entry_stream_position_idx ON domain_event_entry (aggregate_identifier, global_index);
