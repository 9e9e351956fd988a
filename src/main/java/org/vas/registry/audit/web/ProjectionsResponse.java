package org.vas.registry.audit.web;

import java.util.List;
import org.vas.registry.audit.ProjectionStatus;

record ProjectionsResponse(List<ProjectionStatus.Status> projections, long head) {
}
