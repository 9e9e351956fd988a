package org.vas.registry.model.web;

import java.util.List;
import org.vas.registry.model.query.ModelView;

/** The platform's list shape, {@code {"models": [...], "total": n}}, with the cursor of the next page. */
record ModelListResponse(List<ModelView> models, long total, String nextCursor) {
}
