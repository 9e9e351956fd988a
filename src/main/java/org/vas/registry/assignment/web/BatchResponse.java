package org.vas.registry.assignment.web;

import java.util.List;
import org.vas.registry.assignment.ValidationResult;

/** One result per assignment, in the order they were sent. */
record BatchResponse(List<ValidationResult> results, int total, int valid) {
}
