package org.vas.registry.access.event;

import org.axonframework.serialization.Revision;

/** A key stopped working, for good. */
@Revision("1")
public record ApiKeyRevoked(String keyId) implements AccessEvent {
}
