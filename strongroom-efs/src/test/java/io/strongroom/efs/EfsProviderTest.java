package io.strongroom.efs;

import io.strongroom.resource.ResourceProvider;
import io.strongroom.resource.ResourceProviderContract;
import io.strongroom.storage.Store;
import io.strongroom.storage.jdbc.StoreFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract's "name" of a file system is its CreationToken: restoring with {@code newFileSystem=true} and
 * a token in use is refused. Restored files sit under {@code aws-backup-restore_<datetime>/}; readData
 * renders paths without that directory so a restore compares equal to the snapshot's moment.
 */
class EfsProviderTest extends ResourceProviderContract {
    @TempDir
    Path dir;
    EfsService efs;

    @Override
    protected Store newStore() {
        return StoreFactory.open(dir.resolve("store.db").toString());
    }

    @Override
    protected ResourceProvider newProvider(Store store) {
        // Ids from a store sequence, as the server's: a rolled-back transaction hands its id out again.
        efs = new EfsService(Clock.fixed(Instant.parse("2027-02-01T10:20:30Z"), ZoneOffset.UTC),
                tx -> String.format("%017x", tx.nextSequence("ids")), dir.resolve("efs"));
        return new EfsProvider(efs);
    }

    /** The files go into the file system's directory as a user's {@code cp} would put them. */
    @Override
    protected String createResourceWithData(String name, Map<String, String> tags) {
        FileSystem fs = create(name, tags);
        write(fs.id(), "etc/app.conf", "mode=prod");
        write(fs.id(), "data/orders.csv", "1,2,3");
        return fs.arn();
    }

    private FileSystem create(String token, Map<String, String> tags) {
        return store.write(tx -> efs.createFileSystem(tx, ACCOUNT, REGION, new Inputs.CreateFileSystem(token, null,
                null, null, null, null, tags)));
    }

