package org.vas.registry.access;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.postgresql.util.PSQLException;
import org.springframework.stereotype.Component;
import org.vas.registry.access.command.IssueApiKey;
import org.vas.registry.access.event.ApiKeyIssued;
import org.vas.registry.access.command.RevokeApiKey;
import org.vas.registry.access.query.ApiKeys;
import org.vas.registry.kernel.InvalidInputException;

/** Issues and revokes keys through the log, so that both are audited like every other change. */
@Component
public class ApiKeyService {

    /** A key just issued: the only moment its secret exists outside the caller's hands. */
    public record Issued(String id, String key) {
    }

    static final String KEY_PREFIX = "amr_";
    static final String BOOTSTRAP_ID = "apikey:bootstrap";
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}$");
    private static final int MIN_KEY_LENGTH = 24;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String UNREVOKED_NAME = "api_key_unrevoked_name";
    private static final String UNIQUE_VIOLATION = "23505";

    private final CommandGateway commands;
    private final ApiKeys keys;

    ApiKeyService(CommandGateway commands, ApiKeys keys) {
        this.commands = commands;
        this.keys = keys;
    }

    public Issued issue(String name, List<String> roles, Instant expiresAt) {
        return issue("apikey:" + UUID.randomUUID(), name, roles, expiresAt, newKey());
    }

    /** The first admin key, under a fixed id so that instances starting together cannot both create one. */
    public Issued issueBootstrap(String key) {
        return issue(BOOTSTRAP_ID, "bootstrap-admin", List.of("admin", "auditor", "reader"), null, key);
    }

    public void revoke(String id) {
        commands.sendAndWait(new RevokeApiKey(id));
    }

    private Issued issue(String id, String name, List<String> roles, Instant expiresAt, String key) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("INVALID_NAME", "name",
                    "name is required: 1 to 100 letters, digits, spaces, dots, dashes or underscores");
        }
        if (roles == null || roles.isEmpty()) {
            throw new InvalidInputException("INVALID_ROLE", "roles", "at least one role is required");
        }
        List<String> checked = List.copyOf(new LinkedHashSet<>(roles.stream().map(Role::parse)
                .map(Role::wireName).toList()));
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            throw new InvalidInputException("INVALID_EXPIRY", "expires_at", "expires_at must be in the future");
        }
        if (key.length() < MIN_KEY_LENGTH) {
            throw new InvalidInputException("INVALID_KEY", "key", "a key needs at least " + MIN_KEY_LENGTH
                    + " characters");
        }
        try {
            commands.sendAndWait(new IssueApiKey(id, name, checked, keys.keyedHash(key), ApiKeyIssued.KEYED,
                    expiresAt));
        } catch (RuntimeException e) {
            if (violates(e, UNREVOKED_NAME)) {
                throw new ApiKeyNameTakenException(name);
            }
            throw e;
        }
        return new Issued(id, key);
    }

    /**
     * Whether PostgreSQL refused the append because of this unique index (migration V31): the access projection
     * writes in the appending transaction, so the refusal reaches the command, wrapped by Axon and Spring.
     */
    private static boolean violates(Throwable failure, String index) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PSQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())
                    && sql.getServerErrorMessage() != null
                    && index.equals(sql.getServerErrorMessage().getConstraint())) {
                return true;
            }
        }
        return false;
    }

    public static String newKey() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }
}
