package io.strongroom.ec2;

import io.strongroom.resource.ProtectedResource;
import io.strongroom.resource.ResourceProvider;
import io.strongroom.resource.ResourceProviderContract;
import io.strongroom.resource.Snapshot;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * EC2 instances through the provider contract: an instance's data is its type, its tags (but Name, the
 * contract's "name") and the bytes of every attached volume. Restores launch a new instance with new volumes.
 */
class Ec2InstanceProviderTest extends ResourceProviderContract {
    @TempDir
    Path dir;
    Ec2Service volumes;
    InstanceService instances;

    @Override
    protected Store newStore() {
        return StoreFactory.open(dir.resolve("store.db").toString());
    }

    @Override
    protected ResourceProvider newProvider(Store store) {
        AtomicInteger ids = new AtomicInteger();
        Clock clock = Clock.fixed(Instant.parse("2027-02-01T10:20:30Z"), ZoneOffset.UTC);
        volumes = new Ec2Service(clock, tx -> String.format("%017x", ids.incrementAndGet()), dir.resolve("ebs"));
        instances = new InstanceService(volumes, clock, tx -> String.format("%017x", ids.incrementAndGet()));
        return new Ec2InstanceProvider(instances, volumes);
    }

    private static String amazonLinux() {
        return ImageCatalogue.images(REGION).get(0).id();
    }

    /** The volumes' bytes go into their files as a user's {@code dd} would put them. */
    @Override
    protected String createResourceWithData(String name, Map<String, String> tags) {
        Instance i = store.write(tx -> {
            Map<String, String> all = new TreeMap<>(tags);
            all.put("Name", name);
            return instances.runInstances(tx, ACCOUNT, REGION, new Inputs.RunInstances(amazonLinux(),
                    "t3.micro", 1, 1, null, List.of(new Inputs.BlockDevice("/dev/sdf", false, null,
                    new Inputs.Ebs(2, "gp3", null, null, null, false, null))), all, Map.of("Backup", "vol"),
                    null, null, null, null, null)).instances().get(0);
        });
        writeVolume(volumeAt(i, "/dev/xvda"), "root of " + name);
        writeVolume(volumeAt(i, "/dev/sdf"), "data of " + name);
        return i.arn();
    }

