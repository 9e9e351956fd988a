package org.vas.registry.access.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Limits failed authentication per client address with a token bucket: each failure takes a token, and a client
 * with none left is answered 429 until the bucket refills. Guessing keys is therefore slow.
 */
@Component
class FailedAuthLimiter {

    private final Cache<String, Bucket> buckets;
    private final long capacity;
    private final Duration refill;

    FailedAuthLimiter(@Value("${registry.security.failed-auth.limit:20}") long capacity,
                      @Value("${registry.security.failed-auth.per:1m}") Duration refill) {
        this.capacity = capacity;
        this.refill = refill;
        this.buckets = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(refill.multipliedBy(2)).build();
    }

    /** Seconds the client must wait, or 0 when it may try. */
    long retryAfterSeconds(String client) {
        Bucket bucket = buckets.getIfPresent(client);
        if (bucket == null || bucket.getAvailableTokens() > 0) {
            return 0;
        }
        long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        return Math.max(1, Duration.ofNanos(nanos).toSeconds() + 1);
    }

    void failed(String client) {
        buckets.get(client, c -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, refill).build())
                .build()).tryConsume(1);
    }
}
