package io.strongroom.engine.backup;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/** One page of a list and the token of the next (null at the end); tokens name the last key returned. */
public record Page<T>(List<T> items, String nextToken) {

    /** {@code all} sorted by {@code key}; MaxResults 1–1000 (default 1000), as AWS Backup's lists take it. */
    public static <T> Page<T> of(List<T> all, Function<T, String> key, Integer maxResults, String token) {
        int size = size(maxResults);
        String from = after(token);
        List<T> rest = all.stream().sorted(java.util.Comparator.comparing(key))
                .filter(t -> from == null || key.apply(t).compareTo(from) > 0).toList();
        List<T> page = rest.subList(0, Math.min(size, rest.size()));
        String next = rest.size() > size ? token(key.apply(page.get(page.size() - 1))) : null;
        return new Page<>(page, next);
    }

    /**
     * A page read off an index scan: the entries {@code keep} accepts, in index order, until {@code size} of them and
     * one more (which only says a next page exists), stopping at the first index key at or after {@code stopAt}
     * (null: none). The next token is the last returned entry's index key after {@code prefix}.
     */
    static <T> Page<T> read(Iterator<IndexedCollection.Entry<T>> entries, String prefix, String stopAt,
                            Predicate<T> keep, int size) {
        List<T> page = new ArrayList<>();
        String last = null;
        while (entries.hasNext()) {
            IndexedCollection.Entry<T> e = entries.next();
            if (stopAt != null && e.indexKey().compareTo(stopAt) >= 0) {
                break;
            }
            if (!keep.test(e.value())) {
                continue;
            }
            if (page.size() == size) {
                return new Page<>(page, token(last.substring(prefix.length())));
            }
            page.add(e.value());
            last = e.indexKey();
        }
        return new Page<>(page, null);
    }

    /** MaxResults checked: 1–1000, default 1000. */
    static int size(Integer maxResults) {
        int size = maxResults == null ? 1000 : maxResults;
        if (size < 1 || size > 1000) {
            throw BackupErrors.invalidParameter("MaxResults must be between 1 and 1000.");
        }
        return size;
    }

    /** The key a NextToken names (null for none). */
    static String after(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw BackupErrors.invalidParameter("Invalid NextToken.");
        }
    }

    /** The NextToken naming a key. */
    static String token(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }
}
