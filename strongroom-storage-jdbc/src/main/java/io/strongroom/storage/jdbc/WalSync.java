package io.strongroom.storage.jdbc;

import io.strongroom.storage.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * SQLite's commits made durable by fsyncs of the write-ahead log that callers share: the writer commits with
 * {@code synchronous=NORMAL} (its log frames written, not yet synced) and every caller then waits for an fsync of
 * the log that began after its COMMIT returned. One fsync serves every commit made before it began, and while it
 * runs the writer already works on the next transaction (D74). Checkpoints sync the log themselves before copying it
 * into the database, so a frame is never copied back before it is durable.
 */
final class WalSync implements Durability {

    /** The fsync itself; a seam so the sharing can be tested without a disk. */
    interface Force extends AutoCloseable {
        void force() throws IOException;

        @Override
        default void close() {
        }
    }

    private final String description;
    private final Force force;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition synced = lock.newCondition();
    private long committed;
    /** A COMMIT issued and not yet returned (the one writer's): readers may already see it. */
    private boolean committing;
    private long durable;
    private boolean syncing;
    private long syncs;

    WalSync(String description, Force force) {
        this.description = description;
        this.force = force;
    }

    /** Syncs the log file {@code wal} (the database's path plus {@code -wal}), opened on first use. */
    static WalSync of(Path wal) {
        return new WalSync(wal.toString(), new LogFile(wal));
    }

    /**
     * The log file, kept open. SQLite keeps one log file while any connection to the database is open, but it
     * deletes it when the last one closes (after copying it into the database), and the next connection makes a new
     * one; so each fsync checks that the channel is still the file at the path, and opens the new one if not.
     */
    static final class LogFile implements Force {
        private final Path path;
        private FileChannel channel;
        private Object file;

        LogFile(Path path) {
            this.path = path;
        }

        @Override
        public synchronized void force() throws IOException {
            Object current = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
            if (channel == null || !channel.isOpen() || current == null || !current.equals(file)) {
                close();
                channel = FileChannel.open(path, StandardOpenOption.WRITE);
                file = current;
            }
            // fdatasync, as SQLite's own sync of the log is: the file's size is among what it flushes.
            channel.force(false);
        }

        /** The file the last fsync went to (its inode), for tests. */
        synchronized Object file() {
            return file;
        }

        @Override
        public synchronized void close() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // nothing was pending: every wait for this log has returned
                }
                channel = null;
            }
        }
    }

    @Override
    public void committing() {
        lock.lock();
        try {
            committing = true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void commitFailed() {
        lock.lock();
        try {
            committing = false;
            synced.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long committed() {
        lock.lock();
        try {
            committing = false;
            synced.signalAll();
            return ++committed;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long visible() {
        lock.lock();
        try {
            return committing ? committed + 1 : committed;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void awaitDurable(long ticket) {
        lock.lock();
        try {
            while (durable < ticket) {
                if (committed < ticket) {
                    // A reader's ticket for a COMMIT still in progress: wait for it to return, or to fail (then
                    // there is nothing newer to wait for).
                    if (!committing) {
                        ticket = committed;
                        continue;
                    }
                    synced.awaitUninterruptibly();
                    continue;
                }
                if (syncing) {
                    synced.awaitUninterruptibly();
                    continue;
                }
                // Every commit with a ticket up to here had returned before this fsync begins, so it covers them.
                long covers = committed;
                syncing = true;
                IOException failure = null;
                lock.unlock();
                try {
                    force.force();
                } catch (IOException e) {
                    failure = e;
                } finally {
                    lock.lock();
                    syncing = false;
                    synced.signalAll();
                }
                if (failure != null) {
                    throw new StoreException("cannot fsync the write-ahead log " + description + ": "
                            + failure.getMessage(), failure);
                }
                syncs++;
                durable = Math.max(durable, covers);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Fsyncs run so far. */
    long syncs() {
        lock.lock();
        try {
            return syncs;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        force.close();
    }
}
