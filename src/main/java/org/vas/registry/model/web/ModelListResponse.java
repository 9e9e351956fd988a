package org.vas.registry.model.web;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.vas.registry.model.query.ModelView;

/**
 * The platform's list shape, {@code {"models": [...], "total": n}}, with the cursor of the next page. The models
 * are {@link ModelView}s, or the same already rendered as JSON.
 */
record ModelListResponse(@ArraySchema(schema = @Schema(implementation = ModelView.class)) List<?> models,
                         long total, @Schema(nullable = true) String nextCursor) {
}
