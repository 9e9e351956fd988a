package org.vas.registry.audit;

/** The caller asked to read at a log position the read model has not reached within the allowed wait. */
public class ReadModelBehindException extends RuntimeException {

    public ReadModelBehindException(long wanted, long reached) {
        super("The read model is at position " + reached + ", not yet at " + wanted + "; retry shortly", null,
                false, false);
    }
}
