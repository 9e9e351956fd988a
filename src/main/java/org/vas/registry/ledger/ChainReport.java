package org.vas.registry.ledger;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** What a verification of the chain found, as the API and the offline tool show it. */
record ChainReport(boolean intact, long headPosition, @Schema(nullable = true) String headHash, long eventsChecked,
                   @Schema(nullable = true) ChainBreak firstBreak, @Schema(nullable = true) ChainOrigin origin,
                   Instant checkedAt) {

    record ChainBreak(long position, ChainFold.Kind kind, String detail) {

        static ChainBreak of(ChainFold.Break first) {
            return first == null ? null
                    : new ChainBreak(first.position(), first.kind(), first.detail());
        }
    }

    /** Events up to {@code chainedUpTo} were already in the log when the chain was introduced, at {@code chainedAt}. */
    record ChainOrigin(long chainedUpTo, long chainedEvents, Instant chainedAt, int format) {

        static ChainOrigin of(ChainStore.Origin origin) {
            return origin == null ? null
                    : new ChainOrigin(origin.chainedUpTo(), origin.chainedEvents(), origin.chainedAt(),
                    origin.format());
        }
    }

    static ChainReport of(ChainFold.Result result, ChainStore.Origin origin, Instant checkedAt) {
        return new ChainReport(result.intact(), result.head(), result.headHash(), result.checked(),
                ChainBreak.of(result.firstBreak()), ChainOrigin.of(origin), checkedAt);
    }
}
