package org.vas.registry.assignment;

import io.swagger.v3.oas.annotations.media.Schema;

/** One reason an assignment is invalid. {@code code} is stable; {@code field} points into the request. */
public record Violation(@Schema(allowableValues = {"UNKNOWN_MODEL", "MODEL_RETIRED", "MODEL_DISABLED",
        "NO_DEFAULT_VERSION", "UNKNOWN_ALIAS", "UNKNOWN_VERSION", "VERSION_DISABLED", "INVALID_FPS", "FPS_ABOVE_MAX",
        "INVALID_PRIORITY", "INVALID_PARAMETERS", "SCHEMA_UNAVAILABLE"}) String code, String message,
                        @Schema(nullable = true) String field) {
}
