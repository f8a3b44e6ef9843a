package io.strongroom.it;

import io.strongroom.testkit.AwsCli;
import io.strongroom.testkit.Endpoint;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagDescription;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.PolicyType;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * EBS recovery points are EC2 snapshots of the vault's account (D106): DescribeSnapshots lists them with AWS Backup's
 * description and source tag, DeleteSnapshot refuses them as AWS does, and the seed's protect-backups SCP, which
 * denies ec2:DeleteSnapshot to everybody but BackupAdminRole, decides before EC2 does. CreateTags and DeleteTags change
 * their tags, and those of the snapshots behind AWS Backup's AMIs, for the account, until the point goes (D122).
 */
class Ec2SnapshotsIT {
    static final String PROTECT_BACKUPS = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"DenyBackupDeletion"
            + "ExceptAdmin\",\"Effect\":\"Deny\",\"Action\":[\"backup:DeleteRecoveryPoint\",\"ec2:DeleteSnapshot\"],"
            + "\"Resource\":\"*\",\"Condition\":{\"ArnNotEquals\":{\"aws:PrincipalArn\":"
            + "\"arn:aws:iam::*:role/BackupAdminRole\"}}}]}";
    static TestServer server;
    static Endpoint endpoint;
    static String member;
    static AwsCredentials memberRoot;
    static String volumeId;
    static String pointArn;
    static String vaultKey;

    @BeforeAll
    static void backUpAVolumeOfAProductionAccount() {
        server = TestServer.start();
        endpoint = server.endpoint();
        try (OrganizationsClient org = endpoint.client(OrganizationsClient.builder())) {
            org.createOrganization(r -> { });
            String root = org.listRoots().roots().get(0).id();
            String ou = org.createOrganizationalUnit(r -> r.parentId(root).name("Production")).organizationalUnit()
                    .id();
            String request = org.createAccount(r -> r.accountName("customer-api").email("api@example.com"))
                    .createAccountStatus().id();
            member = org.describeCreateAccountStatus(r -> r.createAccountRequestId(request)).createAccountStatus()
                    .accountId();
            org.moveAccount(r -> r.accountId(member).sourceParentId(root).destinationParentId(ou));
            String scp = org.createPolicy(r -> r.name("protect-backups").description("")
                    .type(PolicyType.SERVICE_CONTROL_POLICY).content(PROTECT_BACKUPS)).policy().policySummary().id();
            org.attachPolicy(r -> r.policyId(scp).targetId(root));
        }
        String[] key = endpoint.admin().rootAccessKey(member);
        memberRoot = AwsBasicCredentials.create(key[1], key[2]);
        String role = BackupJobsIT.defaultServiceRole(server, memberRoot);
        try (Ec2Client ec2 = endpoint.client(Ec2Client.builder(), memberRoot);
             BackupClient backup = endpoint.client(BackupClient.builder(), memberRoot)) {
            volumeId = ec2.createVolume(r -> r.availabilityZone("eu-west-1a").size(2).tagSpecifications(t -> t
                    .resourceType(ResourceType.VOLUME).tags(tag("Backup", "daily-prod"), tag("Name", "api-data"))))
                    .volumeId();
            endpoint.admin().putEbsData(volumeId, "block zero".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            backup.createBackupVault(r -> r.backupVaultName("local-prod-vault"));
            vaultKey = backup.describeBackupVault(r -> r.backupVaultName("local-prod-vault")).encryptionKeyArn();
            pointArn = backUp(backup, role, volumeId);
        }
    }

    /** An on-demand backup of a volume into local-prod-vault, COMPLETED an hour later; its recovery point. */
    static String backUp(BackupClient backup, String role, String volume) {
        String jobId = backup.startBackupJob(r -> r.backupVaultName("local-prod-vault").iamRoleArn(role)
                .resourceArn("arn:aws:ec2:eu-west-1:" + member + ":volume/" + volume)
                .recoveryPointTags(Map.of("Ticket", "none"))).backupJobId();
        endpoint.admin().advance(Duration.ofHours(1));
        var job = backup.describeBackupJob(r -> r.backupJobId(jobId));
        assertThat(job.stateAsString()).as(job.statusMessage()).isEqualTo("COMPLETED");
        return job.recoveryPointArn();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    static String snapshotId() {
        return pointArn.substring(pointArn.lastIndexOf('/') + 1);
    }

    static Ec2Client ec2(AwsCredentials credentials) {
        return endpoint.client(Ec2Client.builder(), credentials);
    }

    @Test
    void aVolumesRecoveryPointIsASnapshotOfTheAccount() {
        try (Ec2Client ec2 = ec2(memberRoot)) {
            List<Snapshot> snapshots = ec2.describeSnapshots(r -> r.ownerIds("self")
                    .filters(filter("volume-id", volumeId))).snapshots();

            assertThat(snapshots).hasSize(1);
            Snapshot s = snapshots.get(0);
            assertThat(pointArn).isEqualTo("arn:aws:ec2:eu-west-1::snapshot/" + s.snapshotId());
            assertThat(s.volumeId()).isEqualTo(volumeId);
            assertThat(s.stateAsString()).isEqualTo("completed");
            assertThat(s.progress()).isEqualTo("100%");
            assertThat(s.ownerId()).isEqualTo(member);
            assertThat(s.volumeSize()).isEqualTo(2);
            assertThat(s.description()).isEqualTo("This snapshot is created by the AWS Backup service.");
            assertThat(s.encrypted()).isTrue();
            assertThat(s.kmsKeyId()).isEqualTo(vaultKey);
            assertThat(s.storageTierAsString()).isEqualTo("standard");
            assertThat(s.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value))).containsExactlyInAnyOrderEntriesOf(
                    Map.of("Backup", "daily-prod", "Name", "api-data", "Ticket", "none",
                            "aws:backup:source-resource", volumeId));
        }
    }

