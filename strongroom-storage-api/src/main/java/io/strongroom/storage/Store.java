package io.strongroom.storage;

import java.util.function.Function;

/**
 * The persistent store every service keeps its state in. A write transaction that returns has been
 * committed durably (fsync on commit): an acknowledged write survives a crash.
 * Several server processes may share one store (PostgreSQL); optimistic versions on every record
 * and leases keep them from overwriting each other.
 *
 * <p>Work passed to {@link #write} or {@link #writeBatched} may run more than once when the database
 * reports a serialization conflict, so it must have no effects outside the {@link Tx}. A {@link Tx}
 * is only valid inside the work it was given to; write transactions do not nest (starting one from
 * inside write work throws {@link IllegalStateException}), while {@link #read} from inside write work
 * sees the last committed state, not the enclosing transaction's changes.
 */
public interface Store extends AutoCloseable {

    /**
     * Runs {@code work} in one read-write transaction and commits it; rolls back if it throws and
     * rethrows the same exception.
     */
    <T> T write(Function<Tx, T> work);

    /**
     * As {@link #write}, but may return before the commit is durable, for a caller that answers nobody yet and
     * runs many transactions in a row (the clock's timers): it calls {@link #awaitWritesDurable} before anything
     * outside the store depends on what it committed, so one wait for the disk serves them all instead of one each.
     * Reads see the commit at once. After-commit actions registered with {@link Tx#afterCommit} still run only once
     * the commit is durable (they act outside the store); those registered with {@link Tx#afterCommitInProcess} do not
     * wait. A crash before the commit is durable loses it, with nothing outside the store having depended on it.
     */
    default <T> T writeDurableLater(Function<Tx, T> work) {
        return write(work);
    }

    /** Returns once every write transaction this process has committed is durable (see {@link #writeDurableLater}). */
    default void awaitWritesDurable() {
        awaitReadsDurable();
    }

    /**
     * Runs {@code work} in a read-only transaction over a consistent snapshot of committed state;
     * methods that would change the store throw {@link IllegalStateException}.
     */
    <T> T read(Function<Tx, T> work);

    /**
     * Runs {@code work} in a write transaction that may be shared with other callers' batched work
     * (group commit), returning once the shared transaction has committed. If {@code work} throws,
     * only its own changes are rolled back and the exception reaches this caller. Worth it for many
     * small independent writes (audit records); a caller alone behaves as with {@link #write}.
     */
    <T> T writeBatched(Function<Tx, T> work);

    /**
     * Returns once everything that a read which has already ended could have seen is durable. A read may see a
     * commit whose writer still waits for the disk (decision D74); a read whose result leaves the process without a
     * write of its own after it (an answer that records nothing) calls this first, so that it never shows what a
     * crash could take back (decision D75).
     */
    default void awaitReadsDurable() {
    }

    /**
     * A count that grows once a write transaction of this process that scheduled a timer has committed, or -1 when
     * the store does not keep one. A look for due timers that begins after reading {@code n} sees every commit
     * counted in {@code n}; so a simulated clock that has not moved need not look again until the count grows
     * (decision D76).
     */
    default long timersScheduled() {
        return -1;
    }

    /** {@code sqlite} or {@code postgresql}. */
    String dialect();

    /** The schema version the migrations brought the store to. */
    int schemaVersion();

    @Override
    void close();
}
