package io.strongroom.ec2;

import io.strongroom.resource.ResourceProvider;
import io.strongroom.resource.ResourceProviderContract;
import io.strongroom.storage.Store;
import io.strongroom.storage.jdbc.StoreFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract's "name" of a volume is its Name tag: a restore with the Strongroom metadata key {@code Name}
 * of an existing volume's Name tag is refused. Restores always create a new volume.
 */
class EbsProviderTest extends ResourceProviderContract {
    @TempDir
    Path dir;
    Ec2Service ec2;

    @Override
    protected Store newStore() {
        return StoreFactory.open(dir.resolve("store.db").toString());
    }

    @Override
    protected ResourceProvider newProvider(Store store) {
        // Ids from a store sequence, as the server's: a rolled-back transaction hands its id out again.
        ec2 = new Ec2Service(Clock.fixed(Instant.parse("2027-02-01T10:20:30Z"), ZoneOffset.UTC),
                tx -> String.format("%017x", tx.nextSequence("ids")), dir.resolve("ebs"));
        return new EbsProvider(ec2);
    }

    /** The bytes go into the volume's file as a user's {@code dd} would put them, not through the service. */
    @Override
    protected String createResourceWithData(String name, Map<String, String> tags) {
        Volume v = createVolume(8, name, tags);
        writeFile(v.id(), bytes("boot sector"));
        return v.arn();
    }

    private Volume createVolume(int size, String name, Map<String, String> tags) {
        return store.write(tx -> {
            Map<String, String> all = new TreeMap<>(tags);
            all.put("Name", name);
            return ec2.createVolume(tx, ACCOUNT, REGION, new Inputs.CreateVolume(REGION + "a", size, null, null,
                    null, null, null, all));
        });
    }

