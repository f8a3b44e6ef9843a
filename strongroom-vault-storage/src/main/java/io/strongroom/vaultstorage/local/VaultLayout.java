package io.strongroom.vaultstorage.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a vault's files live: {@code <root>/vaults/<vault>/} holds {@code vault.key} (the wrapped data key),
 * {@code packs/<name>.pack} and {@code points/} (the manifests: a {@link PointLog}, and {@code <id>.point} files
 * written before it). A file being written is its target's name plus {@code .tmp}, in the target's directory, and is
 * never referenced: renaming it within one directory takes that directory's lock alone, where a rename from another
 * directory also takes the file system's rename lock, which every concurrent writer of every vault then queued on
 * (D78). {@code scratch/} held such files before; what a crash left there is still removed.
 */
record VaultLayout(Path directory) {
    static final String POINT_SUFFIX = ".point";
    static final String PACK_SUFFIX = ".pack";
    static final String SCRATCH_SUFFIX = ".tmp";

    Path keyFile() {
        return directory.resolve("vault.key");
    }

    Path packs() {
        return directory.resolve("packs");
    }

    Path points() {
        return directory.resolve("points");
    }

    Path scratchDirectory() {
        return directory.resolve("scratch");
    }

    Path pack(String name) {
        return packs().resolve(name + PACK_SUFFIX);
    }

    /** Where {@code target} is written before it is renamed into place. */
    static Path scratchFor(Path target) {
        return target.resolveSibling(target.getFileName() + SCRATCH_SUFFIX);
    }

    void create() {
        try {
            Files.createDirectories(packs());
            Files.createDirectories(points());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Path> packFiles() {
        return list(packs(), PACK_SUFFIX);
    }

    List<Path> scratchFiles() {
        List<Path> files = new java.util.ArrayList<>(list(scratchDirectory(), ""));
        files.addAll(list(directory, SCRATCH_SUFFIX));
        files.addAll(list(packs(), SCRATCH_SUFFIX));
        files.addAll(list(points(), SCRATCH_SUFFIX));
        return files;
    }

    private static List<Path> list(Path directory, String suffix) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
