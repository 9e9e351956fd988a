package org.vas.registry.kernel;

import java.util.Map;
import java.util.OptionalLong;

/**
 * A refusal the registry explains to its caller. The exception carries everything its answer needs (the HTTP
 * status, the stable machine-readable code, the field at fault, how long to wait before a retry), so the web layer
 * maps every subtype with one rule and knows none of them. The status is a plain number: the kernel depends on no
 * framework.
 */
public abstract class RegistryException extends RuntimeException {

    private final int status;
    private final String code;
    private final String field;
    private final Long retryAfterSeconds;

    protected RegistryException(int status, String code, String message) {
        this(status, code, message, null, null);
    }

    protected RegistryException(int status, String code, String message, String field) {
        this(status, code, message, field, null);
    }

    protected RegistryException(int status, String code, String message, String field, Long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The request field at fault, or null when the refusal is about the request as a whole. */
    public String field() {
        return field;
    }

    /** Further members of the answer, beside the code and the field (such as every problem of a batch). */
    public Map<String, Object> properties() {
        return Map.of();
    }

    public OptionalLong retryAfterSeconds() {
        return retryAfterSeconds == null ? OptionalLong.empty() : OptionalLong.of(retryAfterSeconds);
    }
}
