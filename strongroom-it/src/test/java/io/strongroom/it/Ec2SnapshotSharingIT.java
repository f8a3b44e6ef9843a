package io.strongroom.it;

import io.strongroom.testkit.AdminClient;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateVolumePermission;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.OperationType;
import software.amazon.awssdk.services.ec2.model.PermissionGroup;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.SnapshotAttributeName;
import software.amazon.awssdk.services.organizations.OrganizationsClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sharing the account's own snapshots (D140) through the SDK v2 Ec2Client: ModifySnapshotAttribute adds and removes
 * accounts and the group all in createVolumePermission, DescribeSnapshotAttribute shows them and ResetSnapshotAttribute
 * clears them; the account shared with sees the snapshot in DescribeSnapshots (by owner and RestorableByUserIds, without
 * the owner's tags) and makes a volume with its bytes, but neither deletes nor shares it; encrypted snapshots are
 * refused as EC2 refuses them.
 */
class Ec2SnapshotSharingIT {
    static final String MANAGEMENT = "111111111111";
    static TestServer server;
    static Ec2Client ec2;
    static Ec2Client other;
    static AdminClient admin;
    static String member;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        ec2 = server.endpoint().client(Ec2Client.builder());
        admin = server.endpoint().admin();
        member = memberAccount(server, "analytics");
        other = ec2Of(server, member);
    }

    /** A new account of the management account's organization (created with it), by its name. */
    static String memberAccount(TestServer server, String name) {
        try (OrganizationsClient org = server.endpoint().client(OrganizationsClient.builder())) {
            org.createOrganization(r -> { });
            String request = org.createAccount(r -> r.accountName(name).email(name + "@example.com"))
                    .createAccountStatus().id();
            return org.describeCreateAccountStatus(r -> r.createAccountRequestId(request)).createAccountStatus()
                    .accountId();
        }
    }

    /** An EC2 client signing as the account's root user. */
    static Ec2Client ec2Of(TestServer server, String account) {
        String[] key = server.endpoint().admin().rootAccessKey(account);
        return server.endpoint().client(Ec2Client.builder(), AwsBasicCredentials.create(key[1], key[2]));
    }

    @AfterAll
    static void stop() {
        other.close();
        ec2.close();
        server.close();
    }

    /** EC2's error with status 400, and its message unless null. */
    static void expect(String code, String message, Runnable call) {
        Ec2Exception e = Ec2OwnSnapshotsIT.expect(400, code, call);
        if (message != null) {
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        }
    }

    /** A completed snapshot of a volume holding {@code text}, tagged Team=ops. */
    static String completedSnapshot(String text, boolean encrypted) {
        String volume = ec2.createVolume(r -> r.availabilityZone("eu-west-1a").size(2).encrypted(encrypted))
                .volumeId();
        admin.putEbsData(volume, text.getBytes(StandardCharsets.UTF_8));
        String id = ec2.createSnapshot(r -> r.volumeId(volume).tagSpecifications(t -> t
                .resourceType(ResourceType.SNAPSHOT).tags(Ec2OwnSnapshotsIT.tag("Team", "ops"))).description("shared"))
                .snapshotId();
        admin.advance(Duration.ofMinutes(2));
        return id;
    }

    static List<String> ids(List<Snapshot> snapshots) {
        return snapshots.stream().map(Snapshot::snapshotId).toList();
    }

    static List<CreateVolumePermission> permissions(String id) {
        return ec2.describeSnapshotAttribute(r -> r.snapshotId(id).attribute(SnapshotAttributeName.CREATE_VOLUME_PERMISSION))
                .createVolumePermissions();
    }

    @Test
    void anAccountTheSnapshotIsSharedWithSeesItAndMakesAVolumeOfItsBytesUntilItIsUnshared() {
        String id = completedSnapshot("quarterly figures", false);
        expect("InvalidSnapshot.NotFound", "The snapshot '" + id + "' does not exist.",
                () -> other.describeSnapshots(r -> r.snapshotIds(id)));
        expect("InvalidSnapshot.NotFound", null, () -> other.createVolume(r -> r.availabilityZone("eu-west-1a")
                .snapshotId(id)));
        assertThat(permissions(id)).isEmpty();

        ec2.modifySnapshotAttribute(r -> r.snapshotId(id).attribute(SnapshotAttributeName.CREATE_VOLUME_PERMISSION)
                .createVolumePermission(p -> p.add(CreateVolumePermission.builder().userId(member).build())));

        assertThat(permissions(id)).containsExactly(CreateVolumePermission.builder().userId(member).build());
        Snapshot seen = other.describeSnapshots(r -> r.snapshotIds(id)).snapshots().get(0);
        assertThat(seen.ownerId()).isEqualTo(MANAGEMENT);
        assertThat(seen.description()).isEqualTo("shared");
        assertThat(seen.stateAsString()).isEqualTo("completed");
        assertThat(seen.tags()).as("the owner's tags are its own").isEmpty();
        assertThat(ids(other.describeSnapshots(r -> { }).snapshots())).contains(id);
        assertThat(ids(other.describeSnapshots(r -> r.ownerIds(MANAGEMENT)).snapshots())).containsExactly(id);
        assertThat(ids(other.describeSnapshots(r -> r.ownerIds("self")).snapshots())).doesNotContain(id);
        assertThat(ids(other.describeSnapshots(r -> r.restorableByUserIds("self")).snapshots())).containsExactly(id);
        assertThat(ids(other.describeSnapshots(r -> r.restorableByUserIds("all")).snapshots())).isEmpty();
        assertThat(ids(ec2.describeSnapshots(r -> r.restorableByUserIds(member)).snapshots())).containsExactly(id);
        assertThat(ids(ec2.describeSnapshots(r -> r.ownerIds("self")).snapshots())).contains(id);

        String volume = other.createVolume(r -> r.availabilityZone("eu-west-1b").snapshotId(id)).volumeId();
        assertThat(new String(admin.getEbsData(volume).body(), StandardCharsets.UTF_8)).isEqualTo("quarterly figures");
        assertThat(other.describeVolumes(r -> r.volumeIds(volume)).volumes().get(0).snapshotId()).isEqualTo(id);
        expect("InvalidSnapshot.NotFound", null, () -> other.deleteSnapshot(r -> r.snapshotId(id)));
        expect("InvalidSnapshot.NotFound", null, () -> other.modifySnapshotAttribute(r -> r.snapshotId(id)
                .createVolumePermission(p -> p.add(CreateVolumePermission.builder().group(PermissionGroup.ALL)
                        .build()))));
        expect("InvalidSnapshot.NotFound", null, () -> other.describeSnapshotAttribute(r -> r.snapshotId(id)
                .attribute(SnapshotAttributeName.CREATE_VOLUME_PERMISSION)));

        ec2.modifySnapshotAttribute(r -> r.snapshotId(id).attribute(SnapshotAttributeName.CREATE_VOLUME_PERMISSION)
                .operationType(OperationType.REMOVE).userIds(member));
        assertThat(permissions(id)).isEmpty();
        expect("InvalidSnapshot.NotFound", null, () -> other.describeSnapshots(r -> r.snapshotIds(id)));
        assertThat(ids(other.describeSnapshots(r -> { }).snapshots())).doesNotContain(id);
        assertThat(new String(admin.getEbsData(volume).body(), StandardCharsets.UTF_8))
                .as("the volume made meanwhile keeps its bytes").isEqualTo("quarterly figures");
    }

    @Test
    void aPublicSnapshotIsEveryonesUntilResetOrDeleted() {
        String id = completedSnapshot("open data", false);
        ec2.modifySnapshotAttribute(r -> r.snapshotId(id).attribute(SnapshotAttributeName.CREATE_VOLUME_PERMISSION)
                .operationType(OperationType.ADD).groupNames("all"));

        assertThat(permissions(id)).containsExactly(CreateVolumePermission.builder().group(PermissionGroup.ALL)
                .build());
        assertThat(ids(other.describeSnapshots(r -> r.restorableByUserIds("all")).snapshots())).contains(id);
        assertThat(ids(ec2.describeSnapshots(r -> r.restorableByUserIds("all")).snapshots())).contains(id);
        String volume = other.createVolume(r -> r.availabilityZone("eu-west-1a").snapshotId(id)).volumeId();
        assertThat(new String(admin.getEbsData(volume).body(), StandardCharsets.UTF_8)).isEqualTo("open data");

        ec2.resetSnapshotAttribute(r -> r.snapshotId(id).attribute(SnapshotAttributeName.CREATE_VOLUME_PERMISSION));
        assertThat(permissions(id)).isEmpty();
        assertThat(ids(other.describeSnapshots(r -> { }).snapshots())).doesNotContain(id);

        ec2.modifySnapshotAttribute(r -> r.snapshotId(id).createVolumePermission(p -> p.add(
                CreateVolumePermission.builder().group(PermissionGroup.ALL).build(),
                CreateVolumePermission.builder().userId(member).build())));
        assertThat(ids(other.describeSnapshots(r -> { }).snapshots())).contains(id);
        ec2.deleteSnapshot(r -> r.snapshotId(id));
        assertThat(ids(other.describeSnapshots(r -> { }).snapshots())).doesNotContain(id);
        expect("InvalidSnapshot.NotFound", null, () -> other.createVolume(r -> r.availabilityZone("eu-west-1a")
                .snapshotId(id)));
    }

    @Test
    void badModificationsAreRefusedAsEc2RefusesThem() {
        String id = completedSnapshot("private", false);
        String encrypted = completedSnapshot("secret", true);
        expect("InvalidParameterValue", "Encrypted snapshots cannot be made public.",
                () -> ec2.modifySnapshotAttribute(r -> r.snapshotId(encrypted).operationType(OperationType.ADD)
                        .groupNames("all")));
        expect("InvalidParameterValue", "Snapshots encrypted with the AWS managed key for EBS cannot be shared.",
                () -> ec2.modifySnapshotAttribute(r -> r.snapshotId(encrypted).operationType(OperationType.ADD)
                        .userIds(member)));
        expect("InvalidUserID.Malformed", "Invalid user id: 'analytics'",
                () -> ec2.modifySnapshotAttribute(r -> r.snapshotId(id).operationType(OperationType.ADD)
                        .userIds("analytics")));
        expect("InvalidParameterValue", "Value (everyone) for parameter group is invalid. Expecting 'all'.",
                () -> ec2.modifySnapshotAttribute(r -> r.snapshotId(id).operationType(OperationType.ADD)
                        .groupNames("everyone")));
        expect("InvalidParameterCombination", "Cannot add and remove create volume permissions in the same "
                + "operation.", () -> ec2.modifySnapshotAttribute(r -> r.snapshotId(id).createVolumePermission(p -> p
                .add(CreateVolumePermission.builder().userId(member).build())
                .remove(CreateVolumePermission.builder().group(PermissionGroup.ALL).build()))));
        expect("MissingParameter", "The request must contain the parameter operationType",
                () -> ec2.modifySnapshotAttribute(r -> r.snapshotId(id).userIds(member)));
        expect("InvalidParameterValue", "Only volume creation permissions can be modified.",
                () -> ec2.modifySnapshotAttribute(r -> r.snapshotId(id).attribute(SnapshotAttributeName.PRODUCT_CODES)
                        .operationType(OperationType.ADD).userIds(member)));
        expect("InvalidSnapshot.NotFound", "The snapshot 'snap-0123456789abcdef0' does not exist.",
                () -> ec2.modifySnapshotAttribute(r -> r.snapshotId("snap-0123456789abcdef0")
                        .operationType(OperationType.ADD).userIds(member)));
        assertThat(permissions(id)).as("no refused call changed anything").isEmpty();
        assertThat(permissions(encrypted)).isEmpty();
        assertThat(ec2.describeSnapshotAttribute(r -> r.snapshotId(id).attribute(SnapshotAttributeName.PRODUCT_CODES))
                .productCodes()).isEmpty();
    }
}
