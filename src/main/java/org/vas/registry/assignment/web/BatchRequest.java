package org.vas.registry.assignment.web;

import java.util.List;

/** Up to {@value AssignmentController#MAX_BATCH} assignments validated, or previewed, in one call. */
record BatchRequest(List<AssignmentRequest> assignments) {
}
