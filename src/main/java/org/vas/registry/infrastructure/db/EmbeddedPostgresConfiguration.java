package org.vas.registry.infrastructure.db;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.boot.autoconfigure.flyway.FlywayDataSource;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
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

    /** Generated on the first start; see {@link EmbeddedSecrets} for where they are kept and why there. */
    @Bean
    EmbeddedSecrets embeddedSecrets(EmbeddedPostgresProperties properties,
                                    @Value("${registry.db.app-role}") String appRole) throws IOException {
        return EmbeddedSecrets.readOrCreate(properties.dataDir(), appRole);
    }

    /**
     * zonky starts PostgreSQL with fsync and synchronous commit off, which would lose acknowledged writes on a
     * crash; both are switched back on. Its JVM shutdown hook is off too: it would stop the database while Axon
     * and the connection pool still use it, so Spring closes this bean after everything that depends on it.
     * A PostgreSQL orphaned by a killed previous run is stopped first, or it would keep the data directory locked.
     *
     * <p>zonky runs initdb with {@code -A trust} and checks readiness by logging in as the superuser. Its initdb
     * options map ("locale config") is passed on as {@code --key=value} after that, so a new cluster is created
     * with scram-sha-256 and the generated superuser password instead (initdb takes the last {@code --auth}), and
     * the readiness check logs in with that password (the connect config). The pg_hba.conf is rewritten before
     * every start ({@link ClientAuthentication}); a cluster made by an earlier version is upgraded on its first
     * start.
     */
    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedPostgresProperties properties, EmbeddedSecrets secrets)
            throws IOException, SQLException {
        Path dataDir = properties.dataDir().toAbsolutePath();
        Files.createDirectories(dataDir);
        StalePostmaster.stopIfRunning(dataDir, secrets.superuserPassword(), Duration.ofSeconds(30));
        boolean fresh = !Files.exists(dataDir.resolve("postgresql.conf"));
        boolean earlierVersion = !fresh && ClientAuthentication.trustsAnyone(dataDir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPort(properties.port())
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("listen_addresses", "127.0.0.1,::1")
                .setServerConfig("password_encryption", "scram-sha-256")
                .setConnectConfig("password", secrets.superuserPassword())
                .setDataDirectoryCustomizer(directory -> writeClientAuthentication(directory.toPath(), earlierVersion));
        Path passwordFile = secrets.file().resolveSibling(secrets.file().getFileName() + ".initdb");
        EmbeddedPostgres postgres;
        try {
            if (fresh) {
                EmbeddedSecrets.writeOwnerOnly(passwordFile, secrets.superuserPassword() + "\n");
                builder.setLocaleConfig("auth", "scram-sha-256").setLocaleConfig("pwfile", passwordFile.toString());
            }
            postgres = builder.start();
        } finally {
            Files.deleteIfExists(passwordFile);
        }
        if (earlierVersion) {
            try {
                ClientAuthentication.upgrade(postgres, dataDir, secrets);
            } catch (IOException | SQLException | RuntimeException e) {
                postgres.close();
                throw e;
            }
        }
        log.info("Embedded PostgreSQL listening on port {} with data in {}", postgres.getPort(), dataDir);
        return postgres;
    }

    private static void writeClientAuthentication(Path dataDir, boolean earlierVersion) {
        try {
            if (earlierVersion) {
                ClientAuthentication.allowUpgrade(dataDir);
            } else {
                ClientAuthentication.requirePasswords(dataDir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Bean
    PostmasterWatch postmasterWatch(EmbeddedPostgres postgres, EmbeddedPostgresProperties properties,
                                    ApplicationEventPublisher events) throws IOException {
        return new PostmasterWatch(postgres, properties.dataDir().toAbsolutePath(), events);
    }

    /**
     * The application's pool logs in as the restricted role that migration V20 creates, so that even the
     * registry's own code cannot rewrite the event log. Taking the database as a parameter makes Spring close the
     * pool before it stops PostgreSQL.
     */
    @Bean
    @Primary
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres, EmbeddedSecrets secrets) {
        return DataSourceBuilder.create()
                .type(HikariDataSource.class)
                .url(postgres.getJdbcUrl(secrets.appRole(), "postgres"))
                .username(secrets.appRole())
                .password(secrets.appPassword())
                .build();
    }

    /** Migration V20 creates the application's role with the generated password, not the configured default. */
    @Bean
    FlywayConfigurationCustomizer generatedApplicationPassword(EmbeddedSecrets secrets) {
        return configuration -> {
            Map<String, String> placeholders = new HashMap<>(configuration.getPlaceholders());
            placeholders.put("app_password", secrets.appPassword());
            configuration.placeholders(placeholders);
        };
    }

    /** Flyway migrates as the cluster's owner, who creates the tables and the application's role. */
    @Bean
    @FlywayDataSource
    DataSource flywayDataSource(EmbeddedPostgres postgres) {
        return postgres.getPostgresDatabase();
    }
}
