package io.strongroom.storage;

/** A write whose expected version did not match the stored one (someone else wrote first). */
public class VersionConflictException extends RuntimeException {
    public VersionConflictException(String collection, String key, long expected, long actual) {
        super("version conflict on " + collection + "/" + key + ": expected " + expected + ", found " + actual);
    }
}
