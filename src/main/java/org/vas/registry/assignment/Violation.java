package org.vas.registry.assignment;

/** One reason an assignment is invalid. {@code code} is stable; {@code field} points into the request. */
public record Violation(String code, String message, String field) {
}
