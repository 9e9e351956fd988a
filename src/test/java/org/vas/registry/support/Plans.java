package org.vas.registry.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.jdbc.core.JdbcTemplate;

/** What a statement reads, counted in its plan as it ran: a cost that holds on a busy machine, unlike a time. */
public final class Plans {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Plans() {
    }

    /** The rows of {@code table} the statement visits: those it returned and those its filters passed over. */
    public static long rowsVisited(JdbcTemplate jdbc, String table, String sql, Object... args) {
        String plan = jdbc.queryForObject("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, String.class, args);
        try {
            return rowsVisited(JSON.readTree(plan).get(0).get("Plan"), table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long rowsVisited(JsonNode node, String table) {
        long rows = 0;
        if (table.equals(node.path("Relation Name").asText())) {
            rows += (node.path("Actual Rows").asLong() + node.path("Rows Removed by Filter").asLong())
                    * node.path("Actual Loops").asLong();
        }
        for (JsonNode child : node.path("Plans")) {
            rows += rowsVisited(child, table);
        }
        return rows;
    }
}
