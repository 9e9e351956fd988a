package org.vas.registry.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.ToLongFunction;
import org.springframework.jdbc.core.JdbcTemplate;

/** What a statement reads, counted in its plan as it ran: a cost that holds on a busy machine, unlike a time. */
public final class Plans {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Plans() {
    }

    /** The rows of {@code table} the statement visits: those it returned and those its filters passed over. */
    public static long rowsVisited(JdbcTemplate jdbc, String table, String sql, Object... args) {
        return rows(jdbc, sql, args, node -> table.equals(node.path("Relation Name").asText())
                ? (node.path("Actual Rows").asLong() + node.path("Rows Removed by Filter").asLong())
                        * node.path("Actual Loops").asLong() : 0);
    }

    /** The rows the statement sorts, in every sort of its plan. */
    public static long rowsSorted(JdbcTemplate jdbc, String sql, Object... args) {
        return rows(jdbc, sql, args, node -> "Sort".equals(node.path("Node Type").asText())
                ? node.path("Actual Rows").asLong() * node.path("Actual Loops").asLong() : 0);
    }

    private static long rows(JdbcTemplate jdbc, String sql, Object[] args, ToLongFunction<JsonNode> counted) {
        String plan = jdbc.queryForObject("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, String.class, args);
        try {
            return sum(JSON.readTree(plan).get(0).get("Plan"), counted);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long sum(JsonNode node, ToLongFunction<JsonNode> counted) {
        long rows = counted.applyAsLong(node);
        for (JsonNode child : node.path("Plans")) {
            rows += sum(child, counted);
        }
        return rows;
    }
}
