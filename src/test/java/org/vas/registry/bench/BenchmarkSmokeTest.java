package org.vas.registry.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.flyway.FlywayDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.vas.registry.support.Api;
import org.vas.registry.support.RegistryTest;

/**
 * The benchmark at a tiny scale for a fraction of a second per measure, so that it keeps working as the code
 * changes. Times on a shared CI machine prove nothing, so it asserts that every row was measured, not how fast.
 */
@RegistryTest
class BenchmarkSmokeTest {

    @LocalServerPort
    int port;

    /** The raw-INSERT baseline creates a scratch table, which only the owner may; the registry's role may not. */
    @Autowired
    @FlywayDataSource
    DataSource database;

    @Test
    void everyRowOfTheBenchmarkProducesAFigure() throws Exception {
        Benchmark.Settings settings = Benchmark.Settings.smoke(Api.uniqueId("smoke"));
        Benchmark.Report report = new Benchmark(settings,
                new Benchmark.Target("127.0.0.1", port, database),
                Path.of("docs/examples/geo_fencing-1.0.0.json")).run();

        System.out.println(BenchmarkMain.table(report.rows()));
        assertThat(report.rows()).hasSize(10 * 3);
        assertThat(report.rows()).allSatisfy(row -> {
            assertThat(row.figures()).isNotBlank();
            assertThat(row.status()).isNotNull();
            if (row.status() != Benchmark.Status.SKIP) {
                assertThat(row.value()).as(row.measure() + " at " + row.scale()).isFinite();
            }
        });
    }
}
