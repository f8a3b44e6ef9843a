package io.strongroom.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A typed view of one named collection. */
public final class Collection<V> {
    private final String name;
    private final Codec<V> codec;

    public Collection(String name, Codec<V> codec) {
        this.name = name;
        this.codec = codec;
    }

    public String name() {
        return name;
    }

    public Optional<V> get(Tx tx, String key) {
        return tx.get(name, key).map(r -> codec.decode(r.value()));
    }

    public Optional<Versioned<V>> getVersioned(Tx tx, String key) {
        return tx.get(name, key).map(r -> new Versioned<>(codec.decode(r.value()), r.version()));
    }

    public long put(Tx tx, String key, V value, long expectedVersion) {
        return tx.put(name, key, codec.encode(value), expectedVersion);
    }

    public long put(Tx tx, String key, V value) {
        return put(tx, key, value, Tx.ANY);
    }

    public boolean delete(Tx tx, String key) {
        return tx.delete(name, key, Tx.ANY);
    }

    /** Deletes the record only while it holds {@code value} (as this collection encodes it); true when it did. */
    public boolean deleteIfValue(Tx tx, String key, V value) {
        return tx.deleteIfValue(name, key, codec.encode(value));
    }

    /** Every record whose key starts with {@code prefix}, in key order. */
    public List<V> list(Tx tx, String prefix) {
        List<V> out = new ArrayList<>();
        String after = null;
        while (true) {
            ScanPage page = tx.scan(new ScanQuery(name, prefix, after, 500, false));
            page.records().forEach(r -> out.add(codec.decode(r.value())));
            if (page.lastKey() == null) {
                return out;
            }
            after = page.lastKey();
        }
    }

    public record Versioned<V>(V value, long version) {
    }
}
