package org.vas.registry.model.state;

import java.time.Instant;
import org.vas.registry.kernel.VersionNumber;

/** One version of a model: its immutable content, whether it may be used, and when either last changed. */
public record VersionState(VersionNumber version, VersionContent content, boolean enabled, String statusReason,
                           Instant createdAt, Instant updatedAt) {

    VersionState withContent(VersionContent declared) {
        return new VersionState(version, declared, enabled, statusReason, createdAt, updatedAt);
    }

    VersionState withStatus(boolean enabled, String reason, Instant at) {
        return new VersionState(version, content, enabled, reason, createdAt, at);
    }
}
