package org.vas.registry.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole registry on a real PostgreSQL: the embedded one, in a fresh data directory under {@code target/}.
 * Every test class with the same annotation shares one application, so tests keep to their own model ids.
 * Metrics are exported as in production, so that tests can read them from the Prometheus endpoint.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"registry.embedded-postgres.data-dir=target/test-postgres/${random.uuid}",
                "registry.read.min-position-timeout=300ms", "registry.event-store.gap-timeout=1000",
                "registry.security.bootstrap-admin-key=" + Api.ADMIN_KEY, "registry.security.failed-auth.limit=100000"})
public @interface RegistryTest {
}