    private void writeFile(String volumeId, byte[] content) {
        try {
            Files.write(ec2.dataFile(volumeId), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void changeData(String arn) {
        writeFile(Ec2Service.idOf(arn), bytes("changed"));
    }

    /** Read back from the file itself. */
    @Override
    protected Object readData(String arn) {
        try {
            return Files.readString(ec2.dataFile(Ec2Service.idOf(arn)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Map<String, String> restoreMetadataFor(String newName) {
        return Map.of("Name", newName, "availabilityZone", REGION + "b");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void snapshotMetadataAndOverridesOnRestore() {
        String arn = createResourceWithData("config", Map.of("Backup", "daily"));
        var snapshot = store.read(tx -> provider.snapshot(tx, arn).inMemory());
        assertThat(snapshot.restoreMetadata()).containsEntry("volumeType", "gp2").containsEntry("volumeSize", "8")
                .containsEntry("encrypted", "false").containsEntry("availabilityZone", REGION + "a");
        var restored = store.write(tx -> provider.restore(tx, ACCOUNT, REGION, snapshot,
                Map.of("volumeType", "gp3", "volumeSize", "20", "encrypted", "true")));
        Volume v = store.read(tx -> ec2.find(tx, restored.name()).orElseThrow());
        assertThat(v.volumeType()).isEqualTo("gp3");
        assertThat(v.size()).isEqualTo(20);
        assertThat(v.kmsKeyId()).endsWith(":alias/aws/ebs");
        assertThat(v.restoredFrom()).isEqualTo(arn);
        assertThat(v.tags()).isEmpty();
    }

    @Test
    void aVolumeImageOverTwentyMillionBase64CharactersReadsBackAndRestores() {
        // Jackson caps a string at 20 M characters by default: 16 MiB is 22.4 M characters of base64.
        byte[] image = new byte[16 * 1024 * 1024];
        new java.util.Random(7).nextBytes(image);
        String id = store.write(tx -> {
            Volume v = ec2.createVolume(tx, ACCOUNT, REGION, new Inputs.CreateVolume(REGION + "a", 1, null, null,
                    null, null, null, Map.of("Name", "large")));
            ec2.putData(tx, v.id(), image);
            return v.id();
        });
        byte[] stored = store.read(tx -> ec2.getData(tx, id));
        assertThat(stored).isEqualTo(image);
        var snapshot = store.read(tx -> provider.snapshot(tx, "arn:aws:ec2:" + REGION + ":" + ACCOUNT + ":volume/" + id).inMemory());
        var restored = store.write(tx -> provider.restore(tx, ACCOUNT, REGION, snapshot, Map.of("Name", "large-copy")));
        byte[] restoredImage = store.read(tx -> ec2.getData(tx, restored.name()));
        assertThat(restoredImage).isEqualTo(image);
    }

    @Test
    void refusesASmallerVolumeOrABadType() {
        String arn = createResourceWithData("small", Map.of());
        var snapshot = store.read(tx -> provider.snapshot(tx, arn).inMemory());
        assertThatThrownBy(() -> store.write(tx -> provider.restore(tx, ACCOUNT, REGION, snapshot,
                Map.of("volumeSize", "4")))).isInstanceOf(ResourceProvider.RestoreRejected.class)
                .hasMessageContaining("smaller");
        assertThatThrownBy(() -> store.write(tx -> provider.restore(tx, ACCOUNT, REGION, snapshot,
                Map.of("volumeType", "gp9")))).isInstanceOf(ResourceProvider.RestoreRejected.class);
    }

    @Test
    void filtersAndPagesVolumes() {
        for (int i = 0; i < 7; i++) {
            createResourceWithData("v" + i, i % 2 == 0 ? Map.of("Backup", "daily-prod") : Map.of());
        }
        var tagged = store.read(tx -> ec2.describe(tx, ACCOUNT, REGION, null,
                List.of(new Inputs.Filter("tag:Backup", List.of("daily-*"))), null, null));
        assertThat(tagged.volumes()).hasSize(4);
        var first = store.read(tx -> ec2.describe(tx, ACCOUNT, REGION, null, null, 5, null));
        assertThat(first.volumes()).hasSize(5);
        var second = store.read(tx -> ec2.describe(tx, ACCOUNT, REGION, null, null, 5, first.nextToken()));
        assertThat(second.volumes()).hasSize(2);
        assertThat(second.nextToken()).isNull();
    }

    @Test
    void theFileIsCreatedEmptyWithTheVolumeAndRemovedOnceItsDeletionCommits() {
        Volume v = createVolume(1, "files", Map.of());
        Path file = dir.resolve("ebs").resolve(v.id() + ".img");
        assertThat(ec2.dataFile(v.id())).isEqualTo(file);
        assertThat(file).isRegularFile().isEmptyFile();
        assertThatThrownBy(() -> store.write(tx -> {
            ec2.deleteVolume(tx, ACCOUNT, REGION, v.id());
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");
        assertThat(file).exists();
        store.write(tx -> ec2.deleteVolume(tx, ACCOUNT, REGION, v.id()));
        assertThat(file).doesNotExist();
    }

    @Test
    void aRolledBackCreationLeavesAnOrphanThatIsEmptiedOnReuseAndRemovedAtStartUp() {
        String orphan = "vol-00000000000000001";
        assertThatThrownBy(() -> store.write(tx -> {
            Volume v = ec2.createVolume(tx, ACCOUNT, REGION, new Inputs.CreateVolume(REGION + "a", 1, null, null,
                    null, null, null, Map.of()));
            assertThat(v.id()).isEqualTo(orphan);
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");
        writeFile(orphan, bytes("left behind"));
        writeFile("vol-0000000000000abcd", bytes("another orphan"));
        Path unrelated = dir.resolve("ebs").resolve("notes.txt");
        writeFileAt(unrelated, bytes("the user's"));
        store.write(tx -> {
            ec2.reconcile(tx);
            return null;
        });
        assertThat(ec2.dataFile(orphan)).doesNotExist();
        assertThat(ec2.dataFile("vol-0000000000000abcd")).doesNotExist();
        assertThat(unrelated).exists();

        writeFile(orphan, bytes("left behind"));
        Volume reused = createVolume(1, "reused", Map.of());
        assertThat(reused.id()).isEqualTo(orphan);
        byte[] reusedData = store.read(tx -> ec2.getData(tx, reused.id()));
        assertThat(reusedData).isEmpty();
        store.write(tx -> {
            ec2.reconcile(tx);
            return null;
        });
        assertThat(ec2.dataFile(reused.id())).exists();
    }

    private static void writeFileAt(Path file, byte[] content) {
        try {
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A file made sparse at the volume's full size is read to its last non-zero byte; bytes a user writes past
     * the volume's size are not part of the volume.
     */
    @Test
    void snapshotsHoldWhatWasWrittenWithinTheVolume() throws IOException {
        Volume v = createVolume(1, "sparse", Map.of());
        long size = 1L << 30;
        try (RandomAccessFile f = new RandomAccessFile(ec2.dataFile(v.id()).toFile(), "rw")) {
            f.write(bytes("start"));
            f.seek(4096);
            f.write(bytes("page two"));
            f.setLength(size);
            f.seek(size);
            f.write(bytes("beyond the volume"));
        }
        var snapshot = store.read(tx -> provider.snapshot(tx, v.arn()).inMemory());
        byte[] kept = io.strongroom.ec2.codec.Ec2Codecs.readVolume(snapshot.data().open()).data().readAllBytes();
        assertThat(kept).hasSize(4096 + 8);
        assertThat(new String(kept, 0, 5, StandardCharsets.UTF_8)).isEqualTo("start");
        assertThat(new String(kept, 4096, 8, StandardCharsets.UTF_8)).isEqualTo("page two");
        assertThat(store.read(tx -> provider.describe(tx, v.arn())).orElseThrow().sizeBytes()).isEqualTo(size);

        var restored = store.write(tx -> provider.restore(tx, ACCOUNT, REGION, snapshot, Map.of()));
        assertThat(Files.readAllBytes(ec2.dataFile(restored.name()))).isEqualTo(kept);
    }

    @Test
    void aSymbolicLinkInPlaceOfTheFileIsNotFollowed() throws IOException {
        Volume v = createVolume(1, "link", Map.of());
        Path secret = dir.resolve("secret");
        Files.writeString(secret, "outside the data plane");
        Files.delete(ec2.dataFile(v.id()));
        Files.createSymbolicLink(ec2.dataFile(v.id()), secret);
        assertThatThrownBy(() -> store.read(tx -> provider.snapshot(tx, v.arn()).inMemory()))
                .isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> store.read(tx -> ec2.putData(tx, v.id(), bytes("overwrite"))))
                .isInstanceOf(UncheckedIOException.class);
        assertThat(secret).hasContent("outside the data plane");
    }

    @Test
    void aFormatOneSnapshotStillRestores() throws IOException {
        Volume v = createVolume(1, "old", Map.of());
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode old = json.createObjectNode();
        old.put("v", 1);
        old.set("volume", json.readTree(io.strongroom.ec2.codec.Ec2Codecs.VOLUME.encode(v)).get("d"));
        old.put("data", java.util.Base64.getEncoder().encodeToString(bytes("written by format 1")));
        var snapshot = new io.strongroom.resource.Snapshot(
                io.strongroom.resource.SnapshotData.of(json.writeValueAsBytes(old)), Map.of(), Map.of());

        var restored = store.write(tx -> provider.restore(tx, ACCOUNT, REGION, snapshot, Map.of()));

        assertThat(Files.readAllBytes(ec2.dataFile(restored.name()))).isEqualTo(bytes("written by format 1"));
    }

    @Test
    void refusesASnapshotOfAnUnknownFormat() {
        var snapshot = new io.strongroom.resource.Snapshot(io.strongroom.resource.SnapshotData.of(new byte[] {9, 0}),
                Map.of(), Map.of());
        assertThatThrownBy(() -> store.write(tx -> provider.restore(tx, ACCOUNT, REGION, snapshot, Map.of())))
                .hasMessage("Malformed EBS snapshot: format 9, this server reads format 2.");
    }
}
