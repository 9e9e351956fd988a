package org.vas.registry.access;

import java.util.Arrays;
import java.util.Locale;
import org.vas.registry.kernel.InvalidInputException;

/**
 * What a caller may do. {@code reader}: discovery and validation. {@code admin}: every command, import, keys and
 * rebuilds. {@code auditor}: history, the change feed, time travel, verification and projection status. Admins
 * and auditors may also read. {@code metrics}: the Prometheus scrape and nothing else, so the credential a
 * monitoring system holds reads no model and no history.
 */
public enum Role {
    READER, ADMIN, AUDITOR, METRICS;

    public String authority() {
        return "ROLE_" + name();
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String text) {
        return Arrays.stream(values()).filter(r -> r.wireName().equals(text)).findFirst()
                .orElseThrow(() -> new InvalidInputException("INVALID_ROLE", "roles",
                        "roles are " + Arrays.stream(values()).map(Role::wireName).toList()));
    }
}
