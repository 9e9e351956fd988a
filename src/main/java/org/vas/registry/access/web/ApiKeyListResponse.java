package org.vas.registry.access.web;

import java.util.List;
import org.vas.registry.access.query.ApiKeyView;

record ApiKeyListResponse(List<ApiKeyView> apiKeys) {
}
