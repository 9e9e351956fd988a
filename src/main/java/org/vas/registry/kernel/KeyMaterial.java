package org.vas.registry.kernel;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A field of a stored event that is a secret or derived from one (a key's hash): kept in the log, where the
 * registry needs it, and left out wherever events are rendered for output, for events of every revision.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface KeyMaterial {
}
