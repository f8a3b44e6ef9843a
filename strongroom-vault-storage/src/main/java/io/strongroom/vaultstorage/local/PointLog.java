package io.strongroom.vaultstorage.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.CRC32C;

/**
 * A vault's manifests, appended to log segments ({@code points/<number>.log}) instead of one file each (D78). A file
 * per point cost an inode, a rename and a directory fsync per point, and on this project's machines the kernel's
 * inode allocation alone took more CPU than everything else a data move does. Here a point is one record appended
 * and one fdatasync shared by the writers of that moment; a delete or a retention change is one more record.
 *
 * <p>A record is a kind ({@code P}ut or {@code D}elete), the payload's length, the payload (the point's id and, for a
 * put, its manifest) and a CRC32C of all before it. Segments are replayed in order when the vault opens; a torn
 * record at the end of the last segment (a crash mid-append) is cut off, and no write that returned is lost because
 * each returns only after its record is synced. Manifests written before the log ({@code points/<id>.point}) are
 * read as before; one rewritten or deleted goes through the log or is unlinked.
 *
 * <p>Appends are serialised by this object's lock; {@link #compact} runs under the vault's exclusive lock.
 */
final class PointLog implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PointLog.class.getName());
    static final String SUFFIX = ".log";
    private static final byte[] HEADER = {'S', 'R', 'P', 'L', 1, 0, 0, 0};
    private static final byte PUT = 'P';
    private static final byte DELETE = 'D';
    /** A record's bytes besides its payload: kind, length, CRC. */
    private static final int FRAMING = 1 + 4 + 4;
    private static final int MAX_PAYLOAD = 64 << 20;

    private final Path directory;
    private final long segmentLimit;
    /** Where each live point's manifest is: a segment and offset, or (segment -1) its own legacy file. */
    private final Map<String, Location> live = new ConcurrentHashMap<>();
    private final TreeMap<Integer, FileChannel> segments = new TreeMap<>();
    /** Bytes of records that no longer decide anything, per segment. */
    private final Map<Integer, Long> dead = new HashMap<>();
    private final ReentrantLock syncing = new ReentrantLock();
    private int current = -1;
    /** The last segment did not read to its end: appends go to a new one. */
    private boolean lastUnreadable;
    /** Segments a replay could not read to their end: kept as they are, and the log is then never compacted. */
    private final java.util.Set<Integer> unreadable = new java.util.HashSet<>();
    private long position;
    /** Appends made and appends known durable, as counts (group commit of the fdatasyncs). */
    private long appended;
    private volatile long durable;
    /** The fdatasyncs of appends made so far (tests count how writers share them). */
    private final AtomicLong syncs = new AtomicLong();

    private record Location(int segment, long offset, int length, int recordLength) {
        static final Location LEGACY = new Location(-1, 0, 0, 0);
    }

    private PointLog(Path directory, long segmentLimit) {
        this.directory = directory;
        this.segmentLimit = segmentLimit;
    }

    /** Opens the log of a points directory: its manifest files, then its segments in order. */
    static PointLog open(Path directory, long segmentLimit) {
        PointLog log = new PointLog(directory, segmentLimit);
        try {
            Files.createDirectories(directory);
            try (var files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(VaultLayout.POINT_SUFFIX)) {
                        log.live.put(name.substring(0, name.length() - VaultLayout.POINT_SUFFIX.length()),
                                Location.LEGACY);
                    } else if (name.endsWith(SUFFIX) && name.length() > SUFFIX.length()) {
                        log.segments.put(Integer.parseInt(name.substring(0, name.length() - SUFFIX.length())),
                                FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE));
                    }
                }
            }
            java.util.Set<String> mentioned = new java.util.HashSet<>();
            for (var segment : log.segments.entrySet()) {
                log.replay(segment.getKey(), segment.getValue(), segment.getKey().equals(log.segments.lastKey()),
                        mentioned);
            }
            // A rewritten legacy point whose file a crash left behind: its records in the log decide.
            for (String id : mentioned) {
                Files.deleteIfExists(log.legacyFile(id));
            }
            if (log.segments.isEmpty()) {
                log.startSegment(0);
            } else if (log.lastUnreadable) {
                // nothing is appended after bytes a replay cannot read past
                log.startSegment(log.segments.lastKey() + 1);
            } else {
                log.current = log.segments.lastKey();
                log.position = log.segments.lastEntry().getValue().size();
            }
            return log;
        } catch (IOException e) {
            log.close();
            throw new UncheckedIOException(e);
        }
    }

    boolean contains(String id) {
        return live.containsKey(id);
    }

    /** Live point ids, sorted. */
    List<String> ids() {
        return live.keySet().stream().sorted().toList();
    }

    boolean isEmpty() {
        return live.isEmpty();
    }

    /** The manifest of {@code id}, or null when there is no such point. */
    byte[] read(String id) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Location at = live.get(id);
            if (at == null) {
                return null;
            }
            try {
                if (at.segment() < 0) {
                    return Files.readAllBytes(legacyFile(id));
                }
                return PackFormat.readFully(channel(at.segment()), at.offset(), at.length()).array();
            } catch (NoSuchFileException | ClosedChannelException moved) {
                if (attempt > 0) {
                    throw moved;
                }
                // rewritten or compacted meanwhile: the map names its new place
            }
        }
    }

    /** Where a point's manifest bytes are: a file, an offset in it and a length (for tests that damage them). */
    record Place(Path file, long offset, int length) {
    }

    Place place(String id) {
        Location at = live.get(id);
        if (at == null) {
            return null;
        }
        if (at.segment() < 0) {
            Path file = legacyFile(id);
            try {
                return new Place(file, 0, (int) Files.size(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Place(segmentFile(at.segment()), at.offset(), at.length());
    }

    /** Appends {@code manifest} as the point's content; durable when this returns. */
    void put(String id, byte[] manifest) {
        Appended a = appendPut(id, manifest);
        sync(a.ticket());
        retire(id, a.previous());
    }

    /**
     * Appends {@code manifest} as a new point's content, durable at the next {@link #syncAppended} (or any later
     * sync): writers that defer it share one fdatasync instead of taking turns at theirs. A point that replaces
     * another is made durable at once, before what it replaces is let go.
     */
    void putUnsynced(String id, byte[] manifest) {
        Appended a = appendPut(id, manifest);
        if (a.previous() != null) {
            sync(a.ticket());
            retire(id, a.previous());
        }
    }

    private record Appended(long ticket, Location previous) {
    }

    private synchronized Appended appendPut(String id, byte[] manifest) {
        Location previous = live.get(id);
        live.put(id, append(PUT, id, manifest));
        return new Appended(appended, previous);
    }

    long syncs() {
        return syncs.get();
    }

    /** Makes every record appended so far durable. */
    void syncAppended() {
        long upTo;
        synchronized (this) {
            upTo = appended;
        }
        sync(upTo);
    }

    /** Removes the point; durable when this returns. False when there was none. */
    boolean remove(String id) {
        Removal removal = removeLater(id);
        if (removal == null) {
            return false;
        }
        finish(removal);
        return true;
    }

    /** A point taken out of the log whose removal is not yet durable: {@link #finish} makes it so. */
    record Removal(String id, Location previous, long ticket) {
    }

    /**
     * Takes the point out of the log without waiting for the disk; null when there was none. A caller that holds a
     * lock while removing calls {@link #finish} after releasing it, so that removals from several threads share one
     * fsync instead of taking turns at their own.
     */
    Removal removeLater(String id) {
        synchronized (this) {
            Location previous = live.get(id);
            if (previous == null) {
                return null;
            }
            if (previous.segment() >= 0) {
                Location tombstone = append(DELETE, id, new byte[0]);
                dead.merge(tombstone.segment(), (long) tombstone.recordLength(), Long::sum);
            }
            live.remove(id);
            return new Removal(id, previous, appended);
        }
    }

    /** Makes a removal durable: its delete record synced, or a legacy file unlinked. */
    void finish(Removal removal) {
        if (removal.previous().segment() >= 0) {
            sync(removal.ticket());
        }
        retire(removal.id(), removal.previous());
    }

    /** As {@link #finish}, the delete record left for the next sync. */
    void finishUnsynced(Removal removal) {
        retire(removal.id(), removal.previous());
    }

    /** What a replaced or removed location leaves behind: dead bytes in its segment, or a legacy file to unlink. */
    private void retire(String id, Location previous) {
        if (previous == null) {
            return;
        }
        if (previous.segment() < 0) {
            try {
                Files.deleteIfExists(legacyFile(id));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Durable.syncDirectory(directory);
            return;
        }
        synchronized (this) {
            dead.merge(previous.segment(), (long) previous.recordLength(), Long::sum);
        }
    }

    /**
     * Rewrites the live records of the sealed segments into the current one and removes them, once at least half
     * of their bytes are dead. All sealed segments go together: a delete record left in none could otherwise let an
     * older put come back; never while a damaged segment is kept. Call with the vault's exclusive lock held (nothing
     * appends meanwhile). Returns the bytes freed.
     */
    synchronized long compact() throws IOException {
        List<Integer> sealed = new ArrayList<>(segments.headMap(current, false).keySet());
        // Removing segments beside one that cannot be read could drop a delete whose put it still holds.
        if (sealed.isEmpty() || !unreadable.isEmpty()) {
            return 0;
        }
        long size = 0;
        long deadBytes = 0;
        for (int segment : sealed) {
            size += segments.get(segment).size();
            deadBytes += dead.getOrDefault(segment, 0L);
        }
        if (deadBytes * 2 < size) {
            return 0;
        }
        long rewritten = 0;
        for (var entry : new ArrayList<>(live.entrySet())) {
            Location at = entry.getValue();
            if (at.segment() >= 0 && at.segment() != current) {
                byte[] manifest = PackFormat.readFully(segments.get(at.segment()), at.offset(), at.length()).array();
                Location moved = append(PUT, entry.getKey(), manifest);
                live.put(entry.getKey(), moved);
                rewritten += moved.recordLength();
            }
        }
        long upTo = appended;
        segments.get(current).force(false);
        durable = Math.max(durable, upTo);
        for (int segment : sealed) {
            segments.remove(segment).close();
            dead.remove(segment);
            Files.deleteIfExists(segmentFile(segment));
        }
        Durable.syncDirectory(directory);
        return size - rewritten;
    }

    @Override
    public synchronized void close() {
        for (FileChannel channel : segments.values()) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing
            }
        }
        segments.clear();
    }

    /** Appends one record to the current segment (a new one past the limit); caller holds this object's lock. */
    private Location append(byte kind, String id, byte[] manifest) {
        byte[] name = id.getBytes(StandardCharsets.UTF_8);
        int payload = 2 + name.length + manifest.length;
        ByteBuffer record = ByteBuffer.allocate(FRAMING + payload);
        record.put(kind).putInt(payload).putShort((short) name.length).put(name).put(manifest);
        CRC32C crc = new CRC32C();
        crc.update(record.array(), 0, record.position());
        record.putInt((int) crc.getValue()).flip();
        try {
            if (position + record.remaining() > segmentLimit && position > HEADER.length) {
                // everything appended so far is durable before the next segment takes appends
                long upTo = appended;
                segments.get(current).force(false);
                durable = Math.max(durable, upTo);
                startSegment(current + 1);
            }
            long start = position;
            FileChannel channel = segments.get(current);
            while (record.hasRemaining()) {
                position += channel.write(record, position);
            }
            appended++;
            // the manifest follows kind (1), length (4), the id's length (2) and the id
            return new Location(current, start + 7 + name.length, manifest.length, FRAMING + payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Group commit: one fdatasync that began after a caller's append serves it. */
    private void sync(long ticket) {
        if (durable >= ticket) {
            return;
        }
        syncing.lock();
        try {
            if (durable >= ticket) {
                return;
            }
            long upTo;
            FileChannel channel;
            synchronized (this) {
                upTo = appended;
                channel = segments.get(current);
            }
            if (channel == null) {
                return; // closed
            }
            channel.force(false);
            syncs.incrementAndGet();
            durable = Math.max(durable, upTo);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            syncing.unlock();
        }
    }

    private void startSegment(int number) throws IOException {
        Path file = segmentFile(number);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        channel.write(ByteBuffer.wrap(HEADER), 0);
        channel.force(true);
        segments.put(number, channel);
        current = number;
        position = HEADER.length;
        Durable.syncDirectory(directory);
    }

    /** Applies a segment's records; a damaged or torn record ends it (cut off when it is the last segment). */
    private void replay(int segment, FileChannel channel, boolean last, java.util.Set<String> mentioned)
            throws IOException {
        long size = channel.size();
        if (last && size <= HEADER.length) {
            // a crash while the segment was being started: start it again
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(HEADER), 0);
            channel.force(true);
            return;
        }
        // One read of the whole segment (16 MiB and one record at most): a vault's years of points open in a
        // sequential pass, not two reads per record.
        byte[] bytes = PackFormat.readFully(channel, 0, (int) Math.min(size, Integer.MAX_VALUE)).array();
        ByteBuffer all = ByteBuffer.wrap(bytes);
        int at = HEADER.length;
        boolean headerOk = size >= HEADER.length
                && java.util.Arrays.equals(java.util.Arrays.copyOf(bytes, HEADER.length), HEADER);
        while (headerOk && (long) at + FRAMING + 2 <= size) {
            byte kind = all.get(at);
            int payload = all.getInt(at + 1);
            if ((kind != PUT && kind != DELETE) || payload < 2 || payload > MAX_PAYLOAD
                    || (long) at + FRAMING + payload > size) {
                break;
            }
            CRC32C crc = new CRC32C();
            crc.update(bytes, at, 5 + payload);
            if ((int) crc.getValue() != all.getInt(at + 5 + payload)) {
                break;
            }
            int nameLength = Short.toUnsignedInt(all.getShort(at + 5));
            if (2 + nameLength > payload) {
                break;
            }
            String id = new String(bytes, at + 7, nameLength, StandardCharsets.UTF_8);
            mentioned.add(id);
            Location previous = live.get(id);
            if (previous != null && previous.segment() >= 0) {
                dead.merge(previous.segment(), (long) previous.recordLength(), Long::sum);
            }
            int recordLength = FRAMING + payload;
            if (kind == PUT) {
                live.put(id, new Location(segment, at + 7 + nameLength, payload - 2 - nameLength, recordLength));
            } else {
                live.remove(id);
                dead.merge(segment, (long) recordLength, Long::sum);
            }
            at += recordLength;
        }
        if (at < size || !headerOk) {
            if (last && headerOk) {
                LOG.log(Level.WARNING, "points log " + segmentFile(segment) + ": a torn record at " + at
                        + " (an append cut short by a crash) is cut off");
                channel.truncate(at);
                channel.force(true);
            } else {
                LOG.log(Level.WARNING, "points log " + segmentFile(segment) + " is damaged at " + at
                        + "; the records after it are not read");
                lastUnreadable = last;
                unreadable.add(segment);
            }
        }
    }

    private FileChannel channel(int segment) throws IOException {
        synchronized (this) {
            FileChannel channel = segments.get(segment);
            if (channel == null) {
                throw new NoSuchFileException(segmentFile(segment).toString());
            }
            return channel;
        }
    }

    private Path segmentFile(int number) {
        return directory.resolve(String.format("%08d", number) + SUFFIX);
    }

    private Path legacyFile(String id) {
        return directory.resolve(id + VaultLayout.POINT_SUFFIX);
    }
}
