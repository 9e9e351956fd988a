package org.vas.registry.infrastructure.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.PGStatement;
import org.springframework.beans.factory.annotation.Autowired;
import org.vas.registry.support.Api;
import org.vas.registry.support.RegistryTest;

/**
 * A statement over one id is planned once per connection, over several it takes them as an array: counted in the
 * plans a connection of the real PostgreSQL made, not in time.
 */
@RegistryTest
class BoundIdsTest {

    private static final int EXECUTIONS = 12;
    /** PostgreSQL makes custom plans for a prepared statement's first five executions, then compares. */
    private static final int FIRST_CUSTOM_PLANS = 5;
    private static final String IDS = "(VALUES ('a'), ('b'), ('c')) AS v (id)";

    @Autowired
    DataSource dataSource;

    @Test
    void aStatementOverOneIdGetsAGenericPlanAfterItsFirstExecutions() throws SQLException {
        BoundIds ids = BoundIds.of(List.of("b"));
        String tag = Api.uniqueId("plan");
        String sql = "SELECT id FROM " + IDS + " WHERE " + ids.matches("id") + " AND " + tagged(tag);

        long[] plans = plans(sql, tag, ids);

        assertThat(plans[0]).as("custom plans").isEqualTo(FIRST_CUSTOM_PLANS);
        assertThat(plans[1]).as("generic plans").isEqualTo(EXECUTIONS - FIRST_CUSTOM_PLANS);
    }

    @Test
    void oneIdAndSeveralMatchTheSameRowsAsACondition() throws SQLException {
        assertThat(matching(BoundIds.of(List.of("b")))).containsExactly("b");
        assertThat(matching(BoundIds.of(List.of("a", "c", "d")))).containsExactly("a", "c");
    }

    @Test
    void oneIdAndSeveralAreTheRowsOfARelation() throws SQLException {
        assertThat(rows(BoundIds.of(List.of("b")))).containsExactly("b");
        assertThat(rows(BoundIds.of(List.of("c", "a")))).containsExactly("a", "c");
    }

    private long[] plans(String sql, String tag, BoundIds ids) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            for (int i = 0; i < EXECUTIONS; i++) {
                try (PreparedStatement statement = prepared(connection, sql)) {
                    ids.bind(statement, 1);
                    statement.executeQuery().close();
                }
            }
            return plans(connection, tag);
        }
    }

    /** A statement the server prepares on its first execution, as the registry's statements are by then. */
    private static PreparedStatement prepared(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.unwrap(PGStatement.class).setPrepareThreshold(1);
        return statement;
    }

    /** The custom and the generic plans this connection made for the statement that holds {@code tag}. */
    private static long[] plans(Connection connection, String tag) throws SQLException {
        try (PreparedStatement plans = connection.prepareStatement("SELECT custom_plans, generic_plans "
                + "FROM pg_prepared_statements WHERE position(? IN statement) > 0")) {
            plans.setString(1, tag);
            try (ResultSet row = plans.executeQuery()) {
                assertThat(row.next()).as("the statement is prepared on this connection").isTrue();
                return new long[] {row.getLong(1), row.getLong(2)};
            }
        }
    }

    private List<String> matching(BoundIds ids) throws SQLException {
        return query("SELECT id FROM " + IDS + " WHERE " + ids.matches("id") + " ORDER BY id", ids);
    }

    private List<String> rows(BoundIds ids) throws SQLException {
        return query("SELECT m.id FROM " + ids.rows("m", "id") + " ORDER BY m.id", ids);
    }

    private List<String> query(String sql, BoundIds ids) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            ids.bind(statement, 1);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
        }
        return found;
    }

    /** A condition that always holds and makes the statement's text new to every connection. */
    private static String tagged(String tag) {
        return "'" + tag + "' IS NOT NULL";
    }
}
