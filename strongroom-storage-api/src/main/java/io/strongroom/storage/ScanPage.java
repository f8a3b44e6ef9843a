package io.strongroom.storage;

import java.util.List;

/** One page of a scan; {@code lastKey} continues it, null when the range is exhausted. */
public record ScanPage(List<StoredRecord> records, String lastKey) {
    public ScanPage {
        records = List.copyOf(records);
    }
}
