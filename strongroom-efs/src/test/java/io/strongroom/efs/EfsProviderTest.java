package io.strongroom.efs;

import io.strongroom.resource.ResourceProvider;
import io.strongroom.resource.ResourceProviderContract;
import io.strongroom.storage.Store;
import io.strongroom.storage.jdbc.StoreFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

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
        AtomicInteger ids = new AtomicInteger();
        efs = new EfsService(Clock.fixed(Instant.parse("2027-02-01T10:20:30Z"), ZoneOffset.UTC),
                tx -> String.format("%017x", ids.incrementAndGet()));
        return new EfsProvider(efs);
    }

    @Override
    protected String createResourceWithData(String name, Map<String, String> tags) {
        return store.write(tx -> {
            FileSystem fs = efs.createFileSystem(tx, ACCOUNT, REGION, new Inputs.CreateFileSystem(name, null,
                    null, null, null, null, tags));
            efs.putFile(tx, fs.id(), "/etc/app.conf", bytes("mode=prod"));
            efs.putFile(tx, fs.id(), "data/orders.csv", bytes("1,2,3"));
            return fs.arn();
        });
    }

    @Override
    protected void changeData(String arn) {
        store.write(tx -> {
            efs.putFile(tx, EfsService.idOf(arn), "data/orders.csv", bytes("changed"));
            return null;
        });
    }

    @Override
    protected Object readData(String arn) {
        return store.read(tx -> {
            Map<String, String> out = new TreeMap<>();
            efs.allFiles(tx, EfsService.idOf(arn)).forEach((path, content) -> out.put(
                    path.replaceFirst("^" + EfsProvider.RESTORE_DIRECTORY_PREFIX + "[0-9_]+/", ""),
                    new String(content, StandardCharsets.UTF_8)));
            return out;
        });
    }

    @Override
    protected Map<String, String> restoreMetadataFor(String newName) {
        return Map.of("newFileSystem", "true", "CreationToken", newName);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void restoresIntoTheExistingFileSystemUnderANewDirectoryEachTime() {
        String arn = createResourceWithData("in-place", Map.of("Backup", "daily"));
        var snapshot = store.read(tx -> provider.snapshot(tx, arn));
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
        var snapshot = store.read(tx -> provider.snapshot(tx, arn));
        var restored = store.write(tx -> provider.restore(tx, ACCOUNT, REGION, snapshot,
                restoreMetadataFor("large-copy")));
        var files = store.read(tx -> efs.allFiles(tx, EfsService.idOf(restored.arn())));
        assertThat(files.entrySet()).filteredOn(e -> e.getKey().endsWith("/data/big.bin")).singleElement()
                .satisfies(e -> assertThat(e.getValue()).isEqualTo(big));
    }

    @Test
    void refusesARestoreIntoAMissingFileSystem() {
        String arn = createResourceWithData("gone", Map.of());
        var snapshot = store.read(tx -> provider.snapshot(tx, arn));
        assertThatThrownBy(() -> store.write(tx -> provider.restore(tx, ACCOUNT, REGION, snapshot,
                Map.of("file-system-id", "fs-00000000000000999"))))
                .isInstanceOf(ResourceProvider.RestoreRejected.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> store.write(tx -> provider.restore(tx, ACCOUNT, REGION, snapshot, Map.of())))
                .isInstanceOf(ResourceProvider.RestoreRejected.class);
    }

    @Test
    void aNewFileSystemFromARestoreKeepsTheConfigurationButNotTheTags() {
        String arn = createResourceWithData("configured", Map.of("Name", "web"));
        var snapshot = store.read(tx -> provider.snapshot(tx, arn));
        var restored = store.write(tx -> provider.restore(tx, ACCOUNT, REGION, snapshot,
                Map.of("newFileSystem", "true", "PerformanceMode", "maxIO", "Encrypted", "true")));
        FileSystem fs = store.read(tx -> efs.find(tx, restored.name()).orElseThrow());
        assertThat(fs.performanceMode()).isEqualTo("maxIO");
        assertThat(fs.encrypted()).isTrue();
        assertThat(fs.kmsKeyId()).endsWith(":alias/aws/elasticfilesystem");
        assertThat(fs.tags()).isEmpty();
        assertThat(fs.restoredFrom()).isEqualTo(arn);
    }
}
