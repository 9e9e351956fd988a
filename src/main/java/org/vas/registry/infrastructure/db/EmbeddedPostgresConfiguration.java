package org.vas.registry.infrastructure.db;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.flyway.FlywayDataSource;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

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
     * A PostgreSQL orphaned by a killed previous run is stopped first, or it would keep the data directory locked.
     */
    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedPostgresProperties properties) throws IOException {
        Files.createDirectories(properties.dataDir());
        StalePostmaster.stopIfRunning(properties.dataDir().toAbsolutePath(), Duration.ofSeconds(30));
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

    /**
     * The application's pool logs in as the restricted role that migration V20 creates, so that even the
     * registry's own code cannot rewrite the event log. Taking the database as a parameter makes Spring close the
     * pool before it stops PostgreSQL.
     */
    @Bean
    @Primary
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres, @Value("${registry.db.app-role}") String role,
                                @Value("${registry.db.app-password}") String password) {
        return DataSourceBuilder.create()
                .type(HikariDataSource.class)
                .url(postgres.getJdbcUrl(role, "postgres"))
                .username(role)
                .password(password)
                .build();
    }

    /** Flyway migrates as the cluster's owner, who creates the tables and the application's role. */
    @Bean
    @FlywayDataSource
    DataSource flywayDataSource(EmbeddedPostgres postgres) {
        return postgres.getPostgresDatabase();
    }
}