    private void write(String fsId, String path, String content) {
        try {
            Path file = efs.directory(fsId).resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void changeData(String arn) {
        write(EfsService.idOf(arn), "data/orders.csv", "changed");
    }

    /** Every file and directory read from the directory itself, without the restore directory's name. */
    @Override
    protected Object readData(String arn) {
        Path root = efs.directory(EfsService.idOf(arn));
        Map<String, String> out = new TreeMap<>();
        try (var paths = Files.walk(root)) {
            for (Path p : paths.filter(p -> !p.equals(root)).toList()) {
                String name = root.relativize(p).toString()
                        .replaceFirst("^" + EfsProvider.RESTORE_DIRECTORY_PREFIX + "[0-9_]+/?", "");
                if (!name.isEmpty()) {
                    out.put(name, Files.isDirectory(p) ? "<dir>" : Files.readString(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Override
    protected Map<String, String> restoreMetadataFor(String newName) {
        return Map.of("newFileSystem", "true", "CreationToken", newName);
    }

    private long sizeOf(String fsId) {
        return store.read(tx -> efs.sizeBytes(tx, fsId));
    }

    private java.util.List<String> filesOf(String fsId) {
        return store.read(tx -> efs.listFiles(tx, fsId));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void restoresIntoTheExistingFileSystemUnderANewDirectoryEachTime() {
        String arn = createResourceWithData("in-place", Map.of("Backup", "daily"));
        var snapshot = store.read(tx -> provider.snapshot(tx, arn).inMemory());
        assertThat(snapshot.restoreMetadata()).containsEntry("file-system-id", EfsService.idOf(arn));
        changeData(arn);
        var restored = store.write(tx -> provider.restore(tx, ACCOUNT, REGION, snapshot,
                Map.of("file-system-id", EfsService.idOf(arn), "newFileSystem", "false")));
        assertThat(restored.arn()).isEqualTo(arn);
        store.write(tx -> provider.restore(tx, ACCOUNT, REGION, snapshot,
                Map.of("File-System-Id", EfsService.idOf(arn), "ItemsToRestore", "[\"/etc\"]")));
        var files = store.read(tx -> efs.allFiles(tx, EfsService.idOf(arn)));
        assertThat(files.keySet()).containsExactly("aws-backup-restore_20270201102030/data/orders.csv",
                "aws-backup-restore_20270201102030/etc/app.conf",
                "aws-backup-restore_20270201102030_1/etc/app.conf", "data/orders.csv", "etc/app.conf");
        assertThat(new String(files.get("aws-backup-restore_20270201102030/data/orders.csv"))).isEqualTo("1,2,3");
        assertThat(new String(files.get("data/orders.csv"))).isEqualTo("changed");
    }

    @Test
    void aFileOverTwentyMillionBase64CharactersReadsBackAndRestores() {
        // Jackson caps a string at 20 M characters by default: 16 MiB is 22.4 M characters of base64.
        byte[] big = new byte[16 * 1024 * 1024];
        new java.util.Random(7).nextBytes(big);
        String arn = createResourceWithData("large", Map.of());
        store.write(tx -> {
            efs.putFile(tx, EfsService.idOf(arn), "data/big.bin", big);
            return null;
        });
        assertThat(store.read(tx -> efs.getFile(tx, EfsService.idOf(arn), "data/big.bin")).orElseThrow())
                .isEqualTo(big);
        var snapshot = store.read(tx -> provider.snapshot(tx, arn).inMemory());
        var restored = store.write(tx -> provider.restore(tx, ACCOUNT, REGION, snapshot,
                restoreMetadataFor("large-copy")));
        var files = store.read(tx -> efs.allFiles(tx, EfsService.idOf(restored.arn())));
        assertThat(files.entrySet()).filteredOn(e -> e.getKey().endsWith("/data/big.bin")).singleElement()
                .satisfies(e -> assertThat(e.getValue()).isEqualTo(big));
    }

    @Test
    void refusesARestoreIntoAMissingFileSystem() {
        String arn = createResourceWithData("gone", Map.of());
        var snapshot = store.read(tx -> provider.snapshot(tx, arn).inMemory());
        assertThatThrownBy(() -> store.write(tx -> provider.restore(tx, ACCOUNT, REGION, snapshot,
                Map.of("file-system-id", "fs-00000000000000999"))))
                .isInstanceOf(ResourceProvider.RestoreRejected.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> store.write(tx -> provider.restore(tx, ACCOUNT, REGION, snapshot, Map.of())))
                .isInstanceOf(ResourceProvider.RestoreRejected.class);
    }

    @Test
    void aNewFileSystemFromARestoreKeepsTheConfigurationButNotTheTags() {
        String arn = createResourceWithData("configured", Map.of("Name", "web"));
        var snapshot = store.read(tx -> provider.snapshot(tx, arn).inMemory());
        var restored = store.write(tx -> provider.restore(tx, ACCOUNT, REGION, snapshot,
                Map.of("newFileSystem", "true", "PerformanceMode", "maxIO", "Encrypted", "true")));
        FileSystem fs = store.read(tx -> efs.find(tx, restored.name()).orElseThrow());
        assertThat(fs.performanceMode()).isEqualTo("maxIO");
        assertThat(fs.encrypted()).isTrue();
        assertThat(fs.kmsKeyId()).endsWith(":alias/aws/elasticfilesystem");
        assertThat(fs.tags()).isEmpty();
        assertThat(fs.restoredFrom()).isEqualTo(arn);
    }

    @Test
    void theDirectoryIsMadeWithTheFileSystemAndRemovedOnceItsDeletionCommits() {
        FileSystem fs = create("lifecycle", Map.of());
        Path root = dir.resolve("efs").resolve(fs.id());
        assertThat(efs.directory(fs.id())).isEqualTo(root);
        assertThat(root).isEmptyDirectory();
        write(fs.id(), "a/b.txt", "hello");
        assertThat(sizeOf(fs.id())).isEqualTo(5);
        assertThatThrownBy(() -> store.write(tx -> {
            efs.deleteFileSystem(tx, ACCOUNT, REGION, fs.id());
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");
        assertThat(root.resolve("a/b.txt")).hasContent("hello");
        store.write(tx -> efs.deleteFileSystem(tx, ACCOUNT, REGION, fs.id()));
        assertThat(root).doesNotExist();
    }

    @Test
    void aRolledBackRestoreLeavesNothingInTheTreeAndStartUpClearsWhatRollbacksLeft() {
        String arn = createResourceWithData("staged", Map.of());
        String id = EfsService.idOf(arn);
        var snapshot = store.read(tx -> provider.snapshot(tx, arn).inMemory());
        assertThatThrownBy(() -> store.write(tx -> {
            provider.restore(tx, ACCOUNT, REGION, snapshot, Map.of("file-system-id", id));
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");
        assertThatThrownBy(() -> store.write(tx -> {
            efs.createFileSystem(tx, ACCOUNT, REGION, new Inputs.CreateFileSystem("never", null, null, null, null,
                    null, Map.of()));
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");
        Path orphan = dir.resolve("efs").resolve("fs-00000000000000002");
        assertThat(orphan).isDirectory();
        assertThat(filesOf(id)).containsExactly("data/orders.csv", "etc/app.conf");

        store.write(tx -> {
            efs.reconcile(tx);
            return null;
        });
        assertThat(orphan).doesNotExist();
        assertThat(dir.resolve("efs").resolve(".restores")).doesNotExist();
        assertThat(efs.directory(id).resolve("etc/app.conf")).hasContent("mode=prod");
        store.write(tx -> provider.restore(tx, ACCOUNT, REGION, snapshot, Map.of("file-system-id", id)));
        assertThat(efs.directory(id).resolve("aws-backup-restore_20270201102030/etc/app.conf")).hasContent("mode=prod");
    }

    @Test
    void emptyDirectoriesAreKeptAndSymbolicLinksNeitherFollowedNorKept() throws IOException {
        FileSystem fs = create("links", Map.of());
        Path root = efs.directory(fs.id());
        Files.createDirectories(root.resolve("empty/inner"));
        write(fs.id(), "real.txt", "inside");
        Path outside = dir.resolve("outside");
        Files.createDirectories(outside);
        Files.writeString(outside.resolve("secret.txt"), "outside the tree");
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(root.resolve("secret.txt"), outside.resolve("secret.txt"));

        var snapshot = store.read(tx -> provider.snapshot(tx, fs.arn()).inMemory());
        var data = io.strongroom.efs.codec.EfsCodecs.readFileSystem(snapshot.data().open());
        java.util.List<String> files = new java.util.ArrayList<>();
        for (var file = data.next(); file != null; file = data.next()) {
            files.add(file.path());
            file.content().readAllBytes();
        }
        assertThat(files).containsExactly("real.txt");
        assertThat(data.directories()).containsExactly("empty", "empty/inner");
        assertThat(sizeOf(fs.id())).isEqualTo(6);
        assertThatThrownBy(() -> store.read(tx -> efs.getFile(tx, fs.id(), "escape/secret.txt")))
                .hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> store.read(tx -> {
            efs.putFile(tx, fs.id(), "escape/planted.txt", bytes("no"));
            return null;
        })).hasMessageContaining("symbolic link");
        assertThat(outside.resolve("planted.txt")).doesNotExist();

        var restored = store.write(tx -> provider.restore(tx, ACCOUNT, REGION, snapshot,
                Map.of("newFileSystem", "true")));
        Path copy = efs.directory(restored.name()).resolve("aws-backup-restore_20270201102030");
        assertThat(copy.resolve("empty/inner")).isEmptyDirectory();
        assertThat(copy.resolve("real.txt")).hasContent("inside");
        assertThat(copy.resolve("escape")).doesNotExist();
    }
}
