package org.vas.registry.infrastructure.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vas.registry.support.Api;
import org.vas.registry.support.RegistryTest;

/**
 * A change to the read model is answered only once every instance that answers from its copies has heard of it, or
 * its lease has run out; an instance knows the version only while it holds a lease (decision 28).
 */
@RegistryTest
class ReadModelLeasesTest {

    private static final String HOLDER = "lease-test-holder";

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void releaseTheTestHolder() {
        jdbc.update("DELETE FROM read_lease WHERE instance = ?", HOLDER);
    }

    @Test
    void aChangeWaitsForAHolderThatHasNotHeardOfItUntilItsLeaseRunsOut() {
        jdbc.update("INSERT INTO read_lease VALUES (?, clock_timestamp() + interval '2 seconds', 0)", HOLDER);

        assertThat(new Api(port).register(Api.uniqueId("lease-wait")).status()).isEqualTo(201);

        assertThat(jdbc.queryForObject("SELECT expires_at <= clock_timestamp() FROM read_lease WHERE instance = ?",
                Boolean.class, HOLDER)).as("the holder's lease ran out before the change was answered").isTrue();
    }

    @Test
    void aChangeIsAnsweredOnceEveryHolderHasHeardOfIt() throws Exception {
        jdbc.update("INSERT INTO read_lease VALUES (?, clock_timestamp() + interval '60 seconds', 0)", HOLDER);
        CompletableFuture<Void> hears = CompletableFuture.runAsync(() -> {
            try {
                TimeUnit.SECONDS.sleep(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            jdbc.update("UPDATE read_lease SET seen_version = ? WHERE instance = ?", Long.MAX_VALUE, HOLDER);
        });
        long started = System.nanoTime();

        assertThat(new Api(port).register(Api.uniqueId("lease-heard")).status()).isEqualTo(201);

        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(hears).as("answered before the holder heard of it").isDone();
        assertThat(millis).as("answered long before the holder's lease ran out").isLessThan(30_000);
        hears.get();
    }

    @Test
    void anInstanceKnowsTheVersionWhileItHoldsALeaseAndHearsOfEveryChangeBeforeItIsAnswered() {
        ReadModelLeases other = new ReadModelLeases(dataSource, true, Duration.ofSeconds(5));
        assertThat(other.knownVersion()).as("before it holds a lease").isEqualTo(-1);
        other.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> other.knownVersion() >= 0);
            long before = jdbc.queryForObject("SELECT version FROM read_model_state WHERE id = 1", Long.class);

            assertThat(new Api(port).register(Api.uniqueId("lease-known")).status()).isEqualTo(201);

            assertThat(other.knownVersion()).as("the version the other instance knows once the change is answered")
                    .isGreaterThan(before);
        } finally {
            other.stop();
        }
        assertThat(other.knownVersion()).as("once it stopped").isEqualTo(-1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM read_lease WHERE instance = ?", Long.class,
                other.instance())).as("its lease, released").isZero();
    }

    @Test
    void anInstanceThatAnswersNoReadsHoldsNoLease() {
        ReadModelLeases tool = new ReadModelLeases(dataSource, new GenericApplicationContext(), true,
                Duration.ofSeconds(5));
        tool.start();
        try {
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() ->
                    tool.knownVersion() == -1 && jdbc.queryForObject("SELECT count(*) FROM read_lease "
                            + "WHERE instance = ?", Long.class, tool.instance()) == 0);
        } finally {
            tool.stop();
        }
    }
}