    @Test
    void snapshotsAreFoundByIdOwnerAndFilters() {
        try (Ec2Client ec2 = ec2(memberRoot)) {
            assertThat(ec2.describeSnapshots(r -> r.snapshotIds(snapshotId())).snapshots()).hasSize(1);
            assertThat(ec2.describeSnapshots(r -> r.filters(filter("tag:Backup", "daily-*"),
                    filter("volume-id", volumeId))).snapshots()).hasSize(1);
            assertThat(ec2.describeSnapshots(r -> r.filters(filter("volume-id", volumeId),
                    filter("status", "completed"))).snapshots()).hasSize(1);
            assertThat(ec2.describeSnapshots(r -> r.filters(filter("tag-key", "aws:backup:source-resource"),
                    filter("volume-id", volumeId))).snapshots()).hasSize(1);
            assertThat(ec2.describeSnapshots(r -> r.filters(filter("volume-id", "vol-0123456789abcdef0")))
                    .snapshots()).isEmpty();
            assertThat(ec2.describeSnapshots(r -> r.ownerIds("amazon")).snapshots()).isEmpty();

            Ec2Exception unknown = catchThrowableOfType(Ec2Exception.class,
                    () -> ec2.describeSnapshots(r -> r.snapshotIds("snap-0123456789abcdef0")));
            assertThat(unknown.awsErrorDetails().errorCode()).isEqualTo("InvalidSnapshot.NotFound");
            assertThat(unknown.awsErrorDetails().errorMessage())
                    .isEqualTo("The snapshot 'snap-0123456789abcdef0' does not exist.");
            Ec2Exception malformed = catchThrowableOfType(Ec2Exception.class,
                    () -> ec2.describeSnapshots(r -> r.snapshotIds("snapshot-1")));
            assertThat(malformed.awsErrorDetails().errorCode()).isEqualTo("InvalidSnapshotID.Malformed");
            Ec2Exception badFilter = catchThrowableOfType(Ec2Exception.class,
                    () -> ec2.describeSnapshots(r -> r.filters(filter("colour", "blue"))));
            assertThat(badFilter.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
        }
        try (Ec2Client management = endpoint.client(Ec2Client.builder())) {
            assertThat(management.describeSnapshots(r -> r.ownerIds("self")).snapshots())
                    .as("another account's snapshots are not shared").isEmpty();
        }
    }

    @Test
    void theScpRefusesDeleteSnapshotToAllButBackupAdminRoleAndEc2RefusesAwsBackupsSnapshot() {
        try (Ec2Client ec2 = ec2(memberRoot)) {
            Ec2Exception denied = catchThrowableOfType(Ec2Exception.class,
                    () -> ec2.deleteSnapshot(r -> r.snapshotId(snapshotId())));
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("UnauthorizedOperation");
            assertThat(denied.awsErrorDetails().errorMessage()).contains("ec2:DeleteSnapshot",
                    "explicit deny in a service control policy");
        }
        try (Ec2Client admin = ec2(backupAdmin())) {
            Ec2Exception managed = catchThrowableOfType(Ec2Exception.class,
                    () -> admin.deleteSnapshot(r -> r.snapshotId(snapshotId())));
            assertThat(managed.statusCode()).isEqualTo(400);
            assertThat(managed.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
            assertThat(managed.awsErrorDetails().errorMessage()).isEqualTo("This snapshot is managed by the AWS Backup "
                    + "service and cannot be deleted via EC2 APIs. If you wish to delete this snapshot, please do so "
                    + "via the Backup console.");
            Ec2Exception unknown = catchThrowableOfType(Ec2Exception.class,
                    () -> admin.deleteSnapshot(r -> r.snapshotId("snap-0123456789abcdef0")));
            assertThat(unknown.awsErrorDetails().errorCode()).isEqualTo("InvalidSnapshot.NotFound");
            assertThat(admin.describeSnapshots(r -> r.snapshotIds(snapshotId())).snapshots())
                    .as("still there").hasSize(1);
        }
    }

    @Test
    void aVolumeIsNotMadeFromAwsBackupsSnapshotButRestoredThroughAwsBackup() {
        try (Ec2Client ec2 = ec2(memberRoot)) {
            Ec2Exception fromBackup = catchThrowableOfType(Ec2Exception.class, () -> ec2.createVolume(r -> r
                    .availabilityZone("eu-west-1a").snapshotId(snapshotId())));
            assertThat(fromBackup.statusCode()).isEqualTo(400);
            assertThat(fromBackup.awsErrorDetails().errorCode()).isEqualTo("UnsupportedOperation");
            assertThat(fromBackup.awsErrorDetails().errorMessage()).contains("StartRestoreJob");
            Ec2Exception unknown = catchThrowableOfType(Ec2Exception.class, () -> ec2.createVolume(r -> r
                    .availabilityZone("eu-west-1a").snapshotId("snap-0123456789abcdef0")));
            assertThat(unknown.awsErrorDetails().errorCode()).isEqualTo("InvalidSnapshot.NotFound");
        }
    }

    @Test
    void theAwsCliListsTheSnapshot() throws Exception {
        java.nio.file.Path credentials = java.nio.file.Files.createTempFile("member", ".credentials");
        java.nio.file.Files.writeString(credentials, "[strongroom]\naws_access_key_id = " + memberRoot.accessKeyId()
                + "\naws_secret_access_key = " + memberRoot.secretAccessKey() + "\n");
        AwsCli.Result listed = new AwsCli(endpoint).run(Map.of("AWS_SHARED_CREDENTIALS_FILE", credentials.toString()),
                "ec2", "describe-snapshots", "--owner-ids", "self", "--filters", "Name=volume-id,Values=" + volumeId,
                "--query", "Snapshots[].[SnapshotId,VolumeId]",
                "--output", "text");

        assertThat(listed.exitCode()).as(listed.stderr()).isZero();
        assertThat(listed.stdout().strip()).isEqualTo(snapshotId() + "\t" + volumeId);
    }

    @Test
    void aRecoveryPointAwsBackupDeletesTakesItsSnapshotWithIt() {
        String role = "arn:aws:iam::" + member + ":role/service-role/AWSBackupDefaultServiceRole";
        String other;
        String point;
        try (Ec2Client ec2 = ec2(memberRoot); BackupClient backup = endpoint.client(BackupClient.builder(),
                memberRoot)) {
            other = ec2.createVolume(r -> r.availabilityZone("eu-west-1a").size(1)).volumeId();
            point = backUp(backup, role, other);
            assertThat(ec2.describeSnapshots(r -> r.filters(filter("volume-id", other))).snapshots()).hasSize(1);
        }
        try (BackupClient admin = endpoint.client(BackupClient.builder(), backupAdmin());
             Ec2Client ec2 = ec2(memberRoot)) {
            admin.deleteRecoveryPoint(r -> r.backupVaultName("local-prod-vault").recoveryPointArn(point));
            assertThat(ec2.describeSnapshots(r -> r.filters(filter("volume-id", other))).snapshots())
                    .as("AWS Backup deletes the snapshot as it deletes the point (D120)").isEmpty();
            String id = point.substring(point.lastIndexOf('/') + 1);
            Ec2Exception deleting = catchThrowableOfType(Ec2Exception.class,
                    () -> ec2.describeSnapshots(r -> r.snapshotIds(id)));
            assertThat(deleting.awsErrorDetails().errorCode()).isEqualTo("InvalidSnapshot.NotFound");
            endpoint.admin().advance(Duration.ofMinutes(5));

            assertThat(ec2.describeSnapshots(r -> r.filters(filter("volume-id", other))).snapshots()).isEmpty();
            assertThat(ec2.describeSnapshots(r -> r.filters(filter("volume-id", volumeId))).snapshots()).hasSize(1);
        }
    }

    static final String SOURCE_TAG = "aws:backup:source-resource";
    static final String ROLE_PATH = ":role/service-role/AWSBackupDefaultServiceRole";

    static Map<String, String> tagsOf(Ec2Client ec2, String snapshotId) {
        return ec2.describeSnapshots(r -> r.snapshotIds(snapshotId)).snapshots().get(0).tags().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
    }

    static Ec2Exception error(Runnable call) {
        return catchThrowableOfType(Ec2Exception.class, call::run);
    }

    /** An instance of the member backed up into local-prod-vault, COMPLETED an hour later; its recovery point. */
    static String backUpAnInstance(Ec2Client ec2, BackupClient backup, String name) {
        String image = Ec2InstancesIT.amazonLinux(ec2);
        String instance = ec2.runInstances(r -> r.imageId(image).instanceType(InstanceType.T3_MICRO).minCount(1)
                .maxCount(1).tagSpecifications(t -> t.resourceType(ResourceType.INSTANCE).tags(tag("Name", name))))
                .instances().get(0).instanceId();
        String jobId = backup.startBackupJob(r -> r.backupVaultName("local-prod-vault")
                .iamRoleArn("arn:aws:iam::" + member + ROLE_PATH)
                .resourceArn("arn:aws:ec2:eu-west-1:" + member + ":instance/" + instance)).backupJobId();
        endpoint.admin().advance(Duration.ofHours(1));
        var job = backup.describeBackupJob(r -> r.backupJobId(jobId));
        assertThat(job.stateAsString()).as(job.statusMessage()).isEqualTo("COMPLETED");
        return job.recoveryPointArn();
    }

    @Test
    void createTagsAndDeleteTagsChangeABackupSnapshotsAndAnImagesSnapshotsTagsForItsAccount() {
        String role = "arn:aws:iam::" + member + ROLE_PATH;
        try (Ec2Client ec2 = ec2(memberRoot); BackupClient backup = endpoint.client(BackupClient.builder(),
                memberRoot)) {
            String volume = ec2.createVolume(r -> r.availabilityZone("eu-west-1a").size(1).tagSpecifications(t -> t
                    .resourceType(ResourceType.VOLUME).tags(tag("Name", "tagged-data")))).volumeId();
            String snapshot = id(backUp(backup, role, volume));
            String imagePoint = backUpAnInstance(ec2, backup, "tagged-web");
            String imageSnapshot = ec2.describeImages(r -> r.imageIds(id(imagePoint))).images().get(0)
                    .blockDeviceMappings().get(0).ebs().snapshotId();
            Map<String, String> imageSnapshotTags = tagsOf(ec2, imageSnapshot);

            ec2.createTags(r -> r.resources(snapshot, imageSnapshot).tags(tag("Owner", "data-team"),
                    tag("Name", "renamed")));
            ec2.deleteTags(r -> r.resources(snapshot).tags(Tag.builder().key("Ticket").build(),
                    tag("Name", "not-its-value")));

            assertThat(tagsOf(ec2, snapshot)).containsExactlyInAnyOrderEntriesOf(Map.of("Name", "renamed",
                    "Owner", "data-team", SOURCE_TAG, volume));
            Map<String, String> expected = new java.util.HashMap<>(imageSnapshotTags);
            expected.put("Owner", "data-team");
            expected.put("Name", "renamed");
            assertThat(tagsOf(ec2, imageSnapshot)).containsExactlyInAnyOrderEntriesOf(expected);
            assertThat(ec2.describeImages(r -> r.imageIds(id(imagePoint))).images().get(0).tags())
                    .as("a snapshot's tags are not its image's").extracting(Tag::key).doesNotContain("Owner");
            assertThat(ec2.describeSnapshots(r -> r.ownerIds("self").filters(filter("tag:Owner", "data-*")))
                    .snapshots()).extracting(Snapshot::snapshotId)
                    .containsExactlyElementsOf(java.util.stream.Stream.of(snapshot, imageSnapshot).sorted().toList());
            assertThat(ec2.describeSnapshots(r -> r.filters(filter("tag-key", "Owner"), filter("volume-id", volume)))
                    .snapshots()).extracting(Snapshot::snapshotId).containsExactly(snapshot);
            assertThat(ec2.describeTags(r -> r.filters(filter("resource-type", "snapshot"),
                    filter("resource-id", snapshot))).tags())
                    .extracting(TagDescription::resourceId, TagDescription::resourceTypeAsString, TagDescription::key,
                            TagDescription::value)
                    .containsExactly(tuple(snapshot, "snapshot", "Name", "renamed"),
                            tuple(snapshot, "snapshot", "Owner", "data-team"),
                            tuple(snapshot, "snapshot", SOURCE_TAG, volume));
            assertThat(ec2.describeTags(r -> r.filters(filter("resource-type", "snapshot"), filter("key", "Owner"),
                    filter("value", "data-team"))).tags()).extracting(TagDescription::resourceId)
                    .containsExactlyElementsOf(java.util.stream.Stream.of(snapshot, imageSnapshot).sorted().toList());

            ec2.deleteTags(r -> r.resources(snapshot, imageSnapshot).tags(tag("Owner", "data-team")));
            assertThat(tagsOf(ec2, snapshot)).doesNotContainKey("Owner");
            assertThat(tagsOf(ec2, imageSnapshot)).doesNotContainKey("Owner");
            ec2.deleteTags(r -> r.resources(snapshot));
            assertThat(tagsOf(ec2, snapshot)).as("every tag but AWS's").containsExactlyEntriesOf(Map.of(SOURCE_TAG,
                    volume));
        }
    }

    @Test
    void unknownSnapshotsAwsKeysTooManyTagsAndOtherAccountsAreRefusedAndChangeNothing() {
        String role = "arn:aws:iam::" + member + ROLE_PATH;
        try (Ec2Client ec2 = ec2(memberRoot); BackupClient backup = endpoint.client(BackupClient.builder(),
                memberRoot)) {
            String volume = ec2.createVolume(r -> r.availabilityZone("eu-west-1a").size(1)).volumeId();
            String snapshot = id(backUp(backup, role, volume));
            Map<String, String> given = tagsOf(ec2, snapshot);

            Ec2Exception unknown = error(() -> ec2.createTags(r -> r.resources(snapshot, "snap-0123456789abcdef0")
                    .tags(tag("Owner", "x"))));
            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(unknown.awsErrorDetails().errorCode()).isEqualTo("InvalidSnapshot.NotFound");
            assertThat(unknown.awsErrorDetails().errorMessage())
                    .isEqualTo("The snapshot 'snap-0123456789abcdef0' does not exist.");
            Ec2Exception unknownDelete = error(() -> ec2.deleteTags(r -> r.resources("snap-0123456789abcdef0")));
            assertThat(unknownDelete.awsErrorDetails().errorCode()).isEqualTo("InvalidSnapshot.NotFound");
            Ec2Exception malformed = error(() -> ec2.createTags(r -> r.resources("snap-xyz").tags(tag("Owner", "x"))));
            assertThat(malformed.awsErrorDetails().errorCode()).isEqualTo("InvalidSnapshotID.Malformed");
            assertThat(malformed.awsErrorDetails().errorMessage())
                    .isEqualTo("Invalid id: \"snap-xyz\" (expecting \"snap-...\")");

            Ec2Exception reserved = error(() -> ec2.createTags(r -> r.resources(snapshot).tags(tag("aws:owner",
                    "x"))));
            assertThat(reserved.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
            assertThat(reserved.awsErrorDetails().errorMessage())
                    .isEqualTo("Tag keys starting with 'aws:' are reserved for internal use");
            Ec2Exception reservedDelete = error(() -> ec2.deleteTags(r -> r.resources(snapshot).tags(Tag.builder()
                    .key(SOURCE_TAG).build())));
            assertThat(reservedDelete.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");

            List<Tag> many = java.util.stream.IntStream.range(0, 50 - given.size() + 1)
                    .mapToObj(i -> tag("k" + i, "v")).toList();
            Ec2Exception limit = error(() -> ec2.createTags(r -> r.resources(snapshot).tags(many)));
            assertThat(limit.awsErrorDetails().errorCode()).isEqualTo("TagLimitExceeded");
            assertThat(limit.awsErrorDetails().errorMessage())
                    .isEqualTo("The maximum number of Tags for a resource has been reached.");
            ec2.createTags(r -> r.resources(snapshot).tags(many.subList(1, many.size())));
            assertThat(tagsOf(ec2, snapshot)).as("50 tags are allowed").hasSize(50);
            ec2.deleteTags(r -> r.resources(snapshot).tags(many));

            try (Ec2Client management = endpoint.client(Ec2Client.builder())) {
                Ec2Exception other = error(() -> management.createTags(r -> r.resources(snapshot)
                        .tags(tag("Owner", "x"))));
                assertThat(other.statusCode()).as("another account's snapshot: the Authorizer refuses first")
                        .isEqualTo(403);
                assertThat(other.awsErrorDetails().errorCode()).isEqualTo("UnauthorizedOperation");
            }
            assertThat(tagsOf(ec2, snapshot)).isEqualTo(given);
        }
    }

    @Test
    void aRecoveryPointAwsBackupDeletesTakesItsSnapshotsTagsWithIt() {
        String role = "arn:aws:iam::" + member + ROLE_PATH;
        String snapshot;
        String imagePoint;
        String snapshotPoint;
        String imageSnapshot;
        try (Ec2Client ec2 = ec2(memberRoot); BackupClient backup = endpoint.client(BackupClient.builder(),
                memberRoot)) {
            String volume = ec2.createVolume(r -> r.availabilityZone("eu-west-1a").size(1)).volumeId();
            snapshotPoint = backUp(backup, role, volume);
            snapshot = id(snapshotPoint);
            imagePoint = backUpAnInstance(ec2, backup, "short-lived");
            imageSnapshot = ec2.describeImages(r -> r.imageIds(id(imagePoint))).images().get(0)
                    .blockDeviceMappings().get(0).ebs().snapshotId();
            ec2.createTags(r -> r.resources(snapshot, imageSnapshot, id(imagePoint)).tags(tag("Owner", "gone")));
            assertThat(ec2.describeTags(r -> r.filters(filter("value", "gone"))).tags())
                    .extracting(TagDescription::resourceTypeAsString)
                    .containsExactlyInAnyOrder("snapshot", "snapshot", "image");
            assertThat(storedEdits(snapshot, imageSnapshot, id(imagePoint))).containsExactly(true, true, true);
        }
        try (BackupClient admin = endpoint.client(BackupClient.builder(), backupAdmin());
             Ec2Client ec2 = ec2(memberRoot)) {
            admin.deleteRecoveryPoint(r -> r.backupVaultName("local-prod-vault").recoveryPointArn(snapshotPoint));
            admin.deleteRecoveryPoint(r -> r.backupVaultName("local-prod-vault").recoveryPointArn(imagePoint));
            endpoint.admin().advance(Duration.ofMinutes(5));

            assertThat(ec2.describeTags(r -> r.filters(filter("value", "gone"))).tags()).isEmpty();
            for (String id : List.of(snapshot, imageSnapshot)) {
                Ec2Exception gone = error(() -> ec2.createTags(r -> r.resources(id).tags(tag("Owner", "again"))));
                assertThat(gone.awsErrorDetails().errorCode()).isEqualTo("InvalidSnapshot.NotFound");
            }
            assertThat(storedEdits(snapshot, imageSnapshot, id(imagePoint))).as("the edits went with the points")
                    .containsExactly(false, false, false);
        }
    }

    /** Whether the member's tag edits of two snapshots and an image are stored (not observable through EC2). */
    static List<Boolean> storedEdits(String snapshot, String imageSnapshot, String image) {
        return server.server().store().read(tx -> List.of(
                io.strongroom.ec2.TagEditsRepository.SNAPSHOTS.get(tx, member, "eu-west-1", snapshot).isPresent(),
                io.strongroom.ec2.TagEditsRepository.SNAPSHOTS.get(tx, member, "eu-west-1", imageSnapshot)
                        .isPresent(),
                io.strongroom.ec2.TagEditsRepository.IMAGES.get(tx, member, "eu-west-1", image).isPresent()));
    }

    static String id(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    static AwsCredentials operator;

    /** BackupAdminRole's session in the member account, assumed by an operator user (root may not assume roles). */
    static synchronized AwsCredentials backupAdmin() {
        if (operator == null) {
            operator = createBackupAdminRoleAndOperator();
        }
        try (StsClient sts = endpoint.client(StsClient.builder(), operator)) {
            Credentials c = sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + member + ":role/BackupAdminRole")
                    .roleSessionName("ceremony")).credentials();
            return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
        }
    }

    static AwsCredentials createBackupAdminRoleAndOperator() {
        try (IamClient iam = endpoint.client(IamClient.builder(), memberRoot)) {
            iam.createRole(r -> r.roleName("BackupAdminRole").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                    + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + member
                    + ":root\"},\"Action\":\"sts:AssumeRole\"}]}"));
            iam.putRolePolicy(r -> r.roleName("BackupAdminRole").policyName("snapshots").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                            + "[\"ec2:DeleteSnapshot\",\"ec2:DescribeSnapshots\",\"backup:DeleteRecoveryPoint\"],"
                            + "\"Resource\":\"*\"}]}"));
            iam.createUser(r -> r.userName("operator"));
            iam.putUserPolicy(r -> r.userName("operator").policyName("assume").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
                            + "\"Resource\":\"*\"}]}"));
            var key = iam.createAccessKey(r -> r.userName("operator")).accessKey();
            return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
        }
    }
}
