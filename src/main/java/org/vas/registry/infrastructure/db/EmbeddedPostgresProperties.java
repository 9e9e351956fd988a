package org.vas.registry.infrastructure.db;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded PostgreSQL that runs when no {@code spring.datasource.url} is configured.
 *
 * @param dataDir where the cluster lives; kept between runs so a restart keeps the registry
 * @param port    the port to listen on; 0 picks a free one
 */
@ConfigurationProperties("registry.embedded-postgres")
public record EmbeddedPostgresProperties(@DefaultValue("./data/postgres") Path dataDir, @DefaultValue("0") int port) {
}
