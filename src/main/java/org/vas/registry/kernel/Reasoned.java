package org.vas.registry.kernel;

/**
 * A command that may say why the admin acts. The audit stamp records the reason on the events the command causes
 * without knowing which module the command belongs to.
 */
public interface Reasoned {

    /** Why the admin acts, or null when the command does not say. */
    String reason();
}
