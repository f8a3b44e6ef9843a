package io.strongroom.storage;

import java.util.List;

/** One page of an index scan; {@code lastIndexKey} continues it, null when the range is exhausted. */
public record IndexPage(List<Entry> entries, String lastIndexKey) {
    public IndexPage {
        entries = List.copyOf(entries);
    }

    /** A record found through an index, with its key there. */
    public record Entry(String indexKey, StoredRecord record) {
    }
}
