package org.vas.registry.access.web;

import java.time.Instant;
import java.util.List;

/** The body of {@code POST /api/v1/admin/api-keys}. */
record IssueKeyRequest(String name, List<String> roles, Instant expiresAt) {
}
