package org.vas.registry.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.vas.registry.support.RegistryTest;

/**
 * A tracking processor's fetch is planned once per connection, not on every fetch: counted in the plans the
 * connection made on the real PostgreSQL, not in time.
 */
@RegistryTest
class TrackedFetchPlanTest {

    private static final int FETCHES = 12;
    private static final String PLANS = "SELECT coalesce(sum(custom_plans), 0) AS custom, "
            + "coalesce(sum(generic_plans), 0) AS generic FROM pg_prepared_statements "
            + "WHERE statement LIKE '%global_index > $1 AND global_index <= $2%'";

    @Autowired
    ConnectionProvider connections;
    @Autowired
    TransactionManager axonTransactions;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer serializer;
    @Autowired
    EventSchema schema;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aTrackingProcessorsFetchIsNotPlannedAgainOnEveryFetch() {
        // The registry's own engine, built as its configuration builds it (the bean is wrapped to be timed).
        SerializedAppendEventStorageEngine storage = new SerializedAppendEventStorageEngine(
                JdbcEventStorageEngine.builder().connectionProvider(connections).transactionManager(axonTransactions)
                        .eventSerializer(serializer).snapshotSerializer(serializer).schema(schema),
                axonTransactions, List.of());

        Map<String, Object> made = new TransactionTemplate(transactions).execute(status -> {
            Map<String, Object> before = jdbc.queryForMap(PLANS);
            Connection connection = DataSourceUtils.getConnection(dataSource);
            for (int i = 0; i < FETCHES; i++) {
                try (PreparedStatement fetch = storage.readEventDataWithoutGaps(connection, i, 100)) {
                    fetch.executeQuery().close();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
            Map<String, Object> after = jdbc.queryForMap(PLANS);
            return Map.of("custom", number(after, "custom") - number(before, "custom"),
                    "generic", number(after, "generic") - number(before, "generic"));
        });

        assertThat(made.get("custom")).as("custom plans").isEqualTo(0L);
        assertThat((Long) made.get("generic")).as("executions of a generic plan").isPositive();
    }

    private static long number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }
}
