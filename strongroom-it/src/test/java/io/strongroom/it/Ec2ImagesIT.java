package io.strongroom.it;

import io.strongroom.testkit.AwsCli;
import io.strongroom.testkit.Endpoint;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagDescription;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * An instance's recovery point is an AMI of the vault's account (D113): DescribeImages lists it with AWS Backup's name,
 * description, source tag and the instance's devices and tags, pending while the job runs; DeregisterImage refuses
 * it as AWS does; it goes when AWS Backup deletes the point; the catalogue's public images are described as before.
 * The snapshots behind its mappings are listed by DescribeSnapshots and refused by DeleteSnapshot as in use, and
 * CreateTags and DeleteTags change its tags (D118).
 */
class Ec2ImagesIT {
    static final String SOURCE_TAG = "aws:backup:source-resource";
    static TestServer server;
    static Endpoint endpoint;
    static String member;
    static AwsCredentials memberRoot;
    static String role;
    static String amazonLinux;
    static String instanceId;
    static String pointArn;

    @BeforeAll
    static void backUpAnInstanceOfAMemberAccount() {
        server = TestServer.start();
        endpoint = server.endpoint();
        try (OrganizationsClient org = endpoint.client(OrganizationsClient.builder())) {
            org.createOrganization(r -> { });
            String request = org.createAccount(r -> r.accountName("web").email("web@example.com"))
                    .createAccountStatus().id();
            member = org.describeCreateAccountStatus(r -> r.createAccountRequestId(request)).createAccountStatus()
                    .accountId();
        }
        String[] key = endpoint.admin().rootAccessKey(member);
        memberRoot = AwsBasicCredentials.create(key[1], key[2]);
        role = BackupJobsIT.defaultServiceRole(server, memberRoot);
        try (Ec2Client ec2 = ec2(memberRoot); BackupClient backup = backup()) {
            amazonLinux = Ec2InstancesIT.amazonLinux(ec2);
            instanceId = launch(ec2, "web-1");
            backup.createBackupVault(r -> r.backupVaultName("local-prod-vault"));
            pointArn = startBackup(backup, instanceId);
            endpoint.admin().advance(Duration.ofHours(1));
            assertThat(backup.describeRecoveryPoint(r -> r.backupVaultName("local-prod-vault")
                    .recoveryPointArn(pointArn)).statusAsString()).isEqualTo("COMPLETED");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Ec2Client ec2(AwsCredentials credentials) {
        return endpoint.client(Ec2Client.builder(), credentials);
    }

    static BackupClient backup() {
        return endpoint.client(BackupClient.builder(), memberRoot);
    }

    static String launch(Ec2Client ec2, String name) {
        return ec2.runInstances(r -> r.imageId(amazonLinux).instanceType(InstanceType.T3_MICRO).minCount(1)
                .maxCount(1).tagSpecifications(t -> t.resourceType(ResourceType.INSTANCE)
                        .tags(tag("Name", name), tag("Backup", "daily-prod"))))
                .instances().get(0).instanceId();
    }

    /** An on-demand backup of an instance into local-prod-vault; its recovery point's ARN. */
    static String startBackup(BackupClient backup, String instance) {
        String jobId = backup.startBackupJob(r -> r.backupVaultName("local-prod-vault").iamRoleArn(role)
                .resourceArn("arn:aws:ec2:eu-west-1:" + member + ":instance/" + instance)
                .recoveryPointTags(Map.of("Ticket", "none", "Name", "web-1 nightly"))).backupJobId();
        String arn = backup.describeBackupJob(r -> r.backupJobId(jobId)).recoveryPointArn();
        assertThat(arn).as("the job runs at once").isNotNull();
        return arn;
    }

    static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    static String imageId(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    static List<Image> imagesOf(Ec2Client ec2, String instance) {
        return ec2.describeImages(r -> r.owners("self").filters(filter("source-instance-id", instance))).images();
    }

    static Image image(Ec2Client ec2, String id) {
        return ec2.describeImages(r -> r.imageIds(id)).images().get(0);
    }

    static Map<String, String> tagMap(List<Tag> tags) {
        return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value));
    }

    static Ec2Exception error(Runnable call) {
        return catchThrowableOfType(Ec2Exception.class, call::run);
    }

    @Test
    void anInstancesRecoveryPointIsAnImageOfTheVaultsAccount() {
        try (Ec2Client ec2 = ec2(memberRoot)) {
            List<Image> own = ec2.describeImages(r -> r.owners("self")).images();

            assertThat(own).allSatisfy(i -> assertThat(i.ownerId()).isEqualTo(member))
                    .extracting(Image::imageId).contains(imageId(pointArn)).doesNotContain(amazonLinux);
            Image image = own.stream().filter(i -> i.imageId().equals(imageId(pointArn))).findFirst().orElseThrow();
            assertThat(pointArn).isEqualTo("arn:aws:ec2:eu-west-1::image/" + image.imageId());
            assertThat(image.name()).matches("AwsBackup_" + instanceId + "_[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");
            assertThat(image.description()).isEqualTo("This image is created by the AWS Backup service.");
            assertThat(image.stateAsString()).isEqualTo("available");
            assertThat(image.ownerId()).isEqualTo(member);
            assertThat(image.imageOwnerAlias()).isNull();
            assertThat(image.publicLaunchPermissions()).isFalse();
            assertThat(image.imageTypeAsString()).isEqualTo("machine");
            assertThat(image.sourceInstanceId()).isEqualTo(instanceId);
            assertThat(image.creationDate()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(image.architectureAsString()).isEqualTo("x86_64");
            assertThat(image.rootDeviceName()).isEqualTo("/dev/xvda");
            assertThat(image.rootDeviceTypeAsString()).isEqualTo("ebs");
            assertThat(image.platformDetails()).isEqualTo("Linux/UNIX");
            assertThat(image.blockDeviceMappings()).singleElement().satisfies(m -> {
                assertThat(m.deviceName()).isEqualTo("/dev/xvda");
                assertThat(m.ebs().snapshotId()).matches("snap-0[0-9a-f]{16}");
                assertThat(m.ebs().volumeSize()).isEqualTo(8);
                assertThat(m.ebs().volumeTypeAsString()).isEqualTo("gp3");
                assertThat(m.ebs().deleteOnTermination()).isTrue();
            });
            assertThat(image.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value)))
                    .as("the instance's tags, the point's (which win) and AWS Backup's source tag")
                    .containsExactlyInAnyOrderEntriesOf(Map.of("Name", "web-1 nightly", "Backup", "daily-prod",
                            "Ticket", "none", SOURCE_TAG, instanceId));
        }
    }

