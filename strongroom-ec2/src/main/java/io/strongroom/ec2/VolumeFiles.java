package io.strongroom.ec2;

import io.strongroom.resource.LocalFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The data plane of EBS volumes: a volume's bytes are the regular file {@code <root>/<vol-id>.img}, which users
 * read and write with ordinary tools ({@code dd conv=notrunc}, {@code cp}). The file starts empty; bytes past its
 * end read as zeros up to the volume's size, and bytes a user writes past the volume's size are not part of the
 * volume (never read back, never backed up). A symbolic link in place of the file is never followed.
 */
final class VolumeFiles {
    private static final Pattern FILE_NAME = Pattern.compile("(vol-[0-9a-f]+)\\.img");
    /** What one byte[] can hold (the getData of tests and tools; snapshots stream). */
    private static final long MAX_BYTES = Integer.MAX_VALUE - 8;
    private static final int CHUNK = 1 << 20;

    private final Path root;

    VolumeFiles(Path root) {
        this.root = root;
    }

    Path file(String volumeId) {
        return root.resolve(volumeId + ".img");
    }

    /**
     * Creates the file of a new volume, empty. A file already there belongs to no volume: a transaction that
     * rolled back left it, and ids are handed out again after a rollback.
     */
    void create(String volumeId) {
        LocalFiles.write(file(volumeId), new byte[0]);
    }

    void replace(String volumeId, byte[] bytes) {
        LocalFiles.write(file(volumeId), bytes);
    }

    /** Replaces the volume's bytes with a stream's, a buffer at a time; returns how many were written. */
    long replace(String volumeId, InputStream content) {
        return LocalFiles.write(file(volumeId), content);
    }

    /**
     * How many bytes a snapshot keeps: the file's first {@code limit} bytes at most, without trailing zeros, which
     * read as zeros anyway, so a snapshot of a file made sparse at the volume's full size holds only what was written.
     */
    long writtenLength(String volumeId, long limit) {
        try (FileChannel in = open(volumeId)) {
            return in == null ? 0 : endOfData(in, Math.min(in.size(), limit));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file(volumeId), e);
        }
    }

    /**
     * The file's first {@code length} bytes as a stream, read as it is consumed; a file shrunk meanwhile reads as
     * zeros past its end, so the stream always holds exactly {@code length} bytes.
     */
    InputStream stream(String volumeId, long length) throws IOException {
        return LocalFiles.stream(open(volumeId), length);
    }

    void delete(String volumeId) {
        LocalFiles.deleteTree(file(volumeId));
    }

    /** The volume's bytes: the file's first {@code limit} bytes at most (none when there is no file). */
    byte[] read(String volumeId, long limit) {
        try (FileChannel in = open(volumeId)) {
            if (in == null) {
                return new byte[0];
            }
            long end = Math.min(in.size(), limit);
            if (end > MAX_BYTES) {
                throw new IllegalStateException("Volume " + volumeId + " holds " + end + " bytes of data; "
                        + "Strongroom reads at most " + MAX_BYTES + " bytes of a volume into memory.");
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) end);
            while (buffer.hasRemaining() && in.read(buffer, buffer.position()) >= 0) {
                // read until full; a file shrunk meanwhile leaves zeros
            }
            return buffer.array();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file(volumeId), e);
        }
    }

    /** How many of the volume's bytes the file holds. */
    long length(String volumeId, long limit) {
        try (FileChannel in = open(volumeId)) {
            return in == null ? 0 : Math.min(in.size(), limit);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file(volumeId), e);
        }
    }

    /** Deletes the files of volumes that do not exist. */
    void removeOrphans(Set<String> volumeIds) {
        LocalFiles.removeOrphans(root, FILE_NAME, volumeIds);
    }

    /** The position after the last non-zero byte before {@code end}, scanning backwards a chunk at a time. */
    private static long endOfData(FileChannel in, long end) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
        long position = end;
        while (position > 0) {
            long start = Math.max(0, position - CHUNK);
            chunk.clear().limit((int) (position - start));
            while (chunk.hasRemaining() && in.read(chunk, start + chunk.position()) >= 0) {
                // fill the chunk
            }
            for (int i = chunk.position() - 1; i >= 0; i--) {
                if (chunk.get(i) != 0) {
                    return start + i + 1;
                }
            }
            position = start;
        }
        return 0;
    }

    private FileChannel open(String volumeId) throws IOException {
        return LocalFiles.openRead(file(volumeId));
    }
}
