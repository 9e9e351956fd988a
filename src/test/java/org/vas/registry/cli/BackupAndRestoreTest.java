package org.vas.registry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;
import org.vas.registry.support.AppProcess;
import org.vas.registry.support.SharedPostgres;

/**
 * The backup procedure of docs/operations.md, done once: every table of the registry's database copied out in one
 * snapshot with COPY (Debian's pg_dump is version 15 and refuses a PostgreSQL 17 server; the embedded binaries
 * ship no pg_dump), then copied into a fresh database that the registry has migrated, and the registry started on
 * it: verify finds the read model consistent with the log and every model and key is back.
 */
class BackupAndRestoreTest {

    private static final Path FIXTURES = Path.of("src/test/resources/manifests").toAbsolutePath();

    @Test
    void aCopyOfTheTablesRestoredIntoAFreshDatabaseBringsBackEveryModelConsistently(@TempDir Path work)
            throws Exception {
        try (SharedPostgres postgres = new SharedPostgres("backup")) {
            Map<String, String> original = postgres.environment();
            assertThat(CommandLineTest.run(work, original, "import", FIXTURES.toString(), "--enable").status())
                    .isZero();

            Map<String, byte[]> backup = backUp(database(original));

            try (Connection owner = postgres.ownerDataSource().getConnection(); Statement sql = owner.createStatement()) {
                sql.execute("CREATE DATABASE restored");
            }
            Map<String, String> restored = new HashMap<>(original);
            restored.put("SPRING_DATASOURCE_URL", original.get("SPRING_DATASOURCE_URL")
                    .replaceFirst("/postgres$", "/restored"));
            // The registry makes its schema in the fresh database (Flyway), then the backup fills it.
            CommandLineTest.Run empty = CommandLineTest.run(work, restored, "verify");
            assertThat(empty.out()).as(empty.err()).contains("Consistent: 0 model(s)");
            restore(database(restored), backup);

            CommandLineTest.Run verify = CommandLineTest.run(work, restored, "verify");
            assertThat(verify.status()).as(verify.out() + verify.err()).isZero();
            assertThat(verify.out()).contains("Consistent: 10 model(s)");

            try (AppProcess registry = AppProcess.start("restored", restored).awaitReady(Duration.ofMinutes(2))) {
                var list = registry.api().get("/api/v1/ai-models?limit=100", "X-API-Key", AppProcess.ADMIN_KEY);
                assertThat(list.status()).isEqualTo(200);
                assertThat(list.json().get("models")).hasSize(10);
                for (String id : List.of("geo_fencing", "yolov8n", "resnet50", "fall-detection")) {
                    assertThat(registry.api().get("/api/v1/ai-models/" + id, "X-API-Key", AppProcess.ADMIN_KEY)
                            .json().path("enabled").asBoolean()).as(id).isTrue();
                }
                assertThat(registry.api().register("after-restore").status()).isEqualTo(201);
            }
        }
    }

    /** Every table but Flyway's history, in one snapshot, in COPY's binary format. */
    static Map<String, byte[]> backUp(PGSimpleDataSource database) throws Exception {
        Map<String, byte[]> tables = new LinkedHashMap<>();
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            for (String table : tables(connection)) {
                ByteArrayOutputStream copy = new ByteArrayOutputStream();
                connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyOut("COPY " + table + " TO STDOUT (FORMAT binary)", copy);
                tables.put(table, copy.toByteArray());
            }
            connection.commit();
        }
        return tables;
    }

    /** Into a database the registry has migrated and not used: its own first rows are replaced by the backup's. */
    static void restore(PGSimpleDataSource database, Map<String, byte[]> backup) throws Exception {
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            connection.setAutoCommit(false);
            sql.execute("SET session_replication_role = replica");
            sql.execute("TRUNCATE " + String.join(", ", backup.keySet()));
            for (Map.Entry<String, byte[]> table : backup.entrySet()) {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table.getKey()
                        + " FROM STDIN (FORMAT binary)", new ByteArrayInputStream(table.getValue()));
            }
            List<String[]> serials = new ArrayList<>();
            try (ResultSet columns = sql.executeQuery("SELECT table_name, column_name FROM information_schema.columns"
                    + " WHERE table_schema = 'public' AND column_default LIKE 'nextval%'")) {
                while (columns.next()) {
                    serials.add(new String[] {columns.getString(1), columns.getString(2)});
                }
            }
            for (String[] serial : serials) {
                sql.execute("SELECT setval(pg_get_serial_sequence('" + serial[0] + "', '" + serial[1] + "'), "
                        + "COALESCE((SELECT max(" + serial[1] + ") FROM " + serial[0] + "), 0) + 1, false)");
            }
            connection.commit();
        }
    }

    private static List<String> tables(Connection connection) throws Exception {
        List<String> tables = new ArrayList<>();
        try (Statement sql = connection.createStatement(); ResultSet rows = sql.executeQuery(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'flyway_schema_history'"
                        + " ORDER BY tablename")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    private static PGSimpleDataSource database(Map<String, String> environment) {
        PGSimpleDataSource database = new PGSimpleDataSource();
        database.setUrl(environment.get("SPRING_DATASOURCE_URL"));
        database.setUser(environment.get("SPRING_FLYWAY_USER"));
        database.setPassword(environment.get("SPRING_FLYWAY_PASSWORD"));
        return database;
    }
}
