package io.strongroom.it;

import io.strongroom.testkit.AdminClient;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.*;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** EBS volumes through the SDK v2 Ec2Client: every served operation, filters, paging, errors, admin data. */
class Ec2VolumesIT {
    static TestServer server;
    static Ec2Client ec2;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        ec2 = server.endpoint().client(Ec2Client.builder());
    }

    @AfterAll
    static void stop() {
        ec2.close();
        server.close();
    }

    static Tag tag(String k, String v) {
        return Tag.builder().key(k).value(v).build();
    }

    static TagSpecification volumeTags(Tag... tags) {
        return TagSpecification.builder().resourceType(ResourceType.VOLUME).tags(tags).build();
    }

    static Ec2Exception expect(String code, Runnable call) {
        Throwable thrown = catchThrowable(call::run);
        assertThat(thrown).isInstanceOf(Ec2Exception.class);
        Ec2Exception e = (Ec2Exception) thrown;
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        assertThat(e.requestId()).isNotBlank();
        return e;
    }

    @Test
    void createDescribeAndDeleteAVolume() {
        CreateVolumeResponse created = ec2.createVolume(r -> r.availabilityZone("eu-west-1a").size(8)
                .encrypted(true).tagSpecifications(volumeTags(tag("Name", "data"), tag("Backup", "daily-prod"))));
        assertThat(created.volumeId()).matches("vol-[0-9a-f]{17}");
        assertThat(created.state()).isEqualTo(VolumeState.AVAILABLE);
        assertThat(created.volumeType()).isEqualTo(VolumeType.GP2);
        assertThat(created.size()).isEqualTo(8);
        assertThat(created.iops()).isEqualTo(100);
        assertThat(created.encrypted()).isTrue();
        assertThat(created.kmsKeyId()).isEqualTo("arn:aws:kms:eu-west-1:111111111111:alias/aws/ebs");
        assertThat(created.tags()).contains(tag("Name", "data"), tag("Backup", "daily-prod"));

        Volume byId = ec2.describeVolumes(r -> r.volumeIds(created.volumeId())).volumes().get(0);
        assertThat(byId.availabilityZone()).isEqualTo("eu-west-1a");
        assertThat(byId.state()).isEqualTo(VolumeState.AVAILABLE);
        assertThat(byId.tags()).contains(tag("Backup", "daily-prod"));

        ec2.deleteVolume(r -> r.volumeId(created.volumeId()));
        Ec2Exception gone = expect("InvalidVolume.NotFound",
                () -> ec2.describeVolumes(r -> r.volumeIds(created.volumeId())));
        assertThat(gone.getMessage()).contains(created.volumeId());
        expect("InvalidVolume.NotFound", () -> ec2.deleteVolume(r -> r.volumeId(created.volumeId())));
    }

    @Test
    void refusesBadRequests() {
        expect("MissingParameter", () -> ec2.createVolume(r -> r.size(8)));
        expect("InvalidParameterValue", () -> ec2.createVolume(r -> r.availabilityZone("us-east-1a").size(8)));
        expect("InvalidParameterValue", () -> ec2.createVolume(r -> r.availabilityZone("eu-west-1a").size(8)
                .volumeType("gp9")));
        expect("InvalidParameterValue", () -> ec2.createVolume(r -> r.availabilityZone("eu-west-1a").size(0)));
        expect("MissingParameter", () -> ec2.createVolume(r -> r.availabilityZone("eu-west-1a").size(8)
                .volumeType(VolumeType.IO1)));
        expect("InvalidParameterDependency", () -> ec2.createVolume(r -> r.availabilityZone("eu-west-1a").size(8)
                .kmsKeyId("1234abcd-12ab-34cd-56ef-1234567890ab")));
        expect("InvalidVolumeID.Malformed", () -> ec2.describeVolumes(r -> r.volumeIds("disk-1")));
        expect("InvalidParameterValue", () -> ec2.describeVolumes(r -> r.filters(f -> f.name("colour")
                .values("red"))));
        expect("InvalidParameterValue", () -> ec2.describeVolumes(r -> r.maxResults(2)));
        expect("InvalidPaginationToken", () -> ec2.describeVolumes(r -> r.nextToken("not-a-token")));
    }

    @Test
    void filtersAndPages() {
        try (TestServer own = TestServer.start(); Ec2Client client = own.endpoint().client(Ec2Client.builder())) {
            for (int i = 0; i < 7; i++) {
                int n = i;
                client.createVolume(r -> r.availabilityZone("eu-west-1b").size(1 + n).tagSpecifications(
                        n % 2 == 0 ? volumeTags(tag("Backup", "daily-prod")) : volumeTags(tag("Team", "web"))));
            }
            assertThat(client.describeVolumes(r -> r.filters(f -> f.name("tag:Backup").values("daily-prod")))
                    .volumes()).hasSize(4);
            assertThat(client.describeVolumes(r -> r.filters(f -> f.name("tag:Backup").values("daily-*")))
                    .volumes()).hasSize(4);
            assertThat(client.describeVolumes(r -> r.filters(f -> f.name("tag-key").values("Team")))
                    .volumes()).hasSize(3);
            assertThat(client.describeVolumes(r -> r.filters(f -> f.name("status").values("in-use")))
                    .volumes()).isEmpty();
            String some = client.describeVolumes(r -> { }).volumes().get(2).volumeId();
            assertThat(client.describeVolumes(r -> r.filters(f -> f.name("volume-id").values(some),
                    f -> f.name("status").values("available"))).volumes())
                    .extracting(Volume::volumeId).containsExactly(some);

            DescribeVolumesResponse first = client.describeVolumes(r -> r.maxResults(5));
            assertThat(first.volumes()).hasSize(5);
            assertThat(first.nextToken()).isNotNull();
            List<String> all = client.describeVolumesPaginator(r -> r.maxResults(5)).volumes().stream()
                    .map(Volume::volumeId).toList();
            assertThat(all).hasSize(7).doesNotHaveDuplicates();
            // Above 500 a page is 500 long, not an error: the AWS CLI asks for 1,000 (D91).
            DescribeVolumesResponse large = client.describeVolumes(r -> r.maxResults(1000));
            assertThat(large.volumes()).hasSize(7);
            assertThat(large.nextToken()).isNull();
        }
    }

    @Test
    void createDeleteAndDescribeTags() {
        String id = ec2.createVolume(r -> r.availabilityZone("eu-west-1c").size(4)
                .tagSpecifications(volumeTags(tag("Backup", "weekly")))).volumeId();
        ec2.createTags(r -> r.resources(id).tags(tag("team", "payments"), tag("Name", "ledger")));
        assertThat(ec2.describeTags(r -> r.filters(f -> f.name("resource-id").values(id))).tags())
                .extracting(TagDescription::key).containsExactly("Backup", "Name", "team");
        assertThat(ec2.describeTags(r -> r.filters(f -> f.name("resource-id").values(id),
                f -> f.name("key").values("team"))).tags().get(0).resourceType()).isEqualTo(ResourceType.VOLUME);
        ec2.deleteTags(r -> r.resources(id).tags(tag("team", "not-the-value"), Tag.builder().key("Name").build()));
        assertThat(ec2.describeVolumes(r -> r.volumeIds(id)).volumes().get(0).tags())
                .containsExactlyInAnyOrder(tag("Backup", "weekly"), tag("team", "payments"));
        ec2.deleteTags(r -> r.resources(id));
        assertThat(ec2.describeVolumes(r -> r.volumeIds(id)).volumes().get(0).tags()).isEmpty();

        expect("InvalidVolume.NotFound", () -> ec2.createTags(r -> r.resources("vol-0123456789abcdef0")
                .tags(tag("a", "b"))));
        expect("InvalidID", () -> ec2.createTags(r -> r.resources("web-1").tags(tag("a", "b"))));
        expect("InvalidParameterValue", () -> ec2.createTags(r -> r.resources(id).tags(tag("aws:x", "b"))));
    }

    @Test
    void theTaggingApiSeesAndTagsVolumes() {
        try (var tagging = server.endpoint().client(software.amazon.awssdk.services.resourcegroupstaggingapi
                .ResourceGroupsTaggingApiClient.builder())) {
            String id = ec2.createVolume(r -> r.availabilityZone("eu-west-1a").size(2)
                    .tagSpecifications(volumeTags(tag("Backup", "tagging-api")))).volumeId();
            String arn = "arn:aws:ec2:eu-west-1:111111111111:volume/" + id;
            assertThat(tagging.getResources(r -> r.resourceTypeFilters("ec2:volume")
                    .tagFilters(f -> f.key("Backup").values("tagging-api"))).resourceTagMappingList())
                    .extracting(m -> m.resourceARN()).containsExactly(arn);
            assertThat(tagging.tagResources(r -> r.resourceARNList(arn).tags(java.util.Map.of("owner", "ops")))
                    .failedResourcesMap()).isEmpty();
            assertThat(ec2.describeVolumes(r -> r.volumeIds(id)).volumes().get(0).tags()).contains(tag("owner", "ops"));
        }
    }

    @Test
    void adminDataRoundTrip() {
        String id = ec2.createVolume(r -> r.availabilityZone("eu-west-1a").size(1)).volumeId();
        AdminClient admin = server.endpoint().admin();
        assertThat(admin.getEbsData(id).body()).isEmpty();
        byte[] content = "boot sector\0\1\2".getBytes(StandardCharsets.UTF_8);
        assertThat(admin.putEbsData(id, content).status()).isEqualTo(200);
        AdminClient.RawAnswer read = admin.getEbsData(id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(content);
        assertThat(admin.getEbsData("vol-0123456789abcdef0").status()).isEqualTo(404);
        assertThat(admin.putEbsData("vol-0123456789abcdef0", content).status()).isEqualTo(404);
    }

    @Test
    void scpDenyingUntaggedCreationSeesRequestTags() {
        try (TestServer own = TestServer.start()) {
            ProductionAccount member = ProductionAccount.under(own, "require-backup-tag",
                    ProductionAccount.denyUntagged("ec2:CreateVolume", "\"*\""));
            try (Ec2Client memberEc2 = own.endpoint().client(Ec2Client.builder(), member.credentials())) {
                Throwable denied = catchThrowable(() -> memberEc2.createVolume(r -> r.availabilityZone("eu-west-1a")
                        .size(8)));
                assertThat(denied).isInstanceOf(Ec2Exception.class);
                assertThat(((Ec2Exception) denied).statusCode()).isEqualTo(403);
                assertThat(((Ec2Exception) denied).awsErrorDetails().errorCode()).isEqualTo("UnauthorizedOperation");
                assertThat(denied.getMessage()).contains("ec2:CreateVolume");
                assertThat(memberEc2.createVolume(r -> r.availabilityZone("eu-west-1a").size(8)
                        .tagSpecifications(volumeTags(tag("Backup", "daily")))).state())
                        .isEqualTo(VolumeState.AVAILABLE);
            }
        }
    }
}
