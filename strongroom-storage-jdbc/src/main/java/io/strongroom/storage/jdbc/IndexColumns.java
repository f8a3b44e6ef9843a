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
 * plain puts bind nothing more than before. An update assigns only the index columns whose keys changed
 * ({@link IndexKeys#changedFrom}): SQLite rewrites the entry of every index whose column a statement assigns.
 */
final class IndexColumns {
    /** ", index1, index2, ...": after the other columns of an INSERT. */
    static final String NAMES = names(i -> ", " + name(i));
    /** Per mask of changed indexes: ", indexN = excluded.indexN" for each, an upsert's update taking the new keys. */
    private static final String[] FROM_EXCLUDED = byMask(i -> ", " + name(i) + " = excluded." + name(i));
    /** Per mask of changed indexes: ", indexN = ?" for each, an UPDATE's assignments. */
    private static final String[] ASSIGNED = byMask(i -> ", " + name(i) + " = ?");
    private static final String PLACEHOLDERS = names(i -> ", ?");
    private static final String NULLS = names(i -> ", NULL");
    private static final String ASSIGNED_NULL = names(i -> ", " + name(i) + " = NULL");

    private IndexColumns() {
    }

    static String name(int index) {
        return "index" + IndexKeys.check(index);
    }

    private static String names(java.util.function.IntFunction<String> part) {
        return IntStream.rangeClosed(1, IndexKeys.INDEXES).mapToObj(part).collect(Collectors.joining());
    }

    private static String[] byMask(java.util.function.IntFunction<String> part) {
        String[] out = new String[1 << IndexKeys.INDEXES];
        for (int mask = 0; mask < out.length; mask++) {
            int m = mask;
            out[mask] = IntStream.rangeClosed(1, IndexKeys.INDEXES).filter(i -> (m & (1 << (i - 1))) != 0)
                    .mapToObj(part).collect(Collectors.joining());
        }
        return out;
    }

    /** An upsert's update of the index columns: the changed ones from {@code excluded}. */
    static String fromExcluded(IndexKeys keys) {
        return FROM_EXCLUDED[keys.changedMask()];
    }

    /** The INSERT's values of the index columns, after the others. */
    static String values(IndexKeys keys) {
        return keys.isEmpty() ? NULLS : PLACEHOLDERS;
    }

    /** An UPDATE's assignments of the changed index columns, after the others; {@link #bindChanged} fills them. */
    static String assigned(IndexKeys keys) {
        return keys.isEmpty() ? ASSIGNED_NULL : ASSIGNED[keys.changedMask()];
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

    /** Binds the keys of {@link #assigned} from parameter {@code first} on; the next free one. */
    static int bindChanged(PreparedStatement s, int first, IndexKeys keys) throws SQLException {
        if (keys.isEmpty()) {
            return first;
        }
        int next = first;
        for (int i = 1; i <= IndexKeys.INDEXES; i++) {
            if (keys.changed(i)) {
                String key = keys.key(i);
                if (key == null) {
                    s.setNull(next++, Types.VARCHAR);
                } else {
                    s.setString(next++, key);
                }
            }
        }
        return next;
    }
}
