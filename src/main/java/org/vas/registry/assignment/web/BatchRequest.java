package org.vas.registry.assignment.web;

import java.util.List;

/** Up to {@value AssignmentController#MAX_BATCH} assignments validated in one call. */
record BatchRequest(List<AssignmentRequest> assignments) {
}
