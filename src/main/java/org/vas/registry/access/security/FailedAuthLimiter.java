package org.vas.registry.access.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.vas.registry.kernel.Sha256;

/**
 * Limits failed authentication with token buckets, each failure taking a token from two of them: the presented
 * credential's (by fingerprint, a hash kept in memory only) and the client address's. A credential with no
 * tokens left is refused with 429 from any address, so retrying one bad key is cheap to refuse. An address with
 * no tokens left has unknown credentials refused with 429 before they are looked up, so guessing from it is slow;
 * but a credential that has authenticated on this instance before is still looked at, so one client's bad key
 * does not lock out the valid keys of the others behind the same address (a proxy, a NAT). JWTs are exempt from
 * the address budget: their signature is checked locally, and cannot be guessed.
 */
@Component
class FailedAuthLimiter {

    private static final Duration TRUSTED_FOR = Duration.ofDays(1);

    private final Cache<String, Bucket> addresses;
    private final Cache<String, Bucket> credentials;
    /** Fingerprints of credentials that authenticated on this instance recently. */
    private final Cache<String, Boolean> trusted;
    private final long capacity;
    private final Duration refill;

    FailedAuthLimiter(@Value("${registry.security.failed-auth.limit:20}") long capacity,
                      @Value("${registry.security.failed-auth.per:1m}") Duration refill) {
        this.capacity = capacity;
        this.refill = refill;
        this.addresses = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(refill.multipliedBy(2)).build();
        this.credentials = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(refill.multipliedBy(2))
                .build();
        this.trusted = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(TRUSTED_FOR).build();
    }

    /**
     * Seconds the client must wait before this credential is looked at, or 0 when it may be. {@code guessable}:
     * whether the credential could be guessed (an API key, not a signed JWT), which puts it under the address's
     * budget too.
     */
    long retryAfterSeconds(String address, String fingerprint, boolean guessable) {
        long credential = wait(credentials.getIfPresent(fingerprint));
        if (credential > 0 || !guessable || trusted.getIfPresent(fingerprint) != null) {
            return credential;
        }
        return wait(addresses.getIfPresent(address));
    }

    void failed(String address, String fingerprint) {
        trusted.invalidate(fingerprint);
        addresses.get(address, a -> bucket()).tryConsume(1);
        credentials.get(fingerprint, c -> bucket()).tryConsume(1);
    }

    void succeeded(String fingerprint) {
        // Looking it up renews its time; only a first success is a write.
        if (trusted.getIfPresent(fingerprint) == null) {
            trusted.put(fingerprint, Boolean.TRUE);
        }
    }

    /** A credential as the limiter knows it: never the credential itself. */
    static String fingerprint(String credential) {
        return Sha256.hex(credential);
    }

    private static long wait(Bucket bucket) {
        if (bucket == null || bucket.getAvailableTokens() > 0) {
            return 0;
        }
        long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        return Math.max(1, Duration.ofNanos(nanos).toSeconds() + 1);
    }

    private Bucket bucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, refill).build())
                .build();
    }
}
