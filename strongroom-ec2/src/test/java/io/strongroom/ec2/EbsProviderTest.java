package io.strongroom.ec2;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

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
        AtomicInteger ids = new AtomicInteger();
        ec2 = new Ec2Service(Clock.fixed(Instant.parse("2027-02-01T10:20:30Z"), ZoneOffset.UTC),
                tx -> String.format("%017x", ids.incrementAndGet()));
        return new EbsProvider(ec2);
    }

    @Override
    protected String createResourceWithData(String name, Map<String, String> tags) {
        return store.write(tx -> {
            Map<String, String> all = new java.util.TreeMap<>(tags);
            all.put("Name", name);
            Volume v = ec2.createVolume(tx, ACCOUNT, REGION, new Inputs.CreateVolume(REGION + "a", 8, null, null,
                    null, null, null, all));
            ec2.putData(tx, v.id(), bytes("boot sector"));
            return v.arn();
        });
    }

    @Override
    protected void changeData(String arn) {
        store.write(tx -> ec2.putData(tx, Ec2Service.idOf(arn), bytes("changed")));
    }

    @Override
    protected Object readData(String arn) {
        return store.read(tx -> new String(ec2.getData(tx, Ec2Service.idOf(arn)), StandardCharsets.UTF_8));
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
        var snapshot = store.read(tx -> provider.snapshot(tx, arn));
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
        var snapshot = store.read(tx -> provider.snapshot(tx, "arn:aws:ec2:" + REGION + ":" + ACCOUNT + ":volume/" + id));
        var restored = store.write(tx -> provider.restore(tx, ACCOUNT, REGION, snapshot, Map.of("Name", "large-copy")));
        byte[] restoredImage = store.read(tx -> ec2.getData(tx, restored.name()));
        assertThat(restoredImage).isEqualTo(image);
    }

    @Test
    void refusesASmallerVolumeOrABadType() {
        String arn = createResourceWithData("small", Map.of());
        var snapshot = store.read(tx -> provider.snapshot(tx, arn));
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
}
