package io.strongroom.engine.backup;

import io.strongroom.json.InstantText;
import io.strongroom.storage.Codec;
import io.strongroom.storage.Collection;
import io.strongroom.storage.IndexKeys;
import io.strongroom.storage.IndexPage;
import io.strongroom.storage.IndexQuery;
import io.strongroom.storage.ScanPage;
import io.strongroom.storage.ScanQuery;
import io.strongroom.storage.StoredRecord;
import io.strongroom.storage.Tx;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * A collection whose records are also found through secondary keys: the store keeps each record's keys in its
 * indexes ({@link IndexKeys}) with the record itself, in the statement that writes it (decision D143), so a put
 * costs one write however many keys change; reads through an index cost what they return, not the size of the
 * collection. An index key starts with a prefix naming its index; {@code indexOf} tells which index a scan's prefix
 * reads.
 */
final class IndexedCollection<V> {
    /** After a resource ARN in an index key: below every character an ARN holds, so keys sort as the ARNs do. */
    static final String AFTER_ARN = " ";
    /** Above every character of the keys' time and id parts: the end of one key prefix's range. */
    static final String END = "\uFFFF";
    private static final int SCAN_PAGE = 200;
    /** The first read of an index scan is small (a caller often wants one entry), later ones grow to SCAN_PAGE. */
    private static final int FIRST_READ = 8;

    private final Collection<V> records;
    private final String name;
    private final Codec<V> codec;
    private final Function<V, IndexKeys> indexKeys;
    private final ToIntFunction<String> indexOf;

    IndexedCollection(String name, Codec<V> codec, Function<V, IndexKeys> indexKeys, ToIntFunction<String> indexOf) {
        this.records = new Collection<>(name, codec);
        this.name = name;
        this.codec = codec;
        this.indexKeys = indexKeys;
        this.indexOf = indexOf;
    }

    /** An instant as a fixed-width key part, so key order is time order (ISO text is not: its fraction varies). */
    static String time(Instant at) {
        return InstantText.fixedWidth(at);
    }

    Optional<V> get(Tx tx, String key) {
        return records.get(tx, key);
    }

    /** Every record whose primary key starts with {@code prefix}, in key order. */
    List<V> list(Tx tx, String prefix) {
        return records.list(tx, prefix);
    }

    /** Stores a record with its index keys; the record it replaced, if any. */
    Optional<V> put(Tx tx, String key, V value) {
        return put(tx, key, value, records.get(tx, key));
    }

    /**
     * Stores a record under a key nothing has held (a fresh id), without reading for one first: a record there after
     * all fails the write ({@link io.strongroom.storage.VersionConflictException}).
     */
    void putNew(Tx tx, String key, V value) {
        tx.put(name, key, codec.encode(value), Tx.ABSENT, indexKeys.apply(value));
    }

    /** As {@link #put(Tx, String, Object)} for a caller that has just read the record it replaces. */
    Optional<V> put(Tx tx, String key, V value, Optional<V> old) {
        IndexKeys keys = indexKeys.apply(value);
        // only the keys that moved are rewritten: a point's never move, a job's few (D143)
        tx.put(name, key, codec.encode(value), Tx.ANY, old.map(o -> keys.changedFrom(indexKeys.apply(o))).orElse(keys));
        return old;
    }

    /** Removes a record, and so its index keys; the record removed, if there was one. */
    Optional<V> delete(Tx tx, String key) {
        return delete(tx, key, records.get(tx, key));
    }

    /** As {@link #delete(Tx, String)} for a caller that has just read the record. */
    Optional<V> delete(Tx tx, String key, Optional<V> old) {
        old.ifPresent(v -> records.delete(tx, key));
        return old;
    }

    /** Writes the index keys of every stored record: records written before their indexes. */
    void reindex(Tx tx) {
        String after = null;
        while (true) {
            ScanPage page = tx.scan(new ScanQuery(name, "", after, SCAN_PAGE, false));
            for (StoredRecord r : page.records()) {
                tx.put(name, r.key(), r.value(), Tx.ANY, indexKeys.apply(codec.decode(r.value())));
            }
            if (page.lastKey() == null) {
                return;
            }
            after = page.lastKey();
        }
    }

    /**
     * A page of the records under an index prefix whose keys go on with a {@link #time} and an id, as MaxResults and
     * NextToken ask: created strictly after {@code after} and before {@code before} (either null: unbounded), those
     * {@code keep} accepts, in time order. The token is the last key's part after the prefix, so the same token
     * continues whichever index answered.
     */
    Page<V> page(Tx tx, String prefix, Instant after, Instant before, Predicate<V> keep, Integer maxResults,
                 String token) {
        return page(tx, List.of(prefix), after, before, keep, maxResults, token);
    }