    private void writeVolume(String volumeId, String content) {
        try {
            Files.writeString(volumes.dataFile(volumeId), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String volumeAt(Instance i, String device) {
        return i.devices().stream().filter(d -> d.deviceName().equals(device)).findFirst().orElseThrow().volumeId();
    }

    @Override
    protected void changeData(String arn) {
        Instance i = store.write(tx -> {
            instances.tag(tx, ACCOUNT, REGION, arn, Map.of("Backup", "changed"));
            return instances.find(tx, ACCOUNT, REGION, arn).orElseThrow();
        });
        writeVolume(volumeAt(i, "/dev/xvda"), "overwritten");
    }

    /** Type, tags but Name, and every device's bytes and volume configuration. */
    @Override
    protected Object readData(String arn) {
        return store.read(tx -> {
            Instance i = instances.find(tx, ACCOUNT, REGION, arn).orElseThrow();
            Map<String, Object> out = new TreeMap<>();
            out.put("type", i.instanceType());
            Map<String, String> tags = new TreeMap<>(i.tags());
            tags.remove("Name");
            out.put("tags", tags);
            for (Instance.Device d : i.devices()) {
                Volume v = volumes.find(tx, d.volumeId()).orElseThrow();
                out.put(d.deviceName(), List.of(new String(volumes.getData(tx, v.id()), StandardCharsets.UTF_8),
                        v.size(), v.volumeType(), v.tags(), d.deleteOnTermination(), v.state()));
            }
            return out;
        });
    }

    @Override
    protected Map<String, String> restoreMetadataFor(String newName) {
        return Map.of("Name", newName);
    }

    @Test
    void snapshotMetadataAsAwsBackupReportsIt() {
        String arn = createResourceWithData("config", Map.of("Backup", "daily"));
        Snapshot snapshot = store.read(tx -> provider.snapshot(tx, arn).inMemory());
        assertThat(snapshot.restoreMetadata()).containsEntry("InstanceType", "t3.micro")
                .containsEntry("Placement", "{\"AvailabilityZone\":\"eu-west-1a\",\"GroupName\":\"\","
                        + "\"Tenancy\":\"default\"}")
                .containsEntry("DisableApiTermination", "false").containsEntry("Architecture", "x86_64")
                .containsEntry("BlockDeviceMappings", "[{\"DeviceName\":\"/dev/xvda\",\"Ebs\":{"
                        + "\"DeleteOnTermination\":true,\"VolumeSize\":8,\"VolumeType\":\"gp3\",\"Iops\":3000,"
                        + "\"Encrypted\":false}},{\"DeviceName\":\"/dev/sdf\",\"Ebs\":{\"DeleteOnTermination\":false,"
                        + "\"VolumeSize\":2,\"VolumeType\":\"gp3\",\"Iops\":3000,\"Encrypted\":false}}]");
        assertThat(snapshot.tags()).containsEntry("Backup", "daily").containsEntry("Name", "config");
    }

    @Test
    void restoreMetadataOverridesTypePlacementAndDevices() {
        String arn = createResourceWithData("source", Map.of());
        Snapshot snapshot = store.read(tx -> provider.snapshot(tx, arn).inMemory());
        ProtectedResource restored = store.write(tx -> provider.restore(tx, ACCOUNT, REGION, snapshot, Map.of(
                "InstanceType", "m5.large", "Placement", "{\"AvailabilityZone\":\"eu-west-1c\"}",
                "BlockDeviceMappings", "[{\"DeviceName\":\"/dev/xvda\",\"Ebs\":{\"VolumeSize\":20}},"
                        + "{\"DeviceName\":\"/dev/sdf\",\"NoDevice\":\"\"}]")));
        assertThat(restored.resourceType()).isEqualTo("EC2");
        assertThat(restored.arn()).matches("arn:aws:ec2:eu-west-1:222222222222:instance/i-[0-9a-f]{17}");
        Instance i = store.read(tx -> instances.find(tx, ACCOUNT, REGION, restored.arn()).orElseThrow());
        assertThat(i.instanceType()).isEqualTo("m5.large");
        assertThat(i.availabilityZone()).isEqualTo("eu-west-1c");
        assertThat(i.restoredFrom()).isEqualTo(arn);
        assertThat(i.state()).isEqualTo(Instance.PENDING);
        assertThat(i.devices()).extracting(Instance.Device::deviceName).containsExactly("/dev/xvda");
        Volume root = store.read(tx -> volumes.find(tx, i.devices().get(0).volumeId()).orElseThrow());
        assertThat(root.size()).isEqualTo(20);
        assertThat(root.availabilityZone()).isEqualTo("eu-west-1c");
        assertThat(root.attachment().instanceId()).isEqualTo(i.id());
        String bytes = store.read(tx -> new String(volumes.getData(tx, root.id()), StandardCharsets.UTF_8));
        assertThat(bytes).isEqualTo("root of source");
    }

    @Test
    void refusesImpossibleRestores() {
        String arn = createResourceWithData("refused", Map.of());
        Snapshot snapshot = store.read(tx -> provider.snapshot(tx, arn).inMemory());
        for (Map<String, String> metadata : List.of(Map.of("InstanceType", "t9.huge"),
                Map.of("InstanceType", "t4g.micro"), Map.of("Placement", "{not json"),
                Map.of("Placement", "{\"AvailabilityZone\":\"eu-west-1z\"}"), Map.of("KeyName", "ops"),
                Map.of("BlockDeviceMappings", "[{\"DeviceName\":\"/dev/xvda\",\"Ebs\":{\"VolumeSize\":4}}]"))) {
            assertThatThrownBy(() -> store.write(tx -> provider.restore(tx, ACCOUNT, REGION, snapshot, metadata)))
                    .as(metadata.toString()).isInstanceOf(ResourceProvider.RestoreRejected.class);
        }
    }

    @Test
    void terminatedInstancesAreNotProtectable() {
        String arn = createResourceWithData("ending", Map.of());
        String id = Ec2Service.idOf(arn);
        store.write(tx -> instances.terminate(tx, ACCOUNT, REGION, List.of(id)));
        List<ProtectedResource> listed = store.read(tx -> provider.list(tx, ACCOUNT, REGION));
        assertThat(listed).isEmpty();
        java.util.Optional<ProtectedResource> described = store.read(tx -> provider.describe(tx, arn));
        assertThat(described).isEmpty();
        Instance shuttingDown = store.read(tx -> instances.find(tx, ACCOUNT, REGION, id).orElseThrow());
        assertThat(shuttingDown.state()).isEqualTo(Instance.SHUTTING_DOWN);
        store.write(tx -> {
            instances.onTimer(tx, id.getBytes(StandardCharsets.UTF_8));
            return null;
        });
        Instance terminated = store.read(tx -> instances.find(tx, ACCOUNT, REGION, id).orElseThrow());
        assertThat(terminated.state()).isEqualTo(Instance.TERMINATED);
        assertThat(terminated.devices()).isEmpty();
        String root = volumeAt(shuttingDown, "/dev/xvda");
        String data = volumeAt(shuttingDown, "/dev/sdf");
        java.util.Optional<Volume> deleted = store.read(tx -> volumes.find(tx, root));
        assertThat(deleted).isEmpty();
        assertThat(volumes.dataFile(root)).doesNotExist();
        assertThat(volumes.dataFile(data)).hasContent("data of ending");
        Volume kept = store.read(tx -> volumes.find(tx, data).orElseThrow());
        assertThat(kept.attachment()).isNull();
        assertThat(kept.state()).isEqualTo("available");
    }
}
