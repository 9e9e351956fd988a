package org.vas.registry.infrastructure.db;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Runs a real PostgreSQL from the zonky binaries when no external database is configured, so that
 * {@code ./mvnw spring-boot:run} needs no set-up. The cluster's data directory is kept between runs.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(OnEmbeddedPostgres.class)
class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    /**
     * zonky starts PostgreSQL with fsync and synchronous commit off, which would lose acknowledged writes on a
     * crash; both are switched back on. Its JVM shutdown hook is off too: it would stop the database while Axon
     * and the connection pool still use it, so Spring closes this bean after everything that depends on it.
     */
    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedPostgresProperties properties) throws IOException {
        Files.createDirectories(properties.dataDir());
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(properties.dataDir().toAbsolutePath())
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPort(properties.port())
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start();
        log.info("Embedded PostgreSQL listening on port {} with data in {}", postgres.getPort(),
                properties.dataDir().toAbsolutePath());
        return postgres;
    }

    /** Taking the database as a parameter makes Spring close the pool before it stops PostgreSQL. */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        return DataSourceBuilder.create()
                .type(HikariDataSource.class)
                .url(postgres.getJdbcUrl("postgres", "postgres"))
                .username("postgres")
                .build();
    }
}
