package io.strongroom.storage.jdbc;

/**
 * What makes a committed write transaction durable before its caller is answered. A commit takes a ticket while it
 * still holds the writer; the caller waits on the ticket once the writer is free for the next transaction, so the
 * wait for the disk overlaps the next transaction's work instead of stalling it (D74).
 */
interface Durability extends AutoCloseable {

    /** For databases whose COMMIT returns only once it is durable (PostgreSQL). */
    Durability AT_COMMIT = new Durability() {
        @Override
        public long committed() {
            return 0;
        }

        @Override
        public long visible() {
            return 0;
        }

        @Override
        public void awaitDurable(long ticket) {
        }

        @Override
        public void close() {
        }
    };

    /**
     * Called right before a COMMIT is issued, while holding the writer: from here on a read may see the commit, so
     * {@link #visible()} counts it.
     */
    default void committing() {
    }

    /** Called when the COMMIT announced by {@link #committing()} threw: nobody can have seen it. */
    default void commitFailed() {
    }

    /** Called right after a COMMIT returned, before the writer is handed on: the commit's ticket. */
    long committed();

    /**
     * The ticket of the newest commit a read could have seen, taken after the read ended: waiting for it makes what
     * the read saw durable, a commit still in progress included.
     */
    long visible();

    /** Returns once everything committed up to {@code ticket} is durable; a StoreException when it cannot be made so. */
    void awaitDurable(long ticket);

    @Override
    void close();
}
