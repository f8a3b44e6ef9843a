package io.strongroom.vaultstorage.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a vault's files live: {@code <root>/vaults/<vault>/} holds {@code vault.key} (the wrapped data key),
 * {@code packs/<name>.pack}, {@code points/<recovery point id>.point} (the manifests) and {@code scratch/}
 * (files being written; nothing there is ever referenced).
 */
record VaultLayout(Path directory) {
    static final String POINT_SUFFIX = ".point";
    static final String PACK_SUFFIX = ".pack";

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

    Path point(String recoveryPointId) {
        return points().resolve(recoveryPointId + POINT_SUFFIX);
    }

    Path scratch(String fileName) {
        return scratchDirectory().resolve(fileName);
    }

    void create() {
        try {
            Files.createDirectories(packs());
            Files.createDirectories(points());
            Files.createDirectories(scratchDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Path> packFiles() {
        return list(packs(), PACK_SUFFIX);
    }

    List<String> pointIds() {
        return list(points(), POINT_SUFFIX).stream()
                .map(p -> p.getFileName().toString())
                .map(n -> n.substring(0, n.length() - POINT_SUFFIX.length()))
                .sorted()
                .toList();
    }

    List<Path> scratchFiles() {
        return list(scratchDirectory(), "");
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