    /**
     * As {@link #page(Tx, String, Instant, Instant, Predicate, Integer, String)} over several prefixes at once (a
     * record under at most one of them), their entries merged in the order of the key parts after each prefix.
     */
    Page<V> page(Tx tx, List<String> prefixes, Instant after, Instant before, Predicate<V> keep, Integer maxResults,
                 String token) {
        int size = Page.size(maxResults);
        String from = Page.after(token);
        if (after != null && (from == null || (time(after) + END).compareTo(from) > 0)) {
            from = time(after) + END;
        }
        return Page.read(scanMerged(tx, prefixes, from, false), "", before == null ? null : time(before), keep, size);
    }

    /**
     * The records under several prefixes of one index (a record under at most one of them), merged in the order of
     * the key parts after each prefix (reversed when {@code descending}), from after the part {@code startAfter}
     * (null: from the first). Each entry's key is that part, so one prefix's entries compare with another's.
     */
    Iterator<Entry<V>> scanMerged(Tx tx, List<String> prefixes, String startAfter, boolean descending) {
        List<Iterator<Entry<V>>> tails = new ArrayList<>();
        for (String prefix : prefixes) {
            tails.add(tails(scan(tx, prefix, startAfter == null ? null : prefix + startAfter, descending),
                    prefix.length()));
        }
        return tails.size() == 1 ? tails.get(0) : merged(tails, descending);
    }

    /** The entries with their index keys cut to the part after the prefix. */
    private static <V> Iterator<Entry<V>> tails(Iterator<Entry<V>> entries, int prefixLength) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public Entry<V> next() {
                Entry<V> e = entries.next();
                return new Entry<>(e.indexKey().substring(prefixLength), e.value());
            }
        };
    }

    /** Ordered iterators merged into one in index key order (or its reverse). */
    private static <V> Iterator<Entry<V>> merged(List<Iterator<Entry<V>>> sources, boolean descending) {
        Comparator<Head<V>> byKey = Comparator.comparing(h -> h.entry().indexKey());
        PriorityQueue<Head<V>> heads = new PriorityQueue<>(descending ? byKey.reversed() : byKey);
        sources.stream().filter(Iterator::hasNext).forEach(i -> heads.add(new Head<>(i.next(), i)));
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !heads.isEmpty();
            }

            @Override
            public Entry<V> next() {
                Head<V> head = heads.poll();
                if (head == null) {
                    throw new NoSuchElementException();
                }
                if (head.rest().hasNext()) {
                    heads.add(new Head<>(head.rest().next(), head.rest()));
                }
                return head.entry();
            }
        };
    }

    private record Head<V>(Entry<V> entry, Iterator<Entry<V>> rest) {
    }

    /** An index key and the record it names. */
    record Entry<V>(String indexKey, V value) {
    }

    /** The first index key under a prefix after {@code startAfter} (null: from the first), without its record's value. */
    Optional<String> firstIndexKey(Tx tx, String prefix, String startAfter) {
        IndexPage page = tx.scanIndex(new IndexQuery(name, indexOf.applyAsInt(prefix), prefix, startAfter, 1, false));
        return page.entries().stream().findFirst().map(IndexPage.Entry::indexKey);
    }

    /**
     * The records under an index prefix, in index key order (reversed when {@code descending}) from after
     * {@code startAfter} (null: from the first), read a page of the index at a time as the caller goes on.
     */
    Iterator<Entry<V>> scan(Tx tx, String prefix, String startAfter, boolean descending) {
        int index = indexOf.applyAsInt(prefix);
        return new Iterator<>() {
            private final Deque<IndexPage.Entry> rows = new ArrayDeque<>();
            private String after = startAfter;
            private boolean exhausted;
            private int read = FIRST_READ;

            @Override
            public boolean hasNext() {
                if (rows.isEmpty() && !exhausted) {
                    IndexPage page = tx.scanIndex(new IndexQuery(name, index, prefix, after, read, descending));
                    read = Math.min(read * 4, SCAN_PAGE);
                    rows.addAll(page.entries());
                    exhausted = page.lastIndexKey() == null;
                    after = page.lastIndexKey();
                }
                return !rows.isEmpty();
            }

            @Override
            public Entry<V> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                IndexPage.Entry row = rows.poll();
                return new Entry<>(row.indexKey(), codec.decode(row.record().value()));
            }
        };
    }
}
