package org.vas.registry.infrastructure.db;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;

/**
 * Ids a statement takes as one parameter. PostgreSQL estimates an array parameter at ten elements in a generic plan
 * and a bound array at its own length in a custom one, so a statement given an array of one id always looks cheaper
 * planned again, and is planned on every execution: on the registry's statements that cost more than running them.
 * One id is a plain parameter instead, and its statement gets a generic plan, made once per connection after its
 * fifth execution.
 */
public final class BoundIds {

    private final String[] ids;

    private BoundIds(String[] ids) {
        this.ids = ids;
    }

    public static BoundIds of(Collection<String> ids) {
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("A statement over no ids is not run");
        }
        return new BoundIds(ids.toArray(String[]::new));
    }

    /** The condition that {@code column} holds one of the ids. */
    public String matches(String column) {
        return ids.length == 1 ? column + " = ?" : column + " = ANY(?)";
    }

    /** The ids as the rows of a relation {@code alias} with one column, {@code column}. */
    public String rows(String alias, String column) {
        return ids.length == 1 ? "(SELECT ?::varchar AS " + column + ") AS " + alias
                : "unnest(?) AS " + alias + " (" + column + ")";
    }

    /** The parameter as {@code JdbcTemplate} takes it: the id, or the ids as an array. */
    public Object parameter() {
        return ids.length == 1 ? ids[0] : ids;
    }

    public void bind(PreparedStatement statement, int index) throws SQLException {
        if (ids.length == 1) {
            statement.setString(index, ids[0]);
        } else {
            statement.setArray(index, statement.getConnection().createArrayOf("varchar", ids));
        }
    }
}