    @Test
    void backupImagesAreFoundByIdOwnerAndFiltersAndOnlyByTheirAccount() {
        String id = imageId(pointArn);
        try (Ec2Client ec2 = ec2(memberRoot)) {
            assertThat(ec2.describeImages(r -> r.imageIds(id)).images()).extracting(Image::imageId).containsExactly(id);
            assertThat(ec2.describeImages(r -> r.imageIds(id, amazonLinux)).images()).extracting(Image::imageId)
                    .containsExactlyInAnyOrder(id, amazonLinux);
            assertThat(ec2.describeImages(r -> r.owners(member)).images()).extracting(Image::imageId).contains(id);
            assertThat(ec2.describeImages(r -> r.owners("amazon")).images()).extracting(Image::imageId)
                    .doesNotContain(id).contains(amazonLinux);
            for (List<Filter> filters : List.of(List.of(filter("image-id", id)),
                    List.of(filter("name", "AwsBackup_" + instanceId + "_*")),
                    List.of(filter("state", "available"), filter("tag:Backup", "daily-*")),
                    List.of(filter("tag-key", SOURCE_TAG), filter("is-public", "false")),
                    List.of(filter("tag:" + SOURCE_TAG, instanceId)),
                    List.of(filter("description", "This image is created by the AWS Backup service.")))) {
                assertThat(ec2.describeImages(r -> r.filters(filters)).images()).as(filters.toString())
                        .extracting(Image::imageId).contains(id).doesNotContain(amazonLinux);
            }
            assertThat(ec2.describeImages(r -> r.imageIds(id).filters(filter("state", "pending"))).images())
                    .isEmpty();
            assertThat(ec2.describeImages(r -> r.filters(filter("tag:Backup", "weekly"))).images()).isEmpty();
            Ec2Exception badFilter = error(() -> ec2.describeImages(r -> r.filters(filter("colour", "blue"))));
            assertThat(badFilter.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
        }
        try (Ec2Client management = endpoint.client(Ec2Client.builder())) {
            assertThat(management.describeImages(r -> r.owners("self")).images())
                    .as("another account's images are not shared").isEmpty();
            Ec2Exception notShared = error(() -> management.describeImages(r -> r.imageIds(id)));
            assertThat(notShared.statusCode()).isEqualTo(400);
            assertThat(notShared.awsErrorDetails().errorCode()).isEqualTo("InvalidAMIID.NotFound");
            assertThat(notShared.awsErrorDetails().errorMessage()).isEqualTo("The image id '[" + id
                    + "]' does not exist");
        }
    }

    @Test
    void theCatalogueIsDescribedAsBefore() {
        try (Ec2Client ec2 = ec2(memberRoot)) {
            Image al2023 = ec2.describeImages(r -> r.imageIds(amazonLinux)).images().get(0);
            assertThat(al2023.name()).startsWith("al2023-ami-");
            assertThat(al2023.ownerId()).isEqualTo("137112412989");
            assertThat(al2023.imageOwnerAlias()).isEqualTo("amazon");
            assertThat(al2023.publicLaunchPermissions()).isTrue();
            assertThat(al2023.stateAsString()).isEqualTo("available");
            assertThat(al2023.sourceInstanceId()).isNull();
            assertThat(al2023.tags()).isEmpty();
            BlockDeviceMapping root = al2023.blockDeviceMappings().get(0);
            assertThat(root.deviceName()).isEqualTo("/dev/xvda");
            assertThat(root.ebs().volumeSize()).isEqualTo(8);
            assertThat(root.ebs().encrypted()).isFalse();
            assertThat(root.ebs().iops()).isEqualTo(3000);
            assertThat(root.ebs().throughput()).isEqualTo(125);
            assertThat(ec2.describeImages(r -> r.owners("amazon", "099720109477")).images()).hasSize(3);
        }
    }

    @Test
    void deregisterImageRefusesAwsBackupsImageAndImagesOfOtherAccounts() {
        String id = imageId(pointArn);
        try (Ec2Client ec2 = ec2(memberRoot)) {
            Ec2Exception managed = error(() -> ec2.deregisterImage(r -> r.imageId(id)));
            assertThat(managed.statusCode()).isEqualTo(400);
            assertThat(managed.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
            assertThat(managed.awsErrorDetails().errorMessage()).isEqualTo("This image is managed by the AWS Backup "
                    + "service and cannot be deregistered via EC2 APIs. If you wish to deregister this image, please "
                    + "do so via the Backup console.");
            Ec2Exception publicImage = error(() -> ec2.deregisterImage(r -> r.imageId(amazonLinux)));
            assertThat(publicImage.statusCode()).isEqualTo(400);
            assertThat(publicImage.awsErrorDetails().errorCode()).isEqualTo("AuthFailure");
            assertThat(publicImage.awsErrorDetails().errorMessage()).isEqualTo("Not authorized for image:"
                    + amazonLinux);
            Ec2Exception unknown = error(() -> ec2.deregisterImage(r -> r.imageId("ami-0123456789abcdef0")));
            assertThat(unknown.awsErrorDetails().errorCode()).isEqualTo("InvalidAMIID.NotFound");
            Ec2Exception malformed = error(() -> ec2.deregisterImage(r -> r.imageId("image-1")));
            assertThat(malformed.awsErrorDetails().errorCode()).isEqualTo("InvalidAMIID.Malformed");
            Ec2Exception dryRun = error(() -> ec2.deregisterImage(r -> r.imageId(id).dryRun(true)));
            assertThat(dryRun.awsErrorDetails().errorCode()).isEqualTo("DryRunOperation");

            assertThat(ec2.describeImages(r -> r.imageIds(id)).images()).as("still there").hasSize(1);
        }
    }

    @Test
    void aCallerWithoutEc2PermissionsIsDeniedBeforeEc2Answers() {
        AwsCredentials viewer;
        try (IamClient iam = endpoint.client(IamClient.builder(), memberRoot)) {
            iam.createUser(r -> r.userName("viewer"));
            iam.putUserPolicy(r -> r.userName("viewer").policyName("images").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                            + "\"ec2:DescribeImages\",\"Resource\":\"*\"}]}"));
            var key = iam.createAccessKey(r -> r.userName("viewer")).accessKey();
            viewer = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
        }
        try (Ec2Client ec2 = ec2(viewer)) {
            assertThat(ec2.describeImages(r -> r.owners("self")).images()).extracting(Image::imageId)
                    .contains(imageId(pointArn));
            Ec2Exception denied = error(() -> ec2.deregisterImage(r -> r.imageId(imageId(pointArn))));
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("UnauthorizedOperation");
            assertThat(denied.getMessage()).contains("ec2:DeregisterImage",
                    "arn:aws:ec2:eu-west-1::image/" + imageId(pointArn));
        }
    }

    @Test
    void theImageIsPendingWhileTheJobRunsThenAvailable() {
        try (Ec2Client ec2 = ec2(memberRoot); BackupClient backup = backup()) {
            String instance = launch(ec2, "web-2");
            String point = startBackup(backup, instance);

            assertThat(imagesOf(ec2, instance)).singleElement().satisfies(i -> {
                assertThat(i.imageId()).isEqualTo(imageId(point));
                assertThat(i.stateAsString()).isEqualTo("pending");
                assertThat(i.blockDeviceMappings()).extracting(BlockDeviceMapping::deviceName)
                        .containsExactly("/dev/xvda");
            });
            assertThat(ec2.describeImages(r -> r.filters(filter("state", "pending"))).images())
                    .extracting(Image::imageId).containsExactly(imageId(point));
            Ec2Exception launch = error(() -> ec2.runInstances(r -> r.imageId(imageId(point)).minCount(1).maxCount(1)
                    .instanceType(InstanceType.T3_MICRO)));
            assertThat(launch.awsErrorDetails().errorCode()).isEqualTo("UnsupportedOperation");

            String snapshotId = imagesOf(ec2, instance).get(0).blockDeviceMappings().get(0).ebs().snapshotId();
            assertThat(ec2.describeSnapshots(r -> r.snapshotIds(snapshotId)).snapshots()).singleElement()
                    .satisfies(s -> {
                        assertThat(s.stateAsString()).as("pending as its image").isEqualTo("pending");
                        assertThat(s.progress()).isEqualTo("0%");
                    });

            endpoint.admin().advance(Duration.ofHours(1));
            assertThat(imagesOf(ec2, instance)).singleElement()
                    .satisfies(i -> assertThat(i.stateAsString()).isEqualTo("available"));
            assertThat(ec2.describeSnapshots(r -> r.snapshotIds(snapshotId)).snapshots().get(0).stateAsString())
                    .isEqualTo("completed");
        }
    }

    @Test
    void anInstanceIsNotLaunchedFromAwsBackupsImageButRestoredThroughAwsBackup() {
        try (Ec2Client ec2 = ec2(memberRoot)) {
            Ec2Exception fromBackup = error(() -> ec2.runInstances(r -> r.imageId(imageId(pointArn)).minCount(1)
                    .maxCount(1).instanceType(InstanceType.T3_MICRO)));
            assertThat(fromBackup.statusCode()).isEqualTo(400);
            assertThat(fromBackup.awsErrorDetails().errorCode()).isEqualTo("UnsupportedOperation");
            assertThat(fromBackup.awsErrorDetails().errorMessage()).isEqualTo("Strongroom does not launch instances "
                    + "from AWS Backup's images; restore the recovery point with AWS Backup (StartRestoreJob).");
            Ec2Exception unknown = error(() -> ec2.runInstances(r -> r.imageId("ami-0123456789abcdef0").minCount(1)
                    .maxCount(1).instanceType(InstanceType.T3_MICRO)));
            assertThat(unknown.awsErrorDetails().errorCode()).isEqualTo("InvalidAMIID.NotFound");
        }
    }

    @Test
    void aRecoveryPointAwsBackupDeletesTakesItsImageWithIt() {
        try (Ec2Client ec2 = ec2(memberRoot); BackupClient backup = backup()) {
            String instance = launch(ec2, "web-3");
            String point = startBackup(backup, instance);
            endpoint.admin().advance(Duration.ofHours(1));
            assertThat(imagesOf(ec2, instance)).hasSize(1);
            String snapshotId = imagesOf(ec2, instance).get(0).blockDeviceMappings().get(0).ebs().snapshotId();
            assertThat(ec2.describeSnapshots(r -> r.snapshotIds(snapshotId)).snapshots()).hasSize(1);

            backup.deleteRecoveryPoint(r -> r.backupVaultName("local-prod-vault").recoveryPointArn(point));
            assertThat(imagesOf(ec2, instance)).as("AWS Backup deregisters it as it deletes the point").isEmpty();
            Ec2Exception snapshotGone = error(() -> ec2.describeSnapshots(r -> r.snapshotIds(snapshotId)));
            assertThat(snapshotGone.awsErrorDetails().errorCode()).as("its snapshots go with it")
                    .isEqualTo("InvalidSnapshot.NotFound");
            endpoint.admin().advance(Duration.ofMinutes(5));

            assertThat(imagesOf(ec2, instance)).isEmpty();
            Ec2Exception gone = error(() -> ec2.describeImages(r -> r.imageIds(imageId(point))));
            assertThat(gone.awsErrorDetails().errorCode()).isEqualTo("InvalidAMIID.NotFound");
            assertThat(imagesOf(ec2, instanceId)).as("the other point's image stays").hasSize(1);
        }
    }

    @Test
    void theAwsCliListsTheImage() throws Exception {
        Path credentials = Files.createTempFile("member", ".credentials");
        Files.writeString(credentials, "[strongroom]\naws_access_key_id = " + memberRoot.accessKeyId()
                + "\naws_secret_access_key = " + memberRoot.secretAccessKey() + "\n");
        AwsCli.Result listed = new AwsCli(endpoint).run(Map.of("AWS_SHARED_CREDENTIALS_FILE", credentials.toString()),
                "ec2", "describe-images", "--owners", "self", "--filters", "Name=name,Values=AwsBackup_" + instanceId
                        + "_*", "--query", "Images[].[ImageId,State,Description]", "--output", "text");

        assertThat(listed.exitCode()).as(listed.stderr()).isZero();
        assertThat(listed.stdout().strip()).isEqualTo(imageId(pointArn) + "\tavailable\tThis image is created by the "
                + "AWS Backup service.");
    }

    @Test
    void theSnapshotBehindEachMappingIsListedAsCreateImageMakesIt() {
        String id = imageId(pointArn);
        String snapshotId;
        try (Ec2Client ec2 = ec2(memberRoot)) {
            Image image = image(ec2, id);
            snapshotId = image.blockDeviceMappings().get(0).ebs().snapshotId();

            List<Snapshot> own = ec2.describeSnapshots(r -> r.ownerIds("self")).snapshots();
            assertThat(own).extracting(Snapshot::snapshotId).contains(snapshotId);
            Snapshot s = ec2.describeSnapshots(r -> r.snapshotIds(snapshotId)).snapshots().get(0);
            assertThat(s.description()).isEqualTo("Created by CreateImage(" + instanceId + ") for " + id);
            assertThat(s.volumeId()).isEqualTo("vol-ffffffff");
            assertThat(s.volumeSize()).isEqualTo(8);
            assertThat(s.encrypted()).isEqualTo(image.blockDeviceMappings().get(0).ebs().encrypted());
            assertThat(s.stateAsString()).isEqualTo("completed");
            assertThat(s.progress()).isEqualTo("100%");
            assertThat(s.ownerId()).isEqualTo(member);
            assertThat(s.startTime()).isEqualTo(java.time.Instant.parse(image.creationDate()));
            assertThat(s.storageTierAsString()).isEqualTo("standard");
            assertThat(tagMap(s.tags())).as("the tags AWS Backup gave the image").containsExactlyInAnyOrderEntriesOf(
                    Map.of("Name", "web-1 nightly", "Backup", "daily-prod", "Ticket", "none", SOURCE_TAG, instanceId));
            for (List<Filter> filters : List.of(List.of(filter("description", "Created by CreateImage(*) for " + id)),
                    List.of(filter("tag:" + SOURCE_TAG, instanceId), filter("status", "completed")),
                    List.of(filter("owner-id", member), filter("volume-size", "8")))) {
                assertThat(ec2.describeSnapshots(r -> r.ownerIds("self").filters(filters)).snapshots())
                        .as(filters.toString()).extracting(Snapshot::snapshotId).contains(snapshotId);
            }
        }
        try (Ec2Client management = endpoint.client(Ec2Client.builder())) {
            Ec2Exception notShared = error(() -> management.describeSnapshots(r -> r.snapshotIds(snapshotId)));
            assertThat(notShared.awsErrorDetails().errorCode()).isEqualTo("InvalidSnapshot.NotFound");
        }
    }

    @Test
    void anImagesSnapshotIsNotDeletedWhileTheImageUsesItNorMadeAVolume() {
        String id = imageId(pointArn);
        try (Ec2Client ec2 = ec2(memberRoot)) {
            String snapshotId = image(ec2, id).blockDeviceMappings().get(0).ebs().snapshotId();
            Ec2Exception inUse = error(() -> ec2.deleteSnapshot(r -> r.snapshotId(snapshotId)));
            assertThat(inUse.statusCode()).isEqualTo(400);
            assertThat(inUse.awsErrorDetails().errorCode()).isEqualTo("InvalidSnapshot.InUse");
            assertThat(inUse.awsErrorDetails().errorMessage()).isEqualTo("The snapshot " + snapshotId
                    + " is currently in use by " + id);
            Ec2Exception dryRun = error(() -> ec2.deleteSnapshot(r -> r.snapshotId(snapshotId).dryRun(true)));
            assertThat(dryRun.awsErrorDetails().errorCode()).isEqualTo("DryRunOperation");
            Ec2Exception volume = error(() -> ec2.createVolume(r -> r.availabilityZone("eu-west-1a")
                    .snapshotId(snapshotId)));
            assertThat(volume.statusCode()).isEqualTo(400);
            assertThat(volume.awsErrorDetails().errorCode()).isEqualTo("UnsupportedOperation");
            assertThat(volume.awsErrorDetails().errorMessage()).contains("StartRestoreJob");
            assertThat(ec2.describeSnapshots(r -> r.snapshotIds(snapshotId)).snapshots()).as("still there")
                    .hasSize(1);
        }
        AwsCredentials reader;
        try (IamClient iam = endpoint.client(IamClient.builder(), memberRoot)) {
            iam.createUser(r -> r.userName("snapshot-reader"));
            iam.putUserPolicy(r -> r.userName("snapshot-reader").policyName("read").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                            + "[\"ec2:Describe*\"],\"Resource\":\"*\"}]}"));
            var key = iam.createAccessKey(r -> r.userName("snapshot-reader")).accessKey();
            reader = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
        }
        try (Ec2Client ec2 = ec2(reader)) {
            String snapshotId = image(ec2, id).blockDeviceMappings().get(0).ebs().snapshotId();
            Ec2Exception denied = error(() -> ec2.deleteSnapshot(r -> r.snapshotId(snapshotId)));
            assertThat(denied.statusCode()).as("the Authorizer answers first").isEqualTo(403);
            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("UnauthorizedOperation");
            Ec2Exception tagDenied = error(() -> ec2.createTags(r -> r.resources(id).tags(tag("Owner", "web"))));
            assertThat(tagDenied.statusCode()).isEqualTo(403);
            assertThat(tagDenied.getMessage()).contains("ec2:CreateTags", "arn:aws:ec2:eu-west-1::image/" + id);
        }
    }

