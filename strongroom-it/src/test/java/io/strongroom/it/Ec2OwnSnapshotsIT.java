package io.strongroom.it;

import io.strongroom.server.ServerOptions;
import io.strongroom.testkit.AdminClient;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotResponse;
import software.amazon.awssdk.services.ec2.model.CreateVolumeResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagDescription;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The account's own EBS snapshots (D127) through the SDK v2 Ec2Client: CreateSnapshot keeps the volume's bytes of its
 * moment, pending then completed on the simulated clock; CreateVolume from it holds exactly those bytes whatever the
 * volume became; DescribeSnapshots finds it by owner, id, filters and tags beside AWS Backup's; DeleteSnapshot removes
 * it and its bytes; and the seed's SCP denying ec2:DeleteSnapshot to all but BackupAdminRole stops its deletion.
 */
class Ec2OwnSnapshotsIT {
    static final String MANAGEMENT = "111111111111";
    static TestServer server;
    static Ec2Client ec2;
    static AdminClient admin;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        ec2 = server.endpoint().client(Ec2Client.builder());
        admin = server.endpoint().admin();
    }

    @AfterAll
    static void stop() {
        ec2.close();
        server.close();
    }

    static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    static TagSpecification snapshotTags(Tag... tags) {
        return TagSpecification.builder().resourceType(ResourceType.SNAPSHOT).tags(tags).build();
    }

    static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    static Ec2Exception expect(int status, String code, Runnable call) {
        Ec2Exception e = catchThrowableOfType(Ec2Exception.class, call::run);
        assertThat(e).as("the call should have failed with " + code).isNotNull();
        assertThat(e.statusCode()).isEqualTo(status);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        assertThat(e.requestId()).isNotBlank();
        return e;
    }

    /** Bytes with zeros inside and a last non-zero byte far from the start, as a disk has them. */
    static byte[] diskBytes(String text, int length) {
        byte[] bytes = new byte[length];
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(t, 0, bytes, 0, t.length);
        System.arraycopy(t, 0, bytes, length - t.length, t.length);
        bytes[length / 2] = 7;
        return bytes;
    }

    static Path snapshotFile(String snapshotId) {
        return server.dataDir().resolve("ebs-snapshots").resolve(snapshotId + ".snap");
    }

    @Test
    void aSnapshotKeepsTheVolumesBytesOfItsMomentAndAVolumeMadeFromItHoldsExactlyThem() {
        CreateVolumeResponse volume = ec2.createVolume(r -> r.availabilityZone("eu-west-1a").size(2).encrypted(true));
        byte[] before = diskBytes("nightly ledger v1", 70_000);
        assertThat(admin.putEbsData(volume.volumeId(), before).status()).isEqualTo(200);
        Instant now = admin.now();

        CreateSnapshotResponse created = ec2.createSnapshot(r -> r.volumeId(volume.volumeId())
                .description("nightly from Lambda").tagSpecifications(snapshotTags(tag("Backup", "nightly"))));

        assertThat(created.snapshotId()).matches("snap-[0-9a-f]{17}");
        assertThat(created.volumeId()).isEqualTo(volume.volumeId());
        assertThat(created.stateAsString()).isEqualTo("pending");
        assertThat(created.progress()).isEqualTo("0%");
        assertThat(created.startTime()).isEqualTo(now);
        assertThat(created.ownerId()).isEqualTo(MANAGEMENT);
        assertThat(created.description()).isEqualTo("nightly from Lambda");
        assertThat(created.volumeSize()).isEqualTo(2);
        assertThat(created.encrypted()).isTrue();
        assertThat(created.kmsKeyId()).isEqualTo(volume.kmsKeyId())
                .isEqualTo("arn:aws:kms:eu-west-1:111111111111:alias/aws/ebs");
        assertThat(created.tags()).containsExactly(tag("Backup", "nightly"));
        assertThat(snapshotFile(created.snapshotId())).hasBinaryContent(before);

        String id = created.snapshotId();
        Ec2Exception pending = expect(400, "IncorrectState", () -> ec2.createVolume(r -> r
                .availabilityZone("eu-west-1b").snapshotId(id)));
        assertThat(pending.awsErrorDetails().errorMessage()).isEqualTo("Snapshot is in invalid state - pending");

        // The volume changes after the call: the snapshot keeps what it was.
        byte[] after = diskBytes("nightly ledger v2, longer", 90_000);
        admin.putEbsData(volume.volumeId(), after);

        admin.advance(Duration.ofSeconds(59));
        assertThat(ec2.describeSnapshots(r -> r.snapshotIds(id)).snapshots().get(0).stateAsString())
                .as("a minute plus its bytes at 100 MiB/s").isEqualTo("pending");
        admin.advance(Duration.ofSeconds(2));
        Snapshot completed = ec2.describeSnapshots(r -> r.snapshotIds(id)).snapshots().get(0);
        assertThat(completed.stateAsString()).isEqualTo("completed");
        assertThat(completed.progress()).isEqualTo("100%");
        assertThat(completed.startTime()).isEqualTo(now);

        CreateVolumeResponse restored = ec2.createVolume(r -> r.availabilityZone("eu-west-1b").snapshotId(id));
        assertThat(restored.size()).as("the snapshot's size by default").isEqualTo(2);
        assertThat(restored.snapshotId()).isEqualTo(id);
        assertThat(restored.encrypted()).as("a volume of an encrypted snapshot is encrypted").isTrue();
        assertThat(restored.kmsKeyId()).isEqualTo(volume.kmsKeyId());
        assertThat(admin.getEbsData(restored.volumeId()).body()).isEqualTo(before);
        assertThat(admin.getEbsData(volume.volumeId()).body()).isEqualTo(after);
        assertThat(ec2.describeVolumes(r -> r.volumeIds(restored.volumeId())).volumes().get(0).snapshotId())
                .isEqualTo(id);
        assertThat(ec2.describeVolumes(r -> r.volumeIds(volume.volumeId())).volumes().get(0).snapshotId())
                .isEmpty();

        CreateVolumeResponse larger = ec2.createVolume(r -> r.availabilityZone("eu-west-1c").snapshotId(id).size(5)
                .volumeType("gp3"));
        assertThat(larger.size()).isEqualTo(5);
        assertThat(admin.getEbsData(larger.volumeId()).body()).isEqualTo(before);
        Ec2Exception smaller = expect(400, "InvalidParameterValue", () -> ec2.createVolume(r -> r
                .availabilityZone("eu-west-1a").snapshotId(id).size(1)));
        assertThat(smaller.awsErrorDetails().errorMessage())
                .isEqualTo("Volume of size 1GB is smaller than snapshot '" + id + "', expect size >= 2GB");

        // A snapshot of an empty volume keeps nothing, and its volume reads empty.
        String empty = ec2.createVolume(r -> r.availabilityZone("eu-west-1a").size(1)).volumeId();
        String emptySnapshot = ec2.createSnapshot(r -> r.volumeId(empty)).snapshotId();
        assertThat(ec2.describeSnapshots(r -> r.snapshotIds(emptySnapshot)).snapshots().get(0).description())
                .isEmpty();
        admin.advance(Duration.ofMinutes(1));
        String fromEmpty = ec2.createVolume(r -> r.availabilityZone("eu-west-1a").snapshotId(emptySnapshot))
                .volumeId();
        assertThat(admin.getEbsData(fromEmpty).body()).isEmpty();
    }

    @Test
    void describeSnapshotsFindsTheAccountsSnapshotsByOwnerIdFiltersAndTags() {
        String volume = ec2.createVolume(r -> r.availabilityZone("eu-west-1a").size(3)).volumeId();
        admin.putEbsData(volume, "data".getBytes(StandardCharsets.UTF_8));
        String first = ec2.createSnapshot(r -> r.volumeId(volume).description("payments nightly")
                .tagSpecifications(snapshotTags(tag("Team", "payments"), tag("Backup", "nightly")))).snapshotId();
        admin.advance(Duration.ofMinutes(2));
        String second = ec2.createSnapshot(r -> r.volumeId(volume).description("before upgrade")).snapshotId();

        assertThat(ec2.describeSnapshots(r -> r.ownerIds("self").filters(filter("volume-id", volume))).snapshots())
                .extracting(Snapshot::snapshotId).containsExactlyInAnyOrder(first, second);
        assertThat(ec2.describeSnapshots(r -> r.ownerIds(MANAGEMENT).filters(filter("volume-id", volume)))
                .snapshots()).hasSize(2);
        assertThat(ec2.describeSnapshots(r -> r.ownerIds("amazon").filters(filter("volume-id", volume)))
                .snapshots()).isEmpty();
        assertThat(ec2.describeSnapshots(r -> r.snapshotIds(second, first)).snapshots())
                .extracting(Snapshot::snapshotId).containsExactlyInAnyOrder(first, second);
        assertThat(ec2.describeSnapshots(r -> r.filters(filter("volume-id", volume), filter("status", "pending")))
                .snapshots()).extracting(Snapshot::snapshotId).containsExactly(second);
        assertThat(ec2.describeSnapshots(r -> r.filters(filter("volume-id", volume), filter("status", "completed")))
                .snapshots()).extracting(Snapshot::snapshotId).containsExactly(first);
        assertThat(ec2.describeSnapshots(r -> r.filters(filter("tag:Team", "pay*"))).snapshots())
                .extracting(Snapshot::snapshotId).containsExactly(first);
        assertThat(ec2.describeSnapshots(r -> r.filters(filter("tag-key", "Backup"), filter("volume-id", volume)))
                .snapshots()).extracting(Snapshot::snapshotId).containsExactly(first);
        assertThat(ec2.describeSnapshots(r -> r.filters(filter("description", "before *"),
                filter("volume-size", "3"), filter("encrypted", "false"), filter("owner-id", MANAGEMENT)))
                .snapshots()).extracting(Snapshot::snapshotId).containsExactly(second);
        assertThat(ec2.describeSnapshotsPaginator(r -> r.maxResults(5).filters(filter("volume-id", volume)))
                .snapshots().stream().map(Snapshot::snapshotId)).containsExactlyInAnyOrder(first, second);

        // Ordinary tags, as on a volume: CreateTags, DeleteTags, DescribeTags.
        ec2.createTags(r -> r.resources(second).tags(tag("Ticket", "CHG-42"), tag("Team", "payments")));
        ec2.deleteTags(r -> r.resources(first).tags(Tag.builder().key("Backup").build()));
        assertThat(ec2.describeSnapshots(r -> r.snapshotIds(second)).snapshots().get(0).tags())
                .containsExactlyInAnyOrder(tag("Ticket", "CHG-42"), tag("Team", "payments"));
        assertThat(ec2.describeSnapshots(r -> r.snapshotIds(first)).snapshots().get(0).tags())
                .containsExactly(tag("Team", "payments"));
        assertThat(ec2.describeTags(r -> r.filters(filter("resource-id", first, second))).tags())
                .extracting(TagDescription::resourceId, TagDescription::resourceTypeAsString, TagDescription::key)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(first, "snapshot", "Team"),
                        org.assertj.core.groups.Tuple.tuple(second, "snapshot", "Team"),
                        org.assertj.core.groups.Tuple.tuple(second, "snapshot", "Ticket"));
        expect(400, "InvalidParameterValue", () -> ec2.createTags(r -> r.resources(first).tags(tag("aws:x", "y"))));

        // Another account sees none of them.
        try (TestServer own = TestServer.start()) {
            ProductionAccount member = ProductionAccount.under(own, "allow-all", "{\"Version\":\"2012-10-17\","
                    + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}");
            try (Ec2Client mine = own.endpoint().client(Ec2Client.builder());
                 Ec2Client theirs = own.endpoint().client(Ec2Client.builder(), member.credentials())) {
                String v = mine.createVolume(r -> r.availabilityZone("eu-west-1a").size(1)).volumeId();
                String s = mine.createSnapshot(r -> r.volumeId(v)).snapshotId();
                assertThat(theirs.describeSnapshots(r -> r.ownerIds("self")).snapshots()).isEmpty();
                Ec2Exception unseen = expect(400, "InvalidSnapshot.NotFound",
                        () -> theirs.describeSnapshots(r -> r.snapshotIds(s)));
                assertThat(unseen.awsErrorDetails().errorMessage()).isEqualTo("The snapshot '" + s
                        + "' does not exist.");
                expect(400, "InvalidSnapshot.NotFound", () -> theirs.deleteSnapshot(r -> r.snapshotId(s)));
                expect(400, "InvalidVolume.NotFound", () -> theirs.createSnapshot(r -> r.volumeId(v)));
                assertThat(mine.describeSnapshots(r -> r.ownerIds("self")).snapshots()).hasSize(1);
            }
        }
    }

    @Test
    void deleteSnapshotRemovesItAndItsBytesAndVolumesMadeFromItKeepTheirs() {
        String volume = ec2.createVolume(r -> r.availabilityZone("eu-west-1a").size(1)).volumeId();
        byte[] bytes = diskBytes("to be deleted", 4096);
        admin.putEbsData(volume, bytes);
        String pendingOne = ec2.createSnapshot(r -> r.volumeId(volume)).snapshotId();
        ec2.deleteSnapshot(r -> r.snapshotId(pendingOne));
        assertThat(snapshotFile(pendingOne)).as("a pending snapshot is deleted too").doesNotExist();

        String id = ec2.createSnapshot(r -> r.volumeId(volume)).snapshotId();
        admin.advance(Duration.ofMinutes(2));
        String copy = ec2.createVolume(r -> r.availabilityZone("eu-west-1a").snapshotId(id)).volumeId();
        assertThat(snapshotFile(id)).exists();

        ec2.deleteSnapshot(r -> r.snapshotId(id));

        assertThat(snapshotFile(id)).doesNotExist();
        Ec2Exception gone = expect(400, "InvalidSnapshot.NotFound",
                () -> ec2.describeSnapshots(r -> r.snapshotIds(id)));
        assertThat(gone.awsErrorDetails().errorMessage()).isEqualTo("The snapshot '" + id + "' does not exist.");
        expect(400, "InvalidSnapshot.NotFound", () -> ec2.deleteSnapshot(r -> r.snapshotId(id)));
        expect(400, "InvalidSnapshot.NotFound", () -> ec2.createVolume(r -> r.availabilityZone("eu-west-1a")
                .snapshotId(id)));
        expect(400, "InvalidSnapshot.NotFound", () -> ec2.createTags(r -> r.resources(id).tags(tag("a", "b"))));
        assertThat(ec2.describeSnapshots(r -> r.filters(filter("volume-id", volume))).snapshots()).isEmpty();
        assertThat(admin.getEbsData(copy).body()).isEqualTo(bytes);
        // The timer of the deleted pending snapshot finds nothing to complete.
        admin.advance(Duration.ofMinutes(2));
        assertThat(ec2.describeSnapshots(r -> r.filters(filter("volume-id", volume))).snapshots()).isEmpty();
    }

    @Test
    void copySnapshotWithinTheRegionCopiesTheBytesAndMayEncryptThem() {
        String volume = ec2.createVolume(r -> r.availabilityZone("eu-west-1a").size(2)).volumeId();
        byte[] bytes = diskBytes("copied across", 20_000);
        admin.putEbsData(volume, bytes);
        String source = ec2.createSnapshot(r -> r.volumeId(volume).tagSpecifications(snapshotTags(tag("Team", "a"))))
                .snapshotId();
        // The SDK presigns a URL for the source Region and, without DestinationRegion, reads the destination Region
        // from the endpoint's host name, which 127.0.0.1 does not give (D127).
        Ec2Exception pending = expect(400, "IncorrectState", () -> ec2.copySnapshot(r -> r.sourceSnapshotId(source)
                .sourceRegion("eu-west-1").destinationRegion("eu-west-1")));
        assertThat(pending.awsErrorDetails().errorMessage()).isEqualTo("Snapshot is in invalid state - pending");
        admin.advance(Duration.ofMinutes(2));
        Instant now = admin.now();

        var copied = ec2.copySnapshot(r -> r.sourceSnapshotId(source).sourceRegion("eu-west-1").destinationRegion("eu-west-1").encrypted(true)
                .tagSpecifications(snapshotTags(tag("Copy", "yes"))));

        assertThat(copied.snapshotId()).matches("snap-[0-9a-f]{17}").isNotEqualTo(source);
        assertThat(copied.tags()).containsExactly(tag("Copy", "yes"));
        Snapshot copy = ec2.describeSnapshots(r -> r.snapshotIds(copied.snapshotId())).snapshots().get(0);
        assertThat(copy.stateAsString()).isEqualTo("pending");
        assertThat(copy.startTime()).isEqualTo(now);
        assertThat(copy.volumeId()).as("EC2's arbitrary volume id of a copy").isEqualTo("vol-ffffffff");
        assertThat(copy.volumeSize()).isEqualTo(2);
        assertThat(copy.description()).isEqualTo("[Copied " + source + " from eu-west-1]");
        assertThat(copy.encrypted()).isTrue();
        assertThat(copy.kmsKeyId()).isEqualTo("arn:aws:kms:eu-west-1:111111111111:alias/aws/ebs");
        assertThat(copy.tags()).containsExactly(tag("Copy", "yes"));
        assertThat(snapshotFile(copied.snapshotId())).hasBinaryContent(bytes);

        ec2.deleteSnapshot(r -> r.snapshotId(source));
        admin.advance(Duration.ofMinutes(2));
        assertThat(ec2.describeSnapshots(r -> r.snapshotIds(copied.snapshotId())).snapshots().get(0)
                .stateAsString()).isEqualTo("completed");
        CreateVolumeResponse fromCopy = ec2.createVolume(r -> r.availabilityZone("eu-west-1a")
                .snapshotId(copied.snapshotId()));
        assertThat(fromCopy.encrypted()).isTrue();
        assertThat(admin.getEbsData(fromCopy.volumeId()).body()).as("the copy outlives its source").isEqualTo(bytes);

        String plain = ec2.copySnapshot(r -> r.sourceSnapshotId(copied.snapshotId()).sourceRegion("eu-west-1").destinationRegion("eu-west-1")
                .description("second copy")).snapshotId();
        assertThat(ec2.describeSnapshots(r -> r.snapshotIds(plain)).snapshots().get(0).description())
                .isEqualTo("second copy");
        expect(400, "InvalidSnapshot.NotFound", () -> ec2.copySnapshot(r -> r.sourceSnapshotId(source)
                .sourceRegion("eu-west-1").destinationRegion("eu-west-1")));
        expect(400, "UnsupportedOperation", () -> ec2.copySnapshot(r -> r.sourceSnapshotId(copied.snapshotId())
                .sourceRegion("us-east-1").destinationRegion("eu-west-1")));
        expect(400, "InvalidParameterDependency", () -> ec2.copySnapshot(r -> r.sourceSnapshotId(plain)
                .sourceRegion("eu-west-1").destinationRegion("eu-west-1").kmsKeyId("alias/other")));
    }

    @Test
    void badRequestsAreRefusedAsEc2RefusesThem() {
        String volume = ec2.createVolume(r -> r.availabilityZone("eu-west-1a").size(1)).volumeId();
        Ec2Exception noVolume = expect(400, "InvalidVolume.NotFound",
                () -> ec2.createSnapshot(r -> r.volumeId("vol-0123456789abcdef0")));
        assertThat(noVolume.awsErrorDetails().errorMessage())
                .isEqualTo("The volume 'vol-0123456789abcdef0' does not exist.");
        expect(400, "InvalidVolumeID.Malformed", () -> ec2.createSnapshot(r -> r.volumeId("disk-1")));
        expect(400, "MissingParameter", () -> ec2.createSnapshot(r -> r.description("no volume")));
        Ec2Exception wrongType = expect(400, "InvalidParameterValue", () -> ec2.createSnapshot(r -> r.volumeId(volume)
                .tagSpecifications(t -> t.resourceType(ResourceType.VOLUME).tags(tag("a", "b")))));
        assertThat(wrongType.awsErrorDetails().errorMessage())
                .isEqualTo("'volume' is not a valid taggable resource type for this operation.");
        expect(400, "InvalidParameterValue", () -> ec2.createSnapshot(r -> r.volumeId(volume)
                .tagSpecifications(snapshotTags(tag("aws:backup:source-resource", volume)))));
        Ec2Exception dryRun = expect(412, "DryRunOperation", () -> ec2.createSnapshot(r -> r.volumeId(volume)
                .dryRun(true)));
        assertThat(dryRun.awsErrorDetails().errorMessage())
                .isEqualTo("Request would have succeeded, but DryRun flag is set.");
        assertThat(ec2.describeSnapshots(r -> r.filters(filter("volume-id", volume))).snapshots())
                .as("no refused call made a snapshot").isEmpty();

        expect(400, "InvalidSnapshotID.Malformed", () -> ec2.deleteSnapshot(r -> r.snapshotId("snapshot-1")));
        expect(400, "InvalidSnapshot.NotFound", () -> ec2.deleteSnapshot(r -> r.snapshotId("snap-0123456789abcdef0")));
        Ec2Exception unknown = expect(400, "InvalidSnapshot.NotFound", () -> ec2.createVolume(r -> r
                .availabilityZone("eu-west-1a").snapshotId("snap-0123456789abcdef0")));
        assertThat(unknown.awsErrorDetails().errorMessage())
                .isEqualTo("The snapshot 'snap-0123456789abcdef0' does not exist.");
        String id = ec2.createSnapshot(r -> r.volumeId(volume)).snapshotId();
        expect(400, "MissingParameter", () -> ec2.createVolume(r -> r.snapshotId(id)));
        expect(412, "DryRunOperation", () -> ec2.deleteSnapshot(r -> r.snapshotId(id).dryRun(true)));
        assertThat(ec2.describeSnapshots(r -> r.snapshotIds(id)).snapshots()).hasSize(1);
    }

    @Test
    void theScpStopsDeleteSnapshotForAllButBackupAdminRoleAndIamDecidesCreateSnapshotOnVolumeAndSnapshot() {
        try (TestServer own = TestServer.start()) {
            ProductionAccount member = ProductionAccount.under(own, "protect-backups", Ec2SnapshotsIT.PROTECT_BACKUPS);
            String snapshot;
            try (Ec2Client root = own.endpoint().client(Ec2Client.builder(), member.credentials())) {
                String volume = root.createVolume(r -> r.availabilityZone("eu-west-1a").size(1)).volumeId();
                // The teams' nightly Lambdas call CreateSnapshot directly: the SCP lets them.
                snapshot = root.createSnapshot(r -> r.volumeId(volume)).snapshotId();
                String id = snapshot;
                Ec2Exception denied = expect(403, "UnauthorizedOperation",
                        () -> root.deleteSnapshot(r -> r.snapshotId(id)));
                assertThat(denied.awsErrorDetails().errorMessage()).contains("ec2:DeleteSnapshot",
                        "arn:aws:ec2:eu-west-1::snapshot/" + id, "explicit deny in a service control policy");
                assertThat(root.describeSnapshots(r -> r.snapshotIds(id)).snapshots()).as("still there").hasSize(1);
            }
            try (IamClient iam = own.endpoint().client(IamClient.builder(), member.credentials())) {
                // A user allowed CreateSnapshot on volumes only: EC2 also asks for the new snapshot's ARN.
                AwsCredentials volumesOnly = user(iam, "nightly-lambda", "{\"Version\":\"2012-10-17\",\"Statement\":"
                        + "[{\"Effect\":\"Allow\",\"Action\":[\"ec2:CreateSnapshot\",\"ec2:CreateVolume\","
                        + "\"ec2:DescribeSnapshots\"],\"Resource\":\"arn:aws:ec2:*:*:volume/*\"}]}");
                AwsCredentials snapshotter = user(iam, "snapshotter", "{\"Version\":\"2012-10-17\",\"Statement\":"
                        + "[{\"Effect\":\"Allow\",\"Action\":[\"ec2:CreateSnapshot\",\"ec2:DescribeSnapshots\","
                        + "\"ec2:CreateVolume\"],\"Resource\":[\"arn:aws:ec2:*:*:volume/*\","
                        + "\"arn:aws:ec2:*::snapshot/*\"]}]}");
                iam.createRole(r -> r.roleName("BackupAdminRole").assumeRolePolicyDocument("{\"Version\":"
                        + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                        + "\"arn:aws:iam::" + member.accountId() + ":root\"},\"Action\":\"sts:AssumeRole\"}]}"));
                iam.putRolePolicy(r -> r.roleName("BackupAdminRole").policyName("snapshots").policyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                                + "[\"ec2:DeleteSnapshot\",\"ec2:DescribeSnapshots\"],\"Resource\":\"*\"}]}"));
                try (Ec2Client root = own.endpoint().client(Ec2Client.builder(), member.credentials());
                     Ec2Client lambda = own.endpoint().client(Ec2Client.builder(), volumesOnly);
                     Ec2Client user = own.endpoint().client(Ec2Client.builder(), snapshotter)) {
                    String volume = root.createVolume(r -> r.availabilityZone("eu-west-1a").size(1)).volumeId();
                    Ec2Exception notOnSnapshot = expect(403, "UnauthorizedOperation",
                            () -> lambda.createSnapshot(r -> r.volumeId(volume)));
                    assertThat(notOnSnapshot.awsErrorDetails().errorMessage()).contains("ec2:CreateSnapshot",
                            "arn:aws:ec2:eu-west-1::snapshot/*");

                    String mine = user.createSnapshot(r -> r.volumeId(volume)).snapshotId();
                    own.endpoint().admin().advance(Duration.ofMinutes(2));
                    Ec2Exception volumeNotFromSnapshot = expect(403, "UnauthorizedOperation",
                            () -> lambda.createVolume(r -> r.availabilityZone("eu-west-1a").snapshotId(mine)));
                    assertThat(volumeNotFromSnapshot.awsErrorDetails().errorMessage()).contains("ec2:CreateVolume",
                            "arn:aws:ec2:eu-west-1::snapshot/" + mine);
                    assertThat(user.createVolume(r -> r.availabilityZone("eu-west-1a").snapshotId(mine))
                            .snapshotId()).isEqualTo(mine);
                    Ec2Exception noPolicy = expect(403, "UnauthorizedOperation",
                            () -> user.deleteSnapshot(r -> r.snapshotId(mine)));
                    assertThat(noPolicy.awsErrorDetails().errorMessage()).contains("ec2:DeleteSnapshot");
                }
                String id = snapshot;
                AwsCredentials operator = user(iam, "operator", "{\"Version\":\"2012-10-17\",\"Statement\":"
                        + "[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}");
                try (StsClient sts = own.endpoint().client(StsClient.builder(), operator)) {
                    Credentials c = sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + member.accountId()
                            + ":role/BackupAdminRole").roleSessionName("cleanup")).credentials();
                    try (Ec2Client backupAdmin = own.endpoint().client(Ec2Client.builder(),
                            AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()))) {
                        backupAdmin.deleteSnapshot(r -> r.snapshotId(id));
                        expect(400, "InvalidSnapshot.NotFound",
                                () -> backupAdmin.describeSnapshots(r -> r.snapshotIds(id)));
                    }
                }
            }
        }
    }

    @Test
    void aPolicyOnTheSnapshotsTagsDecidesWhoDeletesWhich() {
        String volume = ec2.createVolume(r -> r.availabilityZone("eu-west-1a").size(1)).volumeId();
        String ops = ec2.createSnapshot(r -> r.volumeId(volume).tagSpecifications(snapshotTags(tag("team", "ops"))))
                .snapshotId();
        String other = ec2.createSnapshot(r -> r.volumeId(volume).tagSpecifications(snapshotTags(tag("team", "web"))))
                .snapshotId();
        try (IamClient iam = server.endpoint().client(IamClient.builder())) {
            AwsCredentials opsOnly = user(iam, "ops-cleaner", "{\"Version\":\"2012-10-17\",\"Statement\":"
                    + "[{\"Effect\":\"Allow\",\"Action\":\"ec2:DeleteSnapshot\",\"Resource\":\"*\","
                    + "\"Condition\":{\"StringEquals\":{\"aws:ResourceTag/team\":\"ops\"}}}]}");
            try (Ec2Client cleaner = server.endpoint().client(Ec2Client.builder(), opsOnly)) {
                Ec2Exception denied = expect(403, "UnauthorizedOperation",
                        () -> cleaner.deleteSnapshot(r -> r.snapshotId(other)));
                assertThat(denied.awsErrorDetails().errorMessage()).contains("arn:aws:ec2:eu-west-1::snapshot/"
                        + other);
                cleaner.deleteSnapshot(r -> r.snapshotId(ops));
            }
        }
        assertThat(ec2.describeSnapshots(r -> r.snapshotIds(other)).snapshots()).hasSize(1);
        expect(400, "InvalidSnapshot.NotFound", () -> ec2.describeSnapshots(r -> r.snapshotIds(ops)));
    }

    static AwsCredentials user(IamClient iam, String name, String policy) {
        iam.createUser(r -> r.userName(name));
        iam.putUserPolicy(r -> r.userName(name).policyName("ec2").policyDocument(policy));
        var key = iam.createAccessKey(r -> r.userName(name)).accessKey();
        return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
    }

    @Test
    void snapshotsAndTheirBytesSurviveARestartAndOrphanFilesGo() throws Exception {
        Path data = java.nio.file.Files.createTempDirectory("strongroom-snapshots");
        String id;
        byte[] bytes = diskBytes("kept across a restart", 10_000);
        Path orphan = data.resolve("ebs-snapshots").resolve("snap-0123456789abcdef0.snap");
        try (TestServer own = TestServer.start(ServerOptions.defaults(data).withPort(0));
             Ec2Client client = own.endpoint().client(Ec2Client.builder())) {
            String volume = client.createVolume(r -> r.availabilityZone("eu-west-1a").size(1)).volumeId();
            own.endpoint().admin().putEbsData(volume, bytes);
            id = client.createSnapshot(r -> r.volumeId(volume)).snapshotId();
            java.nio.file.Files.writeString(orphan, "left by a rolled-back call");
        }
        try (TestServer own = TestServer.start(ServerOptions.defaults(data).withPort(0));
             Ec2Client client = own.endpoint().client(Ec2Client.builder())) {
            assertThat(orphan).as("a file no snapshot owns is removed at start-up").doesNotExist();
            assertThat(client.describeSnapshots(r -> r.snapshotIds(id)).snapshots().get(0).stateAsString())
                    .isEqualTo("pending");
            own.endpoint().admin().advance(Duration.ofMinutes(2));
            String restored = client.createVolume(r -> r.availabilityZone("eu-west-1a").snapshotId(id)).volumeId();
            assertThat(own.endpoint().admin().getEbsData(restored).body()).isEqualTo(bytes);
        }
    }
}
