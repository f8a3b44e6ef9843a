package io.strongroom.it;

import io.strongroom.resource.ProtectedResource;
import io.strongroom.resource.ResourceProvider;
import io.strongroom.resource.Snapshot;
import io.strongroom.storage.Store;
import io.strongroom.testkit.AdminClient;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.*;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static io.strongroom.it.Ec2VolumesIT.expect;
import static io.strongroom.it.Ec2VolumesIT.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** EC2 instances through the SDK v2 Ec2Client: launch, describe, tags, volumes, states, errors, the SCP. */
class Ec2InstancesIT {
    static TestServer server;
    static Ec2Client ec2;
    static String amazonLinux;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        ec2 = server.endpoint().client(Ec2Client.builder());
        amazonLinux = amazonLinux(ec2);
    }

    @AfterAll
    static void stop() {
        ec2.close();
        server.close();
    }

    static String amazonLinux(Ec2Client client) {
        List<Image> images = client.describeImages(r -> r.owners("amazon").filters(
                f -> f.name("name").values("al2023-ami-*"), f -> f.name("architecture").values("x86_64"))).images();
        assertThat(images).hasSize(1);
        return images.get(0).imageId();
    }

    static TagSpecification tags(ResourceType type, Tag... tags) {
        return TagSpecification.builder().resourceType(type).tags(tags).build();
    }

    static Instance launch(Ec2Client client, Consumer<RunInstancesRequest.Builder> more) {
        return client.runInstances(r -> more.accept(r.imageId(amazonLinux).instanceType(InstanceType.T3_MICRO)
                .minCount(1).maxCount(1))).instances().get(0);
    }

    static Instance describe(String id) {
        return ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
    }

    @Test
    void runDescribeAndTerminateAnInstance() {
        RunInstancesResponse run = ec2.runInstances(r -> r.imageId(amazonLinux).instanceType(InstanceType.T3_MICRO)
                .minCount(1).maxCount(1).tagSpecifications(
                        tags(ResourceType.INSTANCE, tag("Name", "web"), tag("Backup", "daily-prod")),
                        tags(ResourceType.VOLUME, tag("Backup", "daily-prod"))));
        assertThat(run.reservationId()).matches("r-[0-9a-f]{17}");
        assertThat(run.ownerId()).isEqualTo("111111111111");
        Instance launched = run.instances().get(0);
        String id = launched.instanceId();
        assertThat(id).matches("i-[0-9a-f]{17}");
        assertThat(launched.state().name()).isEqualTo(InstanceStateName.PENDING);
        assertThat(launched.state().code()).isZero();
        assertThat(launched.imageId()).isEqualTo(amazonLinux);
        assertThat(launched.instanceType()).isEqualTo(InstanceType.T3_MICRO);
        assertThat(launched.placement().availabilityZone()).isEqualTo("eu-west-1a");
        assertThat(launched.architecture()).isEqualTo(ArchitectureValues.X86_64);
        assertThat(launched.rootDeviceName()).isEqualTo("/dev/xvda");
        assertThat(launched.rootDeviceType()).isEqualTo(DeviceType.EBS);
        assertThat(launched.tags()).containsExactlyInAnyOrder(tag("Name", "web"), tag("Backup", "daily-prod"));
        assertThat(launched.blockDeviceMappings()).hasSize(1);
        InstanceBlockDeviceMapping root = launched.blockDeviceMappings().get(0);
        assertThat(root.deviceName()).isEqualTo("/dev/xvda");
        assertThat(root.ebs().status()).isEqualTo(AttachmentStatus.ATTACHED);
        assertThat(root.ebs().deleteOnTermination()).isTrue();
        String rootVolume = root.ebs().volumeId();

        Reservation reservation = ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0);
        assertThat(reservation.reservationId()).isEqualTo(run.reservationId());
        assertThat(reservation.instances().get(0).state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(reservation.instances().get(0).state().code()).isEqualTo(16);

        Volume volume = ec2.describeVolumes(r -> r.filters(f -> f.name("attachment.instance-id").values(id)))
                .volumes().get(0);
        assertThat(volume.volumeId()).isEqualTo(rootVolume);
        assertThat(volume.state()).isEqualTo(VolumeState.IN_USE);
        assertThat(volume.size()).isEqualTo(8);
        assertThat(volume.volumeType()).isEqualTo(VolumeType.GP3);
        assertThat(volume.tags()).containsExactly(tag("Backup", "daily-prod"));
        VolumeAttachment attachment = volume.attachments().get(0);
        assertThat(attachment.instanceId()).isEqualTo(id);
        assertThat(attachment.device()).isEqualTo("/dev/xvda");
        assertThat(attachment.state()).isEqualTo(VolumeAttachmentState.ATTACHED);
        assertThat(attachment.deleteOnTermination()).isTrue();
        Ec2Exception inUse = expect("VolumeInUse", () -> ec2.deleteVolume(r -> r.volumeId(rootVolume)));
        assertThat(inUse.awsErrorDetails().errorMessage()).isEqualTo("Volume " + rootVolume
                + " is currently attached to " + id);

        InstanceStateChange change = ec2.terminateInstances(r -> r.instanceIds(id)).terminatingInstances().get(0);
        assertThat(change.instanceId()).isEqualTo(id);
        assertThat(change.previousState().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(change.currentState().name()).isEqualTo(InstanceStateName.SHUTTING_DOWN);
        Instance terminated = describe(id);
        assertThat(terminated.state().name()).isEqualTo(InstanceStateName.TERMINATED);
        assertThat(terminated.state().code()).isEqualTo(48);
        assertThat(terminated.stateReason().code()).isEqualTo("Client.UserInitiatedShutdown");
        assertThat(terminated.blockDeviceMappings()).isEmpty();
        expect("InvalidVolume.NotFound", () -> ec2.describeVolumes(r -> r.volumeIds(rootVolume)));
        assertThat(ec2.terminateInstances(r -> r.instanceIds(id)).terminatingInstances().get(0).currentState()
                .name()).isEqualTo(InstanceStateName.TERMINATED);

        try (ResourceGroupsTaggingApiClient tagging = server.endpoint()
                .client(ResourceGroupsTaggingApiClient.builder())) {
            assertThat(tagging.getResources(r -> r.resourceTypeFilters("ec2:instance")).resourceTagMappingList())
                    .noneMatch(m -> m.resourceARN().endsWith(id));
        }
    }

    /**
     * AWS Backup is not served yet, so the EC2 resource provider is driven in process; the bytes go in and come
     * out through the admin volume-data extension, the instances through the SDK.
     */
    @Test
    void rootVolumeBytesSurviveSnapshotAndRestore() {
        Instance source = launch(ec2, r -> r.tagSpecifications(tags(ResourceType.INSTANCE, tag("Backup", "daily"))));
        String sourceRoot = source.blockDeviceMappings().get(0).ebs().volumeId();
        AdminClient admin = server.endpoint().admin();
        byte[] original = "boot sector\0of the source".getBytes(StandardCharsets.UTF_8);
        assertThat(admin.putEbsData(sourceRoot, original).status()).isEqualTo(200);
        ResourceProvider provider = server.server().resourceProviders().stream()
                .filter(p -> p.resourceType().equals("EC2")).findFirst().orElseThrow();
        Store store = server.server().store();
        String arn = "arn:aws:ec2:eu-west-1:111111111111:instance/" + source.instanceId();
        Snapshot snapshot = store.read(tx -> provider.snapshot(tx, arn).inMemory());
        admin.putEbsData(sourceRoot, "overwritten".getBytes(StandardCharsets.UTF_8));

        ProtectedResource restored = store.write(tx -> provider.restore(tx, "111111111111", "eu-west-1", snapshot,
                Map.of("InstanceType", "t3.small")));
        server.endpoint().admin().advance(Duration.ZERO);
        Instance copy = describe(restored.name());
        assertThat(copy.instanceType()).isEqualTo(InstanceType.T3_SMALL);
        assertThat(copy.state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(copy.tags()).containsExactly(tag("Backup", "daily"));
        String copyRoot = copy.blockDeviceMappings().get(0).ebs().volumeId();
        assertThat(copyRoot).isNotEqualTo(sourceRoot);
        assertThat(admin.getEbsData(copyRoot).body()).isEqualTo(original);
        assertThat(new String(admin.getEbsData(sourceRoot).body(), StandardCharsets.UTF_8)).isEqualTo("overwritten");
    }

    @Test
    void terminatedInstancesDisappearAfterAnHour() {
        try (TestServer own = TestServer.start(); Ec2Client client = own.endpoint().client(Ec2Client.builder())) {
            String id = launch(client, r -> { }).instanceId();
            client.terminateInstances(r -> r.instanceIds(id));
            own.endpoint().admin().advance(Duration.ofMinutes(59));
            assertThat(client.describeInstances(r -> r.instanceIds(id)).reservations()).hasSize(1);
            own.endpoint().admin().advance(Duration.ofMinutes(1));
            Ec2Exception gone = expect("InvalidInstanceID.NotFound",
                    () -> client.describeInstances(r -> r.instanceIds(id)));
            assertThat(gone.awsErrorDetails().errorMessage()).isEqualTo("The instance ID '" + id + "' does not exist");
        }
    }

    @Test
    void blockDeviceMappingsShapeTheVolumes() {
        Instance i = launch(ec2, r -> r.placement(p -> p.availabilityZone("eu-west-1b")).blockDeviceMappings(
                BlockDeviceMapping.builder().deviceName("/dev/xvda").ebs(e -> e.volumeSize(20)
                        .volumeType(VolumeType.GP2).deleteOnTermination(false)).build(),
                BlockDeviceMapping.builder().deviceName("/dev/sdf").ebs(e -> e.volumeSize(4)).build()));
        assertThat(i.placement().availabilityZone()).isEqualTo("eu-west-1b");
        assertThat(i.blockDeviceMappings()).extracting(InstanceBlockDeviceMapping::deviceName)
                .containsExactly("/dev/xvda", "/dev/sdf");
        String root = i.blockDeviceMappings().get(0).ebs().volumeId();
        String data = i.blockDeviceMappings().get(1).ebs().volumeId();
        Volume rootVolume = ec2.describeVolumes(r -> r.volumeIds(root)).volumes().get(0);
        assertThat(rootVolume.size()).isEqualTo(20);
        assertThat(rootVolume.volumeType()).isEqualTo(VolumeType.GP2);
        assertThat(rootVolume.availabilityZone()).isEqualTo("eu-west-1b");
        assertThat(ec2.describeVolumes(r -> r.filters(f -> f.name("attachment.instance-id").values(i.instanceId()),
                f -> f.name("attachment.delete-on-termination").values("true"))).volumes())
                .extracting(Volume::volumeId).containsExactly(data);

        ec2.terminateInstances(r -> r.instanceIds(i.instanceId()));
        Volume kept = ec2.describeVolumes(r -> r.volumeIds(root)).volumes().get(0);
        assertThat(kept.state()).isEqualTo(VolumeState.AVAILABLE);
        assertThat(kept.attachments()).isEmpty();
        expect("InvalidVolume.NotFound", () -> ec2.describeVolumes(r -> r.volumeIds(data)));
        ec2.deleteVolume(r -> r.volumeId(root));
    }

    @Test
    void launchesMaxCountInOneReservationAndFiltersAndPages() {
        try (TestServer own = TestServer.start(); Ec2Client client = own.endpoint().client(Ec2Client.builder())) {
            RunInstancesResponse three = client.runInstances(r -> r.imageId(amazonLinux).instanceType("m5.large")
                    .minCount(2).maxCount(3).tagSpecifications(tags(ResourceType.INSTANCE, tag("Backup", "daily"))));
            assertThat(three.instances()).extracting(Instance::amiLaunchIndex).containsExactly(0, 1, 2);
            String other = launch(client, r -> r.placement(p -> p.availabilityZone("eu-west-1c"))
                    .tagSpecifications(tags(ResourceType.INSTANCE, tag("Team", "web")))).instanceId();
            for (int n = 0; n < 3; n++) {
                launch(client, r -> { });
            }
            List<Reservation> all = client.describeInstances(r -> { }).reservations();
            assertThat(all).hasSize(5);
            assertThat(all).filteredOn(res -> res.reservationId().equals(three.reservationId())).singleElement()
                    .satisfies(res -> assertThat(res.instances()).hasSize(3));

            assertThat(instanceIds(client.describeInstances(r -> r.filters(f -> f.name("tag:Backup")
                    .values("dai*"))))).hasSize(3);
            assertThat(instanceIds(client.describeInstances(r -> r.filters(f -> f.name("tag-key").values("Team")))))
                    .containsExactly(other);
            assertThat(instanceIds(client.describeInstances(r -> r.filters(f -> f.name("availability-zone")
                    .values("eu-west-1c"))))).containsExactly(other);
            assertThat(instanceIds(client.describeInstances(r -> r.filters(f -> f.name("instance-type")
                    .values("m5.large"), f -> f.name("instance-state-name").values("running"))))).hasSize(3);
            client.terminateInstances(r -> r.instanceIds(other));
            assertThat(instanceIds(client.describeInstances(r -> r.filters(f -> f.name("instance-state-name")
                    .values("terminated"))))).containsExactly(other);

            DescribeInstancesResponse first = client.describeInstances(r -> r.maxResults(5));
            assertThat(first.reservations().stream().mapToInt(res -> res.instances().size()).sum()).isEqualTo(5);
            assertThat(first.nextToken()).isNotNull();
            List<String> paged = client.describeInstancesPaginator(r -> r.maxResults(5)).reservations().stream()
                    .flatMap(res -> res.instances().stream()).map(Instance::instanceId).toList();
            assertThat(paged).hasSize(7).doesNotHaveDuplicates();
        }
    }

    static List<String> instanceIds(DescribeInstancesResponse response) {
        return response.reservations().stream().flatMap(r -> r.instances().stream()).map(Instance::instanceId)
                .toList();
    }

    @Test
    void refusesBadLaunches() {
        int volumesBefore = ec2.describeVolumes(r -> { }).volumes().size();
        Ec2Exception notFound = expect("InvalidAMIID.NotFound", () -> ec2.runInstances(r -> r
                .imageId("ami-0123456789abcdef0").minCount(1).maxCount(1)));
        assertThat(notFound.awsErrorDetails().errorMessage())
                .isEqualTo("The image id '[ami-0123456789abcdef0]' does not exist");
        Ec2Exception malformed = expect("InvalidAMIID.Malformed", () -> ec2.runInstances(r -> r.imageId("image-1")
                .minCount(1).maxCount(1)));
        assertThat(malformed.awsErrorDetails().errorMessage()).isEqualTo("Invalid id: \"image-1\" (expecting "
                + "\"ami-...\")");
        Ec2Exception badType = expect("InvalidParameterValue", () -> launch(ec2, r -> r.instanceType("t9.huge")));
        assertThat(badType.awsErrorDetails().errorMessage()).isEqualTo("Invalid value 't9.huge' for InstanceType.");
        Ec2Exception arm = expect("InvalidParameterValue", () -> launch(ec2, r -> r.instanceType("t4g.micro")));
        assertThat(arm.awsErrorDetails().errorMessage()).contains("architecture (arm64)", amazonLinux);
        expect("MissingParameter", () -> ec2.runInstances(r -> r.minCount(1).maxCount(1)));
        expect("InvalidParameterValue", () -> launch(ec2, r -> r.minCount(0)));
        expect("InvalidParameterValue", () -> launch(ec2, r -> r.minCount(3).maxCount(2)));
        expect("InvalidParameterValue", () -> launch(ec2, r -> r.placement(p -> p.availabilityZone("us-east-1a"))));
        expect("InvalidKeyPair.NotFound", () -> launch(ec2, r -> r.keyName("ops")));
        expect("InvalidSubnetID.NotFound", () -> launch(ec2, r -> r.subnetId("subnet-0123456789abcdef0")));
        expect("InvalidBlockDeviceMapping", () -> launch(ec2, r -> r.blockDeviceMappings(BlockDeviceMapping.builder()
                .deviceName("/dev/xvda").ebs(e -> e.volumeSize(4)).build())));
        expect("InvalidParameterValue", () -> launch(ec2, r -> r.blockDeviceMappings(BlockDeviceMapping.builder()
                .deviceName("/dev/sdf").ebs(e -> e.volumeSize(4).volumeType("gp9")).build())));
        expect("InvalidParameterValue", () -> launch(ec2, r -> r.tagSpecifications(tags(ResourceType.SNAPSHOT,
                tag("a", "b")))));
        expect("InvalidParameterValue", () -> launch(ec2, r -> r.tagSpecifications(tags(ResourceType.INSTANCE,
                tag("aws:x", "b")))));
        assertThat(ec2.describeVolumes(r -> { }).volumes()).as("a refused launch leaves no volume behind")
                .hasSize(volumesBefore);

        Ec2Exception dryRun = catchThrowableOfType(() -> launch(ec2, r -> r.dryRun(true)));
        assertThat(dryRun.statusCode()).isEqualTo(412);
        assertThat(dryRun.awsErrorDetails().errorCode()).isEqualTo("DryRunOperation");
        assertThat(dryRun.awsErrorDetails().errorMessage())
                .isEqualTo("Request would have succeeded, but DryRun flag is set.");
    }

    @Test
    void refusesBadInstanceIdsAndDescribes() {
        Ec2Exception missing = expect("InvalidInstanceID.NotFound", () -> ec2.describeInstances(r -> r.instanceIds(
                "i-0123456789abcdef0", "i-0123456789abcdef1")));
        assertThat(missing.awsErrorDetails().errorMessage())
                .isEqualTo("The instance IDs 'i-0123456789abcdef0, i-0123456789abcdef1' do not exist");
        Ec2Exception malformed = expect("InvalidInstanceID.Malformed",
                () -> ec2.terminateInstances(r -> r.instanceIds("web-1")));
        assertThat(malformed.awsErrorDetails().errorMessage()).isEqualTo("Invalid id: \"web-1\" (expecting \"i-...\")");
        expect("InvalidInstanceID.NotFound", () -> ec2.terminateInstances(r -> r.instanceIds("i-0123456789abcdef0")));
        expect("InvalidParameterCombination", () -> ec2.describeInstances(r -> r.instanceIds("i-0123456789abcdef0")
                .maxResults(5)));
        expect("InvalidParameterValue", () -> ec2.describeInstances(r -> r.filters(f -> f.name("colour")
                .values("red"))));
        expect("InvalidParameterValue", () -> ec2.describeInstances(r -> r.maxResults(4)));
        expect("InvalidAMIID.NotFound", () -> ec2.describeImages(r -> r.imageIds("ami-0123456789abcdef0")));
        assertThat(ec2.describeImages(r -> r.owners("self")).images()).isEmpty();
        assertThat(ec2.describeImages(r -> r.owners("099720109477")).images()).singleElement()
                .satisfies(i -> assertThat(i.rootDeviceName()).isEqualTo("/dev/sda1"));
        Ec2Exception dryRun = catchThrowableOfType(() -> ec2.describeInstances(r -> r.dryRun(true)));
        assertThat(dryRun.awsErrorDetails().errorCode()).isEqualTo("DryRunOperation");
    }

    static Ec2Exception catchThrowableOfType(Runnable call) {
        Throwable thrown = catchThrowable(call::run);
        assertThat(thrown).isInstanceOf(Ec2Exception.class);
        return (Ec2Exception) thrown;
    }

    @Test
    void refusesMoreThanTheInstanceLimit() {
        try (TestServer own = TestServer.start(); Ec2Client client = own.endpoint().client(Ec2Client.builder())) {
            Ec2Exception limit = expect("InstanceLimitExceeded", () -> launch(client, r -> r.minCount(21)
                    .maxCount(21)));
            assertThat(limit.awsErrorDetails().errorMessage()).startsWith("You have requested more instances (21) "
                    + "than your current instance limit of 20 allows");
            assertThat(client.runInstances(r -> r.imageId(amazonLinux).minCount(1).maxCount(50)).instances())
                    .hasSize(20);
        }
    }

    @Test
    void stopStartAndIdempotentLaunch() {
        Instance i = launch(ec2, r -> r.clientToken("launch-once"));
        assertThat(launch(ec2, r -> r.clientToken("launch-once")).instanceId()).isEqualTo(i.instanceId());
        InstanceStateChange stopping = ec2.stopInstances(r -> r.instanceIds(i.instanceId())).stoppingInstances()
                .get(0);
        assertThat(stopping.currentState().name()).isEqualTo(InstanceStateName.STOPPING);
        Instance stopped = describe(i.instanceId());
        assertThat(stopped.state().name()).isEqualTo(InstanceStateName.STOPPED);
        assertThat(stopped.stateTransitionReason()).startsWith("User initiated (");
        assertThat(ec2.describeVolumes(r -> r.filters(f -> f.name("attachment.instance-id")
                .values(i.instanceId()))).volumes().get(0).state()).isEqualTo(VolumeState.IN_USE);
        assertThat(ec2.startInstances(r -> r.instanceIds(i.instanceId())).startingInstances().get(0)
                .currentState().name()).isEqualTo(InstanceStateName.PENDING);
        assertThat(describe(i.instanceId()).state().name()).isEqualTo(InstanceStateName.RUNNING);

        Instance protectedOne = launch(ec2, r -> r.disableApiTermination(true));
        expect("OperationNotPermitted", () -> ec2.terminateInstances(r -> r.instanceIds(protectedOne.instanceId())));
        ec2.terminateInstances(r -> r.instanceIds(i.instanceId()));
        expect("IncorrectInstanceState", () -> ec2.stopInstances(r -> r.instanceIds(i.instanceId())));
        expect("IncorrectInstanceState", () -> ec2.startInstances(r -> r.instanceIds(i.instanceId())));
    }

    @Test
    void tagsOnInstancesAndTheTaggingApi() {
        String id = launch(ec2, r -> r.tagSpecifications(tags(ResourceType.INSTANCE, tag("Backup", "weekly"))))
                .instanceId();
        ec2.createTags(r -> r.resources(id).tags(tag("team", "payments"), tag("Name", "ledger")));
        List<TagDescription> described = ec2.describeTags(r -> r.filters(f -> f.name("resource-id").values(id)))
                .tags();
        assertThat(described).extracting(TagDescription::key).containsExactly("Backup", "Name", "team");
        assertThat(described).extracting(TagDescription::resourceType).containsOnly(ResourceType.INSTANCE);
        assertThat(ec2.describeTags(r -> r.filters(f -> f.name("resource-type").values("instance"),
                f -> f.name("key").values("team"))).tags()).extracting(TagDescription::resourceId).contains(id);
        ec2.deleteTags(r -> r.resources(id).tags(Tag.builder().key("Name").build()));
        assertThat(describe(id).tags()).containsExactlyInAnyOrder(tag("Backup", "weekly"), tag("team", "payments"));
        expect("InvalidInstanceID.NotFound", () -> ec2.createTags(r -> r.resources("i-0123456789abcdef0")
                .tags(tag("a", "b"))));

        try (ResourceGroupsTaggingApiClient tagging = server.endpoint()
                .client(ResourceGroupsTaggingApiClient.builder())) {
            String arn = "arn:aws:ec2:eu-west-1:111111111111:instance/" + id;
            assertThat(tagging.getResources(r -> r.resourceTypeFilters("ec2:instance")
                    .tagFilters(f -> f.key("Backup").values("weekly"))).resourceTagMappingList())
                    .extracting(m -> m.resourceARN()).containsExactly(arn);
            assertThat(tagging.tagResources(r -> r.resourceARNList(arn).tags(Map.of("owner", "ops")))
                    .failedResourcesMap()).isEmpty();
            assertThat(describe(id).tags()).contains(tag("owner", "ops"));
        }
    }

    @Test
    void scpDeniesUntaggedLaunchesFromProduction() {
        try (TestServer own = TestServer.start()) {
            // The seed's statement: Resource "*" also covers the image, which never carries request tags.
            ProductionAccount member = ProductionAccount.under(own, "deny-untagged-production",
                    ProductionAccount.denyUntagged("ec2:RunInstances", "\"*\""));
            try (Ec2Client memberEc2 = own.endpoint().client(Ec2Client.builder(), member.credentials());
                 var org = own.endpoint().client(
                         software.amazon.awssdk.services.organizations.OrganizationsClient.builder())) {
                Ec2Exception untagged = catchThrowableOfType(() -> launch(memberEc2, r -> { }));
                assertThat(untagged.statusCode()).isEqualTo(403);
                assertThat(untagged.awsErrorDetails().errorCode()).isEqualTo("UnauthorizedOperation");
                assertThat(untagged.getMessage()).contains("ec2:RunInstances",
                        "arn:aws:ec2:eu-west-1:" + member.accountId() + ":instance/*",
                        "explicit deny in a service control policy");
                Ec2Exception tagged = catchThrowableOfType(() -> launch(memberEc2, r -> r.tagSpecifications(
                        tags(ResourceType.INSTANCE, tag("Backup", "daily-prod")),
                        tags(ResourceType.VOLUME, tag("Backup", "daily-prod")))));
                assertThat(tagged.getMessage()).contains("arn:aws:ec2:eu-west-1::image/" + amazonLinux,
                        "explicit deny in a service control policy");
                assertThat(memberEc2.describeInstances(r -> { }).reservations()).isEmpty();

                // Scoped to what is being created, as AWS's own example SCP is, it lets tagged launches through.
                org.updatePolicy(r -> r.policyId(member.policyId()).content(ProductionAccount.denyUntagged(
                        "ec2:RunInstances", "[\"arn:aws:ec2:*:*:instance/*\",\"arn:aws:ec2:*:*:volume/*\"]")));
                catchThrowableOfType(() -> launch(memberEc2, r -> r.tagSpecifications(
                        tags(ResourceType.INSTANCE, tag("Backup", "daily-prod")))));
                Instance launched = launch(memberEc2, r -> r.tagSpecifications(
                        tags(ResourceType.INSTANCE, tag("Backup", "daily-prod")),
                        tags(ResourceType.VOLUME, tag("Backup", "daily-prod"))));
                assertThat(launched.state().name()).isEqualTo(InstanceStateName.PENDING);
            }
        }
    }
}
