package org.vas.registry.model.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One event of a model's log, as auditors read it. */
public record HistoryEntry(String type, long revision, Instant occurredAt, JsonNode data) {
}
