package io.strongroom.storage.jdbc;

import io.strongroom.storage.Tx;
import java.util.concurrent.locks.Condition;
import java.util.function.Function;

/** One caller's piece of a group commit and, once the batch is over, its outcome. */
final class BatchedWork<T> {

    final Function<Tx, T> work;
    private T result;
    private Throwable failure;
    /** Set, under the committer's lock, once a batch has taken this work: its caller then only waits. */
    boolean taken;
    /** Set, under the committer's lock, once the batch holding this work has ended and is durable. */
    boolean settled;
    /** Where the caller waits for its outcome or its turn to lead, made with the committer's lock. */
    Condition wakeUp;

    BatchedWork(Function<Tx, T> work) {
        this.work = work;
    }

    /** Runs the work; its outcome stands only if the batch then commits. */
    void run(Tx tx) {
        result = work.apply(tx);
        failure = null;
    }

    void fail(Throwable t) {
        result = null;
        failure = t;
    }

    boolean failed() {
        return failure != null;
    }

    T outcome() {
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        return result;
    }
}
