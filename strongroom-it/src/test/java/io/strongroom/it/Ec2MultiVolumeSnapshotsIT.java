package io.strongroom.it;

import io.strongroom.testkit.AdminClient;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.CopyTagsFromSource;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SnapshotInfo;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CreateSnapshots (D142) through the SDK v2 Ec2Client: one snapshot of each volume attached to an instance, holding
 * each volume's bytes of the call's instant, all started at one instant, leaving out the root volume or named data
 * volumes, tagged with the call's tags and, when asked, the volume's; DescribeSnapshots shows them to their account only
 * (D140); bad requests get EC2's errors.
 */
class Ec2MultiVolumeSnapshotsIT {
    static final String MANAGEMENT = "111111111111";
    static TestServer server;
    static Ec2Client ec2;
    static AdminClient admin;
    static String amazonLinux;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        ec2 = server.endpoint().client(Ec2Client.builder());
        admin = server.endpoint().admin();
        amazonLinux = Ec2InstancesIT.amazonLinux(ec2);
    }

    @AfterAll
    static void stop() {
        ec2.close();
        server.close();
    }

    static Tag tag(String key, String value) {
        return Ec2OwnSnapshotsIT.tag(key, value);
    }

    static TagSpecification tags(ResourceType type, Tag... tags) {
        return Ec2InstancesIT.tags(type, tags);
    }

    static void expect(String code, String message, Runnable call) {
        Ec2SnapshotSharingIT.expect(code, message, call);
    }

    /** An instance with its root volume at /dev/xvda and data volumes at /dev/sdf and /dev/sdg. */
    static Instance launchWithDataVolumes(Ec2Client client, Tag volumeTag) {
        return client.runInstances(r -> r.imageId(amazonLinux).instanceType(InstanceType.T3_MICRO).minCount(1)
                .maxCount(1).blockDeviceMappings(
                        BlockDeviceMapping.builder().deviceName("/dev/sdf").ebs(e -> e.volumeSize(2)).build(),
                        BlockDeviceMapping.builder().deviceName("/dev/sdg").ebs(e -> e.volumeSize(3)
                                .encrypted(true)).build())
                .tagSpecifications(tags(ResourceType.VOLUME, volumeTag))).instances().get(0);
    }

    static Map<String, String> volumesByDevice(Instance instance) {
        return instance.blockDeviceMappings().stream().collect(Collectors.toMap(
                InstanceBlockDeviceMapping::deviceName, m -> m.ebs().volumeId()));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void oneSnapshotOfEachAttachedVolumeWithItsBytesStartedTogetherAndTaggedAsAsked() {
        Instance instance = launchWithDataVolumes(ec2, tag("Backup", "nightly"));
        Map<String, String> volumes = volumesByDevice(instance);
        String root = volumes.get("/dev/xvda");
        String logs = volumes.get("/dev/sdf");
        String ledger = volumes.get("/dev/sdg");
        admin.putEbsData(root, bytes("boot sector"));
        admin.putEbsData(logs, bytes("log lines"));
        admin.putEbsData(ledger, bytes("ledger rows"));
        Instant now = admin.now();

        CreateSnapshotsResponse made = ec2.createSnapshots(r -> r
                .instanceSpecification(s -> s.instanceId(instance.instanceId()))
                .description("crash-consistent set").copyTagsFromSource(CopyTagsFromSource.VOLUME)
                .tagSpecifications(tags(ResourceType.SNAPSHOT, tag("Team", "ops"), tag("Backup", "set"))));

        assertThat(made.snapshots()).extracting(SnapshotInfo::volumeId).containsExactly(root, logs, ledger);
        assertThat(made.snapshots()).extracting(SnapshotInfo::volumeSize).containsExactly(8, 2, 3);
        assertThat(made.snapshots()).extracting(SnapshotInfo::encrypted).containsExactly(false, false, true);
        assertThat(made.snapshots()).allSatisfy(s -> {
            assertThat(s.snapshotId()).matches("snap-[0-9a-f]{17}");
            assertThat(s.stateAsString()).isEqualTo("pending");
            assertThat(s.progress()).isEqualTo("0%");
            assertThat(s.startTime()).as("the same for every snapshot of the call").isEqualTo(now);
            assertThat(s.ownerId()).isEqualTo(MANAGEMENT);
            assertThat(s.description()).isEqualTo("crash-consistent set");
            assertThat(s.tags()).as("the volume's tags, the call's winning on the same key")
                    .containsExactlyInAnyOrder(tag("Backup", "set"), tag("Team", "ops"));
        });
        // The volumes change after the call: the snapshots keep what they were.
        admin.putEbsData(logs, bytes("rotated"));
        admin.advance(Duration.ofMinutes(2));
        List<String> ids = made.snapshots().stream().map(SnapshotInfo::snapshotId).toList();
        assertThat(ec2.describeSnapshots(r -> r.ownerIds("self").filters(f -> f.name("description")
                .values("crash-consistent set"))).snapshots()).extracting(s -> s.snapshotId() + " " + s.stateAsString())
                .containsExactlyInAnyOrderElementsOf(ids.stream().map(id -> id + " completed").toList());
        List<String> expected = List.of("boot sector", "log lines", "ledger rows");
        for (int i = 0; i < ids.size(); i++) {
            String snapshot = ids.get(i);
            String volume = ec2.createVolume(r -> r.availabilityZone("eu-west-1a").snapshotId(snapshot)).volumeId();
            assertThat(new String(admin.getEbsData(volume).body(), StandardCharsets.UTF_8)).isEqualTo(expected.get(i));
        }

        CreateSnapshotsResponse some = ec2.createSnapshots(r -> r.instanceSpecification(s -> s
                .instanceId(instance.instanceId()).excludeBootVolume(true).excludeDataVolumeIds(logs)));
        assertThat(some.snapshots()).singleElement().satisfies(s -> {
            assertThat(s.volumeId()).isEqualTo(ledger);
            assertThat(s.description()).isEmpty();
            assertThat(s.tags()).as("no tags copied unless asked").isEmpty();
        });
        CreateSnapshotsResponse none = ec2.createSnapshots(r -> r.instanceSpecification(s -> s
                .instanceId(instance.instanceId()).excludeBootVolume(true).excludeDataVolumeIds(logs, ledger)));
        assertThat(none.snapshots()).isEmpty();
    }

    @Test
    void anotherAccountNeitherSnapshotsTheInstanceNorSeesTheSnapshots() {
        String member = Ec2SnapshotSharingIT.memberAccount(server, "web");
        Instance instance = launchWithDataVolumes(ec2, tag("Owner", "management"));
        String snapshot = ec2.createSnapshots(r -> r.instanceSpecification(s -> s.instanceId(instance.instanceId())))
                .snapshots().get(0).snapshotId();

        try (Ec2Client other = Ec2SnapshotSharingIT.ec2Of(server, member)) {
            expect("InvalidInstanceID.NotFound", "The instance ID '" + instance.instanceId() + "' does not exist",
                    () -> other.createSnapshots(r -> r.instanceSpecification(s -> s
                            .instanceId(instance.instanceId()))));
            assertThat(other.describeSnapshots(r -> r.ownerIds("self")).snapshots()).isEmpty();
            assertThat(other.describeSnapshots(r -> r.ownerIds(MANAGEMENT)).snapshots()).isEmpty();
            Instance own = launchWithDataVolumes(other, tag("Owner", "web"));
            List<String> made = other.createSnapshots(r -> r.instanceSpecification(s -> s.instanceId(own.instanceId())))
                    .snapshots().stream().map(SnapshotInfo::snapshotId).toList();
            assertThat(other.describeSnapshots(r -> r.ownerIds("self")).snapshots()).extracting(s -> s.snapshotId())
                    .containsExactlyInAnyOrderElementsOf(made).doesNotContain(snapshot);
            assertThat(ec2.describeSnapshots(r -> r.ownerIds("self")).snapshots()).extracting(s -> s.snapshotId())
                    .contains(snapshot).doesNotContainAnyElementsOf(made);
        }
    }

    @Test
    void badRequestsAreRefusedAsEc2RefusesThem() {
        Instance instance = launchWithDataVolumes(ec2, tag("Backup", "none"));
        String id = instance.instanceId();
        String root = volumesByDevice(instance).get("/dev/xvda");
        expect("MissingParameter", null, () -> ec2.createSnapshots(r -> r.description("no instance")));
        expect("MissingParameter", "The request must contain the parameter InstanceSpecification.InstanceId",
                () -> ec2.createSnapshots(r -> r.instanceSpecification(s -> s.excludeBootVolume(true))));
        expect("InvalidInstanceID.Malformed", "Invalid id: \"web-1\" (expecting \"i-...\")",
                () -> ec2.createSnapshots(r -> r.instanceSpecification(s -> s.instanceId("web-1"))));
        expect("InvalidInstanceID.NotFound", "The instance ID 'i-0123456789abcdef0' does not exist",
                () -> ec2.createSnapshots(r -> r.instanceSpecification(s -> s.instanceId("i-0123456789abcdef0"))));
        expect("InvalidParameterValue", "The root volume " + root + " of instance " + id + " cannot be excluded "
                        + "with ExcludeDataVolumeIds; use ExcludeBootVolume.",
                () -> ec2.createSnapshots(r -> r.instanceSpecification(s -> s.instanceId(id)
                        .excludeDataVolumeIds(root))));
        expect("InvalidVolumeID.Malformed", "Invalid id: \"data\" (expecting \"vol-...\")",
                () -> ec2.createSnapshots(r -> r.instanceSpecification(s -> s.instanceId(id)
                        .excludeDataVolumeIds("data"))));
        expect("InvalidParameterValue", "Value (instance) for parameter CopyTagsFromSource is invalid. Expecting "
                + "'volume'.", () -> ec2.createSnapshots(r -> r.instanceSpecification(s -> s.instanceId(id))
                .copyTagsFromSource("instance")));
        expect("InvalidParameterValue", "'volume' is not a valid taggable resource type for this operation.",
                () -> ec2.createSnapshots(r -> r.instanceSpecification(s -> s.instanceId(id))
                        .tagSpecifications(tags(ResourceType.VOLUME, tag("a", "b")))));
        expect("InvalidParameterValue", "Tag keys starting with 'aws:' are reserved for internal use",
                () -> ec2.createSnapshots(r -> r.instanceSpecification(s -> s.instanceId(id))
                        .tagSpecifications(tags(ResourceType.SNAPSHOT, tag("aws:x", "b")))));
        expect("UnsupportedOperation", "Strongroom keeps snapshots in the Region only (no Outposts or Local "
                + "Zones).", () -> ec2.createSnapshots(r -> r.instanceSpecification(s -> s.instanceId(id))
                .outpostArn("arn:aws:outposts:eu-west-1:" + MANAGEMENT + ":outpost/op-0123456789abcdef0")));
        Ec2OwnSnapshotsIT.expect(412, "DryRunOperation", () -> ec2.createSnapshots(r -> r
                .instanceSpecification(s -> s.instanceId(id)).dryRun(true)));
        assertThat(ec2.describeSnapshots(r -> r.filters(f -> f.name("volume-id").values(root))).snapshots())
                .as("no refused call made a snapshot").isEmpty();

        ec2.terminateInstances(r -> r.instanceIds(id));
        expect("IncorrectInstanceState", "The instance '" + id + "' is not in a state from which it can be "
                + "snapshotted.", () -> ec2.createSnapshots(r -> r.instanceSpecification(s -> s.instanceId(id))));
    }
}
