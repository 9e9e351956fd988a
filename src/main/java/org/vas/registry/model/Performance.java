package org.vas.registry.model;

import io.swagger.v3.oas.annotations.media.Schema;
import org.vas.registry.kernel.InvalidInputException;

/**
 * A version's declared performance envelope. {@code max_fps} bounds what an assignment may ask for.
 * Each figure is optional, as in the platform's manifests; those given must be plausible.
 */
public record Performance(@Schema(nullable = true) Integer recommendedFps, @Schema(nullable = true) Integer maxFps,
                          @Schema(nullable = true) Integer inferenceTimeHintMs) {

    static final int FPS_CEILING = 1000;
    static final int HINT_CEILING_MS = 600_000;

    public Performance {
        requireWithin("performance.max_fps", maxFps, 1, FPS_CEILING);
        requireWithin("performance.recommended_fps", recommendedFps, 1, maxFps == null ? FPS_CEILING : maxFps);
        requireWithin("performance.inference_time_hint_ms", inferenceTimeHintMs, 0, HINT_CEILING_MS);
    }

    private static void requireWithin(String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            throw new InvalidInputException("INVALID_PERFORMANCE", field,
                    field + " must be between " + min + " and " + max + ", was " + value);
        }
    }
}
