package io.strongroom.resource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * File operations shared by the resource types whose data lives in files under the data directory (EBS volumes,
 * EFS file systems). None of them follows a symbolic link: the user owns those files and may put links there,
 * and the server must never read or write outside the tree through one.
 */
public final class LocalFiles {
    private LocalFiles() {
    }

    /**
     * Creates or replaces the regular file {@code file} with {@code bytes}, durably: the content and the directory
     * entry are on disk when this returns, so a transaction committed afterwards never refers to lost bytes.
     */
    public static void write(Path file, byte[] bytes) {
        write(file, new java.io.ByteArrayInputStream(bytes));
    }

    /** As {@link #write(Path, byte[])}, from a stream read to its end a buffer at a time; returns the length. */
    public static long write(Path file, java.io.InputStream content) {
        try {
            Files.createDirectories(file.getParent());
            long written = 0;
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)) {
                byte[] chunk = new byte[1 << 20];
                for (int n; (n = content.readNBytes(chunk, 0, chunk.length)) > 0; ) {
                    ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, n);
                    while (buffer.hasRemaining()) {
                        out.write(buffer);
                    }
                    written += n;
                }
                out.force(true);
            }
            syncDirectory(file.getParent());
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Opens a regular file for reading without following a link in its place; null when nothing is there. */
    public static FileChannel openRead(Path file) throws IOException {
        try {
            return FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * The first {@code length} bytes of an open file (null: no file) as a stream read as it is consumed, which
     * closes the file. A file shrunk meanwhile reads as zeros past its end: the stream holds exactly {@code length}
     * bytes, as the snapshot that framed them announced.
     */
    public static java.io.InputStream stream(FileChannel channel, long length) {
        java.io.InputStream file = channel == null ? java.io.InputStream.nullInputStream()
                : java.nio.channels.Channels.newInputStream(channel);
        return new java.io.InputStream() {
            private long position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (position >= length) {
                    return -1;
                }
                int want = (int) Math.min(len, length - position);
                int n = file.read(b, off, want);
                if (n < 0) {
                    java.util.Arrays.fill(b, off, off + want, (byte) 0);
                    n = want;
                }
                position += n;
                return n;
            }

            @Override
            public void close() throws IOException {
                file.close();
            }
        };
    }

    /** Makes the entries of a directory (files created, renamed or removed in it) durable. */
    public static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync " + dir, e);
        }
    }

    /** The attributes of {@code path} itself (a link is a link), or null when nothing is there. */
    public static BasicFileAttributes attributes(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the attributes of " + path, e);
        }
    }

    /** Deletes a file, link or directory tree; links are removed, never followed. Nothing there is fine. */
    public static void deleteTree(Path path) {
        BasicFileAttributes attributes = attributes(path);
        if (attributes == null) {
            return;
        }
        try {
            if (!attributes.isDirectory()) {
                Files.deleteIfExists(path);
                return;
            }
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }

    /**
     * Deletes the entries of {@code dir} whose names match {@code idName} (group 1 is a resource id) for ids not
     * in {@code known}: what a crash or a rolled-back transaction left behind. Other entries are left alone.
     */
    public static void removeOrphans(Path dir, Pattern idName, Set<String> known) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                Matcher m = idName.matcher(entry.getFileName().toString());
                if (m.matches() && !known.contains(m.group(1))) {
                    deleteTree(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