    @Test
    void createTagsAndDeleteTagsChangeAnImagesTagsForItsAccount() {
        try (Ec2Client ec2 = ec2(memberRoot); BackupClient backup = backup()) {
            String instance = launch(ec2, "web-4");
            String id = imageId(startBackup(backup, instance));
            endpoint.admin().advance(Duration.ofHours(1));

            ec2.createTags(r -> r.resources(id).tags(tag("Owner", "web-team"), tag("Backup", "kept")));
            ec2.deleteTags(r -> r.resources(id).tags(Tag.builder().key("Ticket").build()));
            assertThat(tagMap(image(ec2, id).tags())).containsExactlyInAnyOrderEntriesOf(Map.of("Name",
                    "web-1 nightly", "Backup", "kept", "Owner", "web-team", SOURCE_TAG, instance));
            assertThat(ec2.describeImages(r -> r.filters(filter("tag:Owner", "web-team"))).images())
                    .extracting(Image::imageId).containsExactly(id);
            assertThat(ec2.describeTags(r -> r.filters(filter("resource-id", id))).tags())
                    .extracting(TagDescription::resourceTypeAsString, TagDescription::key).containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("image", "Backup"),
                            org.assertj.core.groups.Tuple.tuple("image", "Name"),
                            org.assertj.core.groups.Tuple.tuple("image", "Owner"),
                            org.assertj.core.groups.Tuple.tuple("image", SOURCE_TAG));
            String snapshotId = image(ec2, id).blockDeviceMappings().get(0).ebs().snapshotId();
            assertThat(tagMap(ec2.describeSnapshots(r -> r.snapshotIds(snapshotId)).snapshots().get(0).tags()))
                    .as("an image's tags are not its snapshots'").containsEntry("Ticket", "none")
                    .doesNotContainKey("Owner");

            Ec2Exception reserved = error(() -> ec2.deleteTags(r -> r.resources(id).tags(Tag.builder()
                    .key(SOURCE_TAG).build())));
            assertThat(reserved.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
            Ec2Exception unknown = error(() -> ec2.createTags(r -> r.resources("ami-0123456789abcdef0")
                    .tags(tag("Owner", "x"))));
            assertThat(unknown.awsErrorDetails().errorCode()).isEqualTo("InvalidAMIID.NotFound");
            try (Ec2Client management = endpoint.client(Ec2Client.builder())) {
                Ec2Exception other = error(() -> management.createTags(r -> r.resources(id).tags(tag("Owner", "x"))));
                assertThat(other.statusCode()).as("another account's image: the Authorizer refuses first")
                        .isEqualTo(403);
                assertThat(other.awsErrorDetails().errorCode()).isEqualTo("UnauthorizedOperation");
            }

            ec2.deleteTags(r -> r.resources(id));
            assertThat(tagMap(image(ec2, id).tags())).as("every tag but AWS's")
                    .containsExactlyEntriesOf(Map.of(SOURCE_TAG, instance));
        }
    }

    @Test
    void theAwsCliListsTheImagesSnapshot() throws Exception {
        Path credentials = Files.createTempFile("member", ".credentials");
        Files.writeString(credentials, "[strongroom]\naws_access_key_id = " + memberRoot.accessKeyId()
                + "\naws_secret_access_key = " + memberRoot.secretAccessKey() + "\n");
        String id = imageId(pointArn);
        AwsCli.Result listed = new AwsCli(endpoint).run(Map.of("AWS_SHARED_CREDENTIALS_FILE", credentials.toString()),
                "ec2", "describe-snapshots", "--owner-ids", "self", "--filters", "Name=description,Values=Created by "
                        + "CreateImage(*) for " + id, "--query", "Snapshots[].[State,VolumeSize,Description]",
                "--output", "text");

        assertThat(listed.exitCode()).as(listed.stderr()).isZero();
        assertThat(listed.stdout().strip()).isEqualTo("completed\t8\tCreated by CreateImage(" + instanceId + ") for "
                + id);
    }
}
