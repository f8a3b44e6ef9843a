package io.strongroom.efs;

import io.strongroom.efs.codec.EfsCodecs;
import io.strongroom.resource.LocalFiles;
import io.strongroom.resource.SnapshotData;
import io.strongroom.resource.SnapshotStreams;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The data plane of EFS file systems: a file system's content is the directory {@code <root>/<fs-id>/}, which
 * users fill with ordinary tools. Only regular files and directories are content: symbolic links (and devices,
 * pipes, sockets) are neither followed nor backed up, and a path through a link is refused, so the server never
 * reads or writes outside the tree. Restores into an existing file system are staged under
 * {@code <root>/.restores/} and moved into place once their transaction has committed.
 */
final class FileTrees {
    private static final Pattern DIRECTORY_NAME = Pattern.compile("(fs-[0-9a-f]+)");
    private static final String STAGING = ".restores";

    private final Path root;

    FileTrees(Path root) {
        this.root = root;
    }

    /** A file system's regular files (path to content) and directories, paths relative to its root. */
    record Tree(Map<String, byte[]> files, List<String> directories) {
    }

    Path directory(String fsId) {
        return root.resolve(fsId);
    }

    /**
     * Creates the directory of a new file system, empty. One already there belongs to no file system: a
     * transaction that rolled back left it, and ids are handed out again after a rollback.
     */
    void create(String fsId) {
        Path dir = directory(fsId);
        LocalFiles.deleteTree(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        LocalFiles.syncDirectory(root);
    }

    void delete(String fsId) {
        LocalFiles.deleteTree(directory(fsId));
    }

    /** Creates or replaces a file at a normalized path, making its directories. */
    void write(String fsId, String path, byte[] content) {
        write(directory(fsId), path, content);
    }

    Optional<byte[]> read(String fsId, String path) {
        Path file = resolve(directory(fsId), path);
        BasicFileAttributes attributes = LocalFiles.attributes(file);
        if (attributes == null || !attributes.isRegularFile()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Every regular file's path, in order. */
    List<String> paths(String fsId) {
        return new ArrayList<>(walk(fsId, false).files().keySet());
    }

    /** The sum of the regular files' sizes. */
    long size(String fsId) {
        long[] total = {0};
        visit(directory(fsId), (path, attributes) -> total[0] += attributes.size(), dir -> { });
        return total[0];
    }

    /** The whole tree with every file's content (tools and tests; snapshots stream). */
    Tree read(String fsId) {
        return walk(fsId, true);
    }

    /** The tree's directories and regular files' paths, without content (null values). */
    Tree outline(String fsId) {
        return walk(fsId, false);
    }

    /**
     * A snapshot's entries for {@code paths}, each file read as the stream is consumed, then the end. A file gone
     * or no longer regular by then is left out; one changing while read keeps the length it had when opened.
     */
    InputStream entries(String fsId, java.util.Collection<String> paths) {
        Path base = directory(fsId);
        Iterator<SnapshotData> files = paths.stream().<SnapshotData>map(path -> () -> {
            FileChannel channel = LocalFiles.openRead(resolve(base, path));
            if (channel == null) {
                return InputStream.nullInputStream();
            }
            long length = channel.size();
            return new SequenceInputStream(new ByteArrayInputStream(EfsCodecs.fileEntry(path, length)),
                    LocalFiles.stream(channel, length));
        }).iterator();
        Iterator<SnapshotData> end = List.<SnapshotData>of(SnapshotData.of(EfsCodecs.end())).iterator();
        return SnapshotStreams.concat(concat(files, end));
    }

    private static <T> Iterator<T> concat(Iterator<T> first, Iterator<T> second) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return first.hasNext() || second.hasNext();
            }

            @Override
            public T next() {
                return first.hasNext() ? first.next() : second.next();
            }
        };
    }

    private Tree walk(String fsId, boolean withContent) {
        Path base = directory(fsId);
        Map<String, byte[]> files = new TreeMap<>();
        List<String> directories = new ArrayList<>();
        visit(base, (file, attributes) -> files.put(relative(base, file), withContent ? bytes(file) : null),
                dir -> directories.add(relative(base, dir)));
        return new Tree(files, directories);
    }

