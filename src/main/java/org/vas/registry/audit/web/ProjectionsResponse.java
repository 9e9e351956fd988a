package org.vas.registry.audit.web;

import java.util.List;
import org.vas.registry.audit.ProjectionAdmin;

record ProjectionsResponse(List<ProjectionAdmin.Status> projections, long head) {
}
