package org.vas.registry.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.vas.registry.RegistryApplication;
import org.vas.registry.kernel.ModelId;
import org.vas.registry.kernel.VersionNumber;
import org.vas.registry.model.Performance;
import org.vas.registry.model.command.AddModelVersion;
import org.vas.registry.model.command.DisableModel;
import org.vas.registry.model.command.EnableModel;
import org.vas.registry.model.command.ModelCommands;
import org.vas.registry.model.command.RegisterModel;

/**
 * Seeds the registry through its own command bus rather than its HTTP API: a second instance of the registry,
 * without an HTTP server, in the benchmark's JVM, on the measured registry's database (two instances on one
 * database is a supported deployment). Every event still passes the aggregate and the projection, as the same
 * commands over HTTP would; what is saved is HTTP, security and JSON per command, and the wait for each commit's
 * flush to disk ({@code synchronous_commit} is off for this instance's sessions only: the seeding is not worth
 * a crash's durability, and the measured registry's commits stay synchronous).
 */
final class CommandSeeder implements Benchmark.Seeder, AutoCloseable {

    private final ConfigurableApplicationContext registry;
    private final ModelCommands commands;
    private final ObjectMapper json;
    private final JsonNode versionExample;
    private final int threads;

    CommandSeeder(String jdbcUrl, Path dataDir, String versionExample, int threads) throws Exception {
        RegistryApplication.quietenAxon();
        this.registry = new SpringApplicationBuilder(RegistryApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties(Map.of(
                        "logging.level.root", "WARN",
                        "spring.datasource.url", jdbcUrl,
                        // The files beside the measured registry's data directory (its ledger's signing key).
                        "registry.embedded-postgres.data-dir", dataDir.toString(),
                        "spring.datasource.username", "registry_app",
                        "spring.datasource.hikari.maximum-pool-size", String.valueOf(threads + 2),
                        "spring.datasource.hikari.connection-init-sql", "SET synchronous_commit = off",
                        // The measured registry has migrated the database.
                        "spring.flyway.enabled", "false"))
                .run();
        this.commands = registry.getBean(ModelCommands.class);
        this.json = registry.getBean(ObjectMapper.class);
        this.versionExample = json.readTree(versionExample);
        this.threads = threads;
    }

    @Override
    public void seed(int from, int to, int eventsPerModel, IntFunction<String> id) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int index = from + thread; index < to; index += threads) {
                        seedModel(index, id.apply(index), eventsPerModel);
                    }
                    return null;
                }));
            }
            for (Future<Void> d : done) {
                d.get(2, TimeUnit.HOURS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The same commands, in the same order, as {@link Benchmark}'s seeding over HTTP sends. */
    private void seedModel(int index, String model, int eventsPerModel) throws Exception {
        ModelId id = ModelId.of(model);
        commands.send(new RegisterModel(id, "Benchmark model " + index,
                "Person detection with zone intrusion monitoring, benchmark copy " + index,
                List.of("person_detection", "zone_monitoring"),
                Map.of("team", "benchmark", "shard", String.valueOf(index % 16))));
        for (String version : List.of("1.0.0", "1.1.0")) {
            ObjectNode schema = versionExample.get("config_schema").deepCopy();
            schema.putObject("label_" + index).put("type", "string");
            commands.send(new AddModelVersion(id, VersionNumber.of(version), schema,
                    json.treeToValue(versionExample.get("performance"), Performance.class),
                    versionExample.get("input"), versionExample.get("output"), versionExample.get("hardware"),
                    versionExample.get("limits"), versionExample.get("capabilities"), null));
        }
        commands.send(new EnableModel(id, null));
        boolean on = true;
        for (int e = Benchmark.EVENTS_BEFORE_TOGGLES; e < eventsPerModel; e++) {
            commands.send(on ? new DisableModel(id, "seeding", null) : new EnableModel(id, null));
            on = !on;
        }
    }

    @Override
    public void close() {
        registry.close();
    }
}
