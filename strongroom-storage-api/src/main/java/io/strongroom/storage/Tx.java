package io.strongroom.storage;

import java.time.Instant;
import java.util.Optional;

/**
 * One transaction over the store: versioned records in named collections, sequences, timers and leases.
 *
 * <p>Keys are ordered by Unicode code point (the order of their UTF-8 bytes), the same on every
 * dialect; this differs from {@link String#compareTo} only for characters outside the Basic
 * Multilingual Plane. Keys and collection names must not contain U+0000 or unpaired surrogates,
 * which not every database can store ({@link IllegalArgumentException}).
 */
public interface Tx {
    /** Version to pass to {@link #put} or {@link #delete} when the record must not exist yet. */
    long ABSENT = 0;
    /** Version to pass to {@link #put} or {@link #delete} to skip the version check. */
    long ANY = -1;

    Optional<StoredRecord> get(String collection, String key);

    /**
     * Creates or replaces a record and returns its new version (1 for a new record).
     * @throws VersionConflictException when {@code expectedVersion} is neither {@link #ANY} nor the
     *     current version ({@link #ABSENT} for a missing record); nothing is written
     */
    default long put(String collection, String key, byte[] value, long expectedVersion) {
        return put(collection, key, value, expectedVersion, IndexKeys.NONE);
    }

    /**
     * As {@link #put(String, String, byte[], long)}, and the record's keys in the collection's indexes become
     * {@code indexKeys} (a plain put leaves a record in no index). One write however many indexes: the store keeps
     * them with the record, and a delete drops them with it.
     */
    long put(String collection, String key, byte[] value, long expectedVersion, IndexKeys indexKeys);

    /**
     * Deletes a record; false when it did not exist.
     * @throws VersionConflictException when {@code expectedVersion} is neither {@link #ANY} nor the
     *     current version; deleting a missing record with {@link #ABSENT} is no conflict and returns false
     */
    boolean delete(String collection, String key, long expectedVersion);

    /**
     * Deletes a record only if its value is exactly {@code value} (byte for byte); true when it did, false when the
     * record is missing or holds anything else, which is then left as it is. One statement where a read and a
     * delete would be two: a record naming who owns some work is removed only by that owner.
     */
    boolean deleteIfValue(String collection, String key, byte[] value);

    /**
     * Records of a collection whose keys start with {@code query.prefix()}, in key order. The page's
     * {@code lastKey} is null exactly when no further record matches.
     */
    ScanPage scan(ScanQuery query);

    /**
     * Records of a collection found through one of its indexes ({@link #put(String, String, byte[], long, IndexKeys)}),
     * in the order of their keys there. The page's {@code lastIndexKey} is null exactly when no further record
     * matches.
     */
    IndexPage scanIndex(IndexQuery query);

    /**
     * Deletes every record of a collection whose key starts with {@code prefix} (all of them for ""), a page at a
     * time; how many it deleted.
     */
    default int deleteAll(String collection, String prefix) {
        int deleted = 0;
        String after = null;
        while (true) {
            ScanPage page = scan(new ScanQuery(collection, prefix, after, 500, false));
            for (StoredRecord r : page.records()) {
                if (delete(collection, r.key(), ANY)) {
                    deleted++;
                }
            }
            if (page.lastKey() == null) {
                return deleted;
            }
            after = page.lastKey();
        }
    }

    /**
     * The next value (starting at 1) of a named, durable sequence. Values are handed out in commit
     * order without gaps: a rolled-back transaction does not consume one.
     */
    long nextSequence(String name);

    TimerQueue timers();

    /**
     * Runs {@code action} once this transaction has committed, before {@link Store#write} (or
     * {@link Store#writeBatched}) returns, on the committing thread and outside any transaction; never
     * when the work throws or the transaction rolls back, nor for an attempt that is run again after a
     * serialization conflict. For effects outside the store that must happen only if the changes stand,
     * such as deleting a resource's files. An action that throws cannot undo the commit: its failure is
     * logged and the remaining actions still run. Actions run in the order they were registered.
     * @throws IllegalStateException in a read-only transaction
     */
    void afterCommit(Runnable action);

    /**
     * As {@link #afterCommit} for an action whose effects stay inside this process (a cache, a count): it may run
     * before the commit is durable, since a crash that could still lose the commit takes the action's effects with it.
     */
    default void afterCommitInProcess(Runnable action) {
        afterCommit(action);
    }

    /**
     * Runs {@code action} once this attempt's changes are known not to stand: the work threw, its piece of a batch
     * was rolled back, its transaction rolled back or failed to commit, or it hit a serialization conflict (then
     * before the work runs again). For undoing effects outside the store that the work made before its commit, such
     * as removing a file written for a record that is not committed. Never when the outcome of a commit is unknown
     * (the commit failed and so did the rollback after it): what is left then is for a start-up reconciliation.
     * Runs on the committing thread, possibly while the store's writer is held, so it must not use the store. An
     * action that throws is logged; the remaining actions still run, in the order they were registered.
     * @throws IllegalStateException in a read-only transaction
     */
    void afterRollback(Runnable action);

    /** True inside {@link Store#read}: the transaction sees committed state only and cannot write. */
    default boolean readOnly() {
        return false;
    }

    /**
     * Takes or renews the named lease for {@code owner} until {@code until}; false when another owner
     * holds it past {@code now} (a lease whose end is at or before {@code now} has expired).
     * Lets several servers sharing a store elect who runs a job.
     */
    boolean tryLease(String name, String owner, Instant now, Instant until);
}
