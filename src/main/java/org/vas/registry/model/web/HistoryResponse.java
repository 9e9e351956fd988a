package org.vas.registry.model.web;

import java.util.List;
import org.vas.registry.model.query.HistoryEntry;

/** A model's events in the order they happened. */
record HistoryResponse(String modelId, List<HistoryEntry> events, int total) {
}
