package io.strongroom.storage.jdbc;

import io.strongroom.storage.IndexKeys;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The columns {@code index1} ... of the records table that hold a record's {@link IndexKeys}, each with a partial
 * index over the rows that have one. A record without index keys writes literal NULLs, so the statements of the many
 * plain puts bind nothing more than before.
 */
final class IndexColumns {
    /** ", index1, index2, ...": after the other columns of an INSERT. */
    static final String NAMES = names(i -> ", " + name(i));
    /** ", index1 = excluded.index1, ...": an upsert's update takes the new keys, none included. */
    static final String FROM_EXCLUDED = names(i -> ", " + name(i) + " = excluded." + name(i));
    private static final String PLACEHOLDERS = names(i -> ", ?");
    private static final String NULLS = names(i -> ", NULL");
    private static final String ASSIGNED = names(i -> ", " + name(i) + " = ?");
    private static final String ASSIGNED_NULL = names(i -> ", " + name(i) + " = NULL");

    private IndexColumns() {
    }

    static String name(int index) {
        return "index" + IndexKeys.check(index);
    }

    private static String names(java.util.function.IntFunction<String> part) {
        return IntStream.rangeClosed(1, IndexKeys.INDEXES).mapToObj(part).collect(Collectors.joining());
    }

    /** The INSERT's values of the index columns, after the others. */
    static String values(IndexKeys keys) {
        return keys.isEmpty() ? NULLS : PLACEHOLDERS;
    }

    /** An UPDATE's assignments of the index columns, after the others. */
    static String assigned(IndexKeys keys) {
        return keys.isEmpty() ? ASSIGNED_NULL : ASSIGNED;
    }

    /** Binds the keys from parameter {@code first} on when the statement has placeholders for them; the next free one. */
    static int bind(PreparedStatement s, int first, IndexKeys keys) throws SQLException {
        if (keys.isEmpty()) {
            return first;
        }
        for (int i = 1; i <= IndexKeys.INDEXES; i++) {
            String key = keys.key(i);
            if (key == null) {
                s.setNull(first + i - 1, Types.VARCHAR);
            } else {
                s.setString(first + i - 1, key);
            }
        }
        return first + IndexKeys.INDEXES;
    }
}
