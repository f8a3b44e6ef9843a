package io.strongroom.storage;

/** A record as stored: its key, bytes and optimistic version (1 on creation, +1 on each put). */
public record StoredRecord(String key, byte[] value, long version) {
}
