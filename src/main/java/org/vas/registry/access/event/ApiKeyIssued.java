package org.vas.registry.access.event;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.vas.registry.kernel.KeyMaterial;

/**
 * A key was issued. {@code keyHash} is the key's hash under {@code hashScheme}: {@value #KEYED} (HMAC-SHA256 under
 * a secret only the database holds) since revision 2, {@value #UNKEYED} (plain SHA-256) for keys issued before;
 * the key itself is never stored, and the hash is never rendered.
 */
@Revision("2")
public record ApiKeyIssued(String keyId, String name, List<String> roles, @KeyMaterial String keyHash,
                           Instant expiresAt, String hashScheme) implements AccessEvent {

    public static final String KEYED = "hmac-sha256";
    public static final String UNKEYED = "sha256";
}
