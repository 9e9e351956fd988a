package org.vas.registry.access.query;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.ResultSet;
import java.sql.SQLException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.vas.registry.access.event.ApiKeyIssued;
import org.vas.registry.kernel.Sha256;

/**
 * Looks keys up by the hash of what a caller presents. A key is stored as its HMAC-SHA256 under a secret that only
 * the database holds (table {@code api_key_hash_secret}, made once by a migration, so every instance on the
 * database hashes alike): a hash that escapes, from the log or a copy of this table, tests no guessed key
 * without that secret, an operator-chosen bootstrap key included. Keys are otherwise 256-bit random secrets, so
 * one keyed hash is as strong as a slow password hash here, and cheap enough for every request. Keys issued
 * before kept their plain SHA-256 ({@code hash_scheme} {@code sha256}) and are found by it.
 */
@Component
public class ApiKeys {

    /** Who a valid key belongs to. */
    public record Holder(String id, String name, List<String> roles) {
    }

    /** A key found active, the generation of key changes it was read at, and when it expires (or null). */
    private record Remembered(Holder holder, long generation, Instant expiresAt) {
    }

    private static final Duration USE_RECORDED_EVERY = Duration.ofMinutes(1);
    private static final String HMAC = "HmacSHA256";
    /** A key's row under either scheme; the parameters are {@link #byKey}. */
    private static final String BY_KEY = "((hash_scheme = ? AND key_hash = ?) OR (hash_scheme = ? AND key_hash = ?))";

    private final JdbcTemplate jdbc;
    private final ApiKeyChanges changes;
    /**
     * Active keys by hash, so that a request need not ask the database who its key belongs to. Only found keys
     * are remembered (unknown ones are bounded by the failed-authentication limit instead); see
     * {@link ApiKeyChanges} for how a revocation reaches every instance.
     */
    private final Cache<String, Remembered> remembered = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(10)).recordStats().build();
    /**
     * When this instance last recorded each key's use. Recording is a write; without this every authenticated
     * request would pay a second statement to find that the last minute's use is already recorded.
     */
    private final Map<String, Long> useRecordedAt = new ConcurrentHashMap<>();
    private volatile SecretKeySpec secret;
    /** Every authenticated request hashes its key: finding and keying a Mac each time cost more than the hash. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::keyedMac);

    ApiKeys(JdbcTemplate jdbc, ApiKeyChanges changes, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.changes = changes;
        CaffeineCacheMetrics.monitor(meters, remembered, "api_keys");
    }

    /** The hash a key is stored under from now on: {@link ApiKeyIssued#KEYED}. */
    public String keyedHash(String key) {
        return HexFormat.of().formatHex(macs.get().doFinal(key.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac keyedMac() {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(secret());
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JVM", e);
        }
    }

    /** The hash keys issued before keyed hashing were stored under: {@link ApiKeyIssued#UNKEYED}. */
    static String unkeyedHash(String key) {
        return Sha256.hex(key);
    }

    private SecretKeySpec secret() {
        SecretKeySpec known = secret;
        if (known == null) {
            known = new SecretKeySpec(jdbc.queryForObject("SELECT secret FROM api_key_hash_secret", byte[].class),
                    HMAC);
            secret = known;
        }
        return known;
    }

    /**
     * The holder of an active key: neither revoked nor expired, so that a revocation takes effect on the next
     * request. Use is recorded at most once a minute per key and instance, to keep reads cheap.
     */
    public Optional<Holder> authenticate(String key) {
        String hash = keyedHash(key);
        Remembered known = remembered.getIfPresent(hash);
        if (known != null && changes.current(known.generation())
                && (known.expiresAt() == null || Instant.now().isBefore(known.expiresAt()))) {
            recordUse(known.holder());
            return Optional.of(known.holder());
        }
        long generation = changes.generation();
        List<Remembered> found = jdbc.query("""
                SELECT key_id, name, roles, expires_at FROM api_key
                WHERE """ + BY_KEY + """
                  AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())""",
                (rs, n) -> new Remembered(new Holder(rs.getString("key_id"), rs.getString("name"),
                        Arrays.asList((String[]) rs.getArray("roles").getArray())), generation,
                        instant(rs, "expires_at")), byKey(key, hash));
        if (found.isEmpty()) {
            remembered.invalidate(hash);
            return Optional.empty();
        }
        // Read at a generation that has since moved (a key changed meanwhile): answered, but not remembered.
        if (generation >= 0 && changes.current(generation)) {
            remembered.put(hash, found.get(0));
        }
        recordUse(found.get(0).holder());
        return Optional.of(found.get(0).holder());
    }

    private void recordUse(Holder holder) {
        long now = System.nanoTime();
        Long last = useRecordedAt.get(holder.id());
        if (last != null && now - last < USE_RECORDED_EVERY.toNanos()) {
            return;
        }
        useRecordedAt.put(holder.id(), now);
        jdbc.update("""
                UPDATE api_key SET last_used_at = now()
                WHERE key_id = ? AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')""",
                holder.id());
    }

    /** Whether this key was ever issued, revoked or not. */
    public boolean exists(String key) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM api_key WHERE " + BY_KEY + ")",
                Boolean.class, byKey(key, keyedHash(key))));
    }

    private static Object[] byKey(String key, String keyedHash) {
        return new Object[] {ApiKeyIssued.KEYED, keyedHash, ApiKeyIssued.UNKEYED, unkeyedHash(key)};
    }

    public long count() {
        return jdbc.queryForObject("SELECT count(*) FROM api_key", Long.class);
    }

    public List<ApiKeyView> all() {
        return jdbc.query("SELECT * FROM api_key ORDER BY created_at, key_id", (rs, n) -> view(rs));
    }

    public Optional<ApiKeyView> find(String id) {
        return jdbc.query("SELECT * FROM api_key WHERE key_id = ?", (rs, n) -> view(rs), id).stream().findFirst();
    }

    private static ApiKeyView view(ResultSet rs) throws SQLException {
        return new ApiKeyView(rs.getString("key_id"), rs.getString("name"),
                Arrays.asList((String[]) rs.getArray("roles").getArray()),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getString("created_by"),
                instant(rs, "expires_at"), instant(rs, "revoked_at"), rs.getString("revoked_by"),
                instant(rs, "last_used_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
