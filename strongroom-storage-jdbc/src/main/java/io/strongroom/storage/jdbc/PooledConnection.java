package io.strongroom.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A pooled connection and its prepared statements, kept across its transactions: the store runs a handful of fixed
 * statements millions of times, and preparing one costs as much as running it. Only the transaction holding the
 * connection uses them, so no locking; the least recently used are closed past {@link #LIMIT}.
 */
final class PooledConnection {
    private static final int LIMIT = 64;

    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new LinkedHashMap<>(LIMIT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
            if (size() <= LIMIT) {
                return false;
            }
            closeQuietly(eldest.getValue());
            return true;
        }
    };

    PooledConnection(Connection connection) {
        this.connection = connection;
    }

    Connection connection() {
        return connection;
    }

    /** The statement for {@code sql}, prepared on first use; the caller closes its result sets, not the statement. */
    PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement s = statements.get(sql);
        if (s == null || s.isClosed()) {
            s = connection.prepareStatement(sql);
            statements.put(sql, s);
        }
        return s;
    }

    private static void closeQuietly(PreparedStatement s) {
        try {
            s.close();
        } catch (SQLException ignored) {
            // the statement goes with its connection in any case
        }
    }
}