    private interface RegularFiles {
        void visit(Path file, BasicFileAttributes attributes);
    }

    /** Visits regular files and directories below {@code base}; links are not followed, other kinds skipped. */
    private static void visit(Path base, RegularFiles files, Consumer<Path> directories) {
        BasicFileAttributes top = LocalFiles.attributes(base);
        if (top == null || !top.isDirectory()) {
            return;
        }
        try {
            Files.walkFileTree(base, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(base)) {
                        directories.accept(dir);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        files.visit(file, attrs);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + base, e);
        }
    }

    /** Whether a top-level name is taken, in the file system or by a restore staged for it. */
    boolean taken(String fsId, String name) {
        return LocalFiles.attributes(directory(fsId).resolve(name)) != null
                || LocalFiles.attributes(staging(fsId).resolve(name)) != null;
    }

    /**
     * Writes the selected part of a tree under {@code <fs>/<name>}: straight into the file system when
     * {@code staged} is false (a file system this transaction created), else into the staging area, for
     * {@link #publish} once committed.
     */
    void restore(String fsId, String name, EfsCodecs.FileSystemStream snapshot, Predicate<String> selected,
                 boolean staged) throws IOException {
        Path base = (staged ? staging(fsId) : directory(fsId)).resolve(name);
        try {
            Files.createDirectories(base);
            for (String dir : snapshot.directories()) {
                if (selected.test(dir)) {
                    Files.createDirectories(resolve(base, dir));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the restore directory " + base, e);
        }
        for (EfsCodecs.FileEntry file = snapshot.next(); file != null; file = snapshot.next()) {
            if (!relativePath(file.path())) {
                throw SnapshotStreams.malformed("EFS", "a file outside the file system: " + file.path());
            }
            if (selected.test(file.path())) {
                write(base, file.path(), file.content());
            } else {
                SnapshotStreams.drain(file.content());
            }
        }
    }

    /** Moves a staged restore into its file system (if the file system still exists). */
    void publish(String fsId, String name) {
        Path staged = staging(fsId).resolve(name);
        Path target = directory(fsId).resolve(name);
        try {
            if (Files.isDirectory(directory(fsId))) {
                Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
                LocalFiles.syncDirectory(directory(fsId));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the restore " + staged + " to " + target, e);
        } finally {
            LocalFiles.deleteTree(staged);
        }
    }

    /** Deletes the directories of file systems that do not exist, and every staged restore. */
    void removeOrphans(Set<String> fsIds) {
        LocalFiles.removeOrphans(root, DIRECTORY_NAME, fsIds);
        LocalFiles.deleteTree(root.resolve(STAGING));
    }

    private Path staging(String fsId) {
        return root.resolve(STAGING).resolve(fsId);
    }

    private static void write(Path base, String path, byte[] content) {
        write(base, path, new ByteArrayInputStream(content));
    }

    private static void write(Path base, String path, InputStream content) {
        Path file = resolve(base, path);
        try {
            Files.createDirectories(file.getParent());
        } catch (FileAlreadyExistsException e) {
            throw EfsErrors.badRequest("Invalid file path: " + path + " (a part of it is a file)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directories of " + file, e);
        }
        BasicFileAttributes existing = LocalFiles.attributes(file);
        if (existing != null && existing.isDirectory()) {
            throw EfsErrors.badRequest("Invalid file path: " + path + " (it is a directory)");
        }
        LocalFiles.write(file, content);
    }

    /** A normalized path below {@code base}; one passing through a symbolic link is refused. */
    private static Path resolve(Path base, String path) {
        Path p = base;
        for (String segment : path.split("/")) {
            p = p.resolve(segment);
            BasicFileAttributes attributes = LocalFiles.attributes(p);
            if (attributes != null && attributes.isSymbolicLink()) {
                throw EfsErrors.badRequest("Invalid file path: " + path + " (it passes through a symbolic link)");
            }
        }
        return p;
    }

    /** Whether a snapshot's path stays below the restore's directory: no empty, "." or ".." segment. */
    private static boolean relativePath(String path) {
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.indexOf('\0') >= 0) {
                return false;
            }
        }
        return true;
    }

    private static String relative(Path base, Path p) {
        return base.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
