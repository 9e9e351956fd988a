package org.vas.registry.model.web;

import java.util.List;
import org.vas.registry.model.query.VersionView;

/** A model's versions, highest SemVer precedence first. */
record VersionListResponse(String modelId, List<VersionView> versions, int total) {
}
