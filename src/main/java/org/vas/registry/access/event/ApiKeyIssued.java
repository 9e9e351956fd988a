package org.vas.registry.access.event;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A key was issued. {@code keyHash} is the SHA-256 of the key, hex; the key itself is never stored. */
@Revision("1")
public record ApiKeyIssued(String keyId, String name, List<String> roles, String keyHash, Instant expiresAt)
        implements AccessEvent {
}
