package org.vas.registry.audit.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.vas.registry.audit.EventView;

/**
 * A page of one model's events in order. {@code next_after_revision} is where the next page starts, or null when
 * this page reached the end.
 */
record HistoryResponse(String modelId, List<EventView> events, @Schema(nullable = true) Long nextAfterRevision) {
}
