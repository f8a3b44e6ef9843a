package io.strongroom.vaultstorage.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/** The few disk operations crash safety rests on: fsync a file, fsync a directory, publish by atomic rename. */
final class Durable {
    private Durable() {
    }

    private static final Map<Path, GroupSync> DIRECTORIES = new ConcurrentHashMap<>();

    /**
     * Makes a directory's entries (created, renamed, deleted names) durable: every change made before the call is on
     * disk when it returns. Writers of one directory share fsyncs: one that started after a writer's change serves it.
     */
    static void syncDirectory(Path directory) {
        DIRECTORIES.computeIfAbsent(directory, d -> new GroupSync()).sync(directory);
    }

    /** Drops the kept channels of a deleted tree: a directory made again at the same path is another directory. */
    static void forgetUnder(Path tree) {
        DIRECTORIES.entrySet().removeIf(e -> {
            if (!e.getKey().startsWith(tree)) {
                return false;
            }
            e.getValue().close();
            return true;
        });
    }

    /** Group commit for one directory's fsync, on a channel kept open (opening a directory costs as much). */
    private static final class GroupSync {
        private final AtomicLong requested = new AtomicLong();
        private final ReentrantLock syncing = new ReentrantLock();
        private long synced;
        private FileChannel channel;

        void sync(Path directory) {
            long ticket = requested.incrementAndGet();
            syncing.lock();
            try {
                if (synced >= ticket) {
                    return; // an fsync that began after this caller's change has completed
                }
                long upTo = requested.get();
                force(directory);
                synced = upTo;
            } finally {
                syncing.unlock();
            }
        }

        private void force(Path directory) {
            try {
                if (channel == null) {
                    channel = FileChannel.open(directory, StandardOpenOption.READ);
                }
                channel.force(true);
            } catch (IOException e) {
                // the directory may have been replaced (a vault deleted and made again): open it afresh once
                closeChannel();
                try (FileChannel fresh = FileChannel.open(directory, StandardOpenOption.READ)) {
                    fresh.force(true);
                } catch (IOException again) {
                    throw new UncheckedIOException(again);
                }
            }
        }

        void close() {
            syncing.lock();
            try {
                closeChannel();
            } finally {
                syncing.unlock();
            }
        }

        private void closeChannel() {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // a channel we are dropping
            }
            channel = null;
        }
    }

    /**
     * Writes {@code bytes} to {@code scratch}, fsyncs it, renames it over {@code target} atomically and fsyncs the
     * target's directory: afterwards {@code target} holds either its old content or all of the new, durably.
     */
    static void publish(Path scratch, Path target, byte[] bytes) {
        try (FileChannel channel = FileChannel.open(scratch, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        move(scratch, target);
        syncDirectory(target.getParent());
    }

    static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean deleteIfExists(Path path) {
        try {
            return Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
