package io.strongroom.storage;

import java.time.Instant;
import java.util.Optional;

/** One transaction over the store: versioned records in named collections, sequences, timers and leases. */
public interface Tx {
    /** Version to pass to {@link #put} when the record must not exist yet. */
    long ABSENT = 0;
    /** Version to pass to {@link #put} or {@link #delete} to skip the version check. */
    long ANY = -1;

    Optional<StoredRecord> get(String collection, String key);

    /**
     * Creates or replaces a record and returns its new version (1 for a new record).
     * @throws VersionConflictException when {@code expectedVersion} is neither {@link #ANY} nor the current version
     */
    long put(String collection, String key, byte[] value, long expectedVersion);

    /** Deletes a record; false when it did not exist. */
    boolean delete(String collection, String key, long expectedVersion);

    /** Records of a collection whose keys start with {@code query.prefix()}, in key order. */
    ScanPage scan(ScanQuery query);

    /** The next value (starting at 1) of a named, durable, gap-free-per-commit sequence. */
    long nextSequence(String name);

    TimerQueue timers();

    /**
     * Takes or renews the named lease for {@code owner} until {@code until}; false when another owner
     * holds it past {@code now}. Lets several servers sharing a store elect who runs a job.
     */
    boolean tryLease(String name, String owner, Instant now, Instant until);
}
