package org.vas.registry.model.query;

import java.util.List;

/**
 * One page of a model list. {@code total} counts every match, not just this page; {@code nextCursor} is null on
 * the last page.
 */
public record ModelPage(List<ModelView> models, long total, String nextCursor) {
}
