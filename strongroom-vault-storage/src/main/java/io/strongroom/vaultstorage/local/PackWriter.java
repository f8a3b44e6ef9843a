package io.strongroom.vaultstorage.local;

import io.strongroom.vaultstorage.chunk.ChunkId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one pack beside its final name ({@link VaultLayout#scratchFor}); {@link #finish()} appends the trailer,
 * fsyncs and renames it into place. Until then the pack is invisible, and a crash leaves only a scratch file that the
 * next collection removes. The caller fsyncs the packs directory once before publishing a manifest.
 */
final class PackWriter {
    private final String name;
    private final Path scratch;
    private final Path target;
    private final FileChannel channel;
    private final List<PackEntry> entries = new ArrayList<>();
    private long size;

    PackWriter(VaultLayout layout, String name) {
        this.name = name;
        this.target = layout.pack(name);
        this.scratch = VaultLayout.scratchFor(target);
        try {
            this.channel = FileChannel.open(scratch, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            write(ByteBuffer.wrap(PackFormat.HEADER));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return name;
    }

    long size() {
        return size;
    }

    List<PackEntry> entries() {
        return entries;
    }

    PackEntry append(ChunkId id, byte[] record, int plainLength) {
        PackEntry entry = new PackEntry(id, size, record.length, plainLength);
        try {
            write(ByteBuffer.wrap(record));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        entries.add(entry);
        return entry;
    }

    /** Trailer, fsync, close, rename into the packs directory. */
    void finish() {
        try {
            write(PackFormat.trailer(entries));
            channel.force(true);
            channel.close();
        } catch (IOException e) {
            abandon();
            throw new UncheckedIOException(e);
        }
        Durable.move(scratch, target);
    }

    /** Closes and deletes the scratch file (best effort: the next collection removes what is left). */
    void abandon() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the scratch file is garbage either way
        }
        try {
            java.nio.file.Files.deleteIfExists(scratch);
        } catch (IOException ignored) {
            // removed by the next collection
        }
    }

    private void write(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            size += channel.write(buffer);
        }
    }
}
