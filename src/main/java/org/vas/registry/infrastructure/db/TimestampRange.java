package org.vas.registry.infrastructure.db;

import java.time.Instant;

/**
 * The instants PostgreSQL's {@code timestamptz} holds, in which the log's and the read model's times are compared.
 * An instant from a request outside it cannot be compared there, and is refused where it is read.
 */
public final class TimestampRange {

    public static final Instant MIN = Instant.parse("-4713-11-24T00:00:00Z");
    public static final Instant MAX = Instant.parse("+294276-12-31T23:59:59.999999Z");

    private TimestampRange() {
    }

    public static boolean holds(Instant instant) {
        return !instant.isBefore(MIN) && !instant.isAfter(MAX);
    }
}
