package io.strongroom.it;

import io.strongroom.testkit.AdminClient;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.efs.model.*;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** EFS through the SDK v2: every served operation and its errors, and the admin file-tree extension. */
class EfsIT {
    static TestServer server;
    static EfsClient efs;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        efs = server.endpoint().client(EfsClient.builder());
    }

    @AfterAll
    static void stop() {
        efs.close();
        server.close();
    }

    static Tag tag(String k, String v) {
        return Tag.builder().key(k).value(v).build();
    }

    static <T extends EfsException> T expect(Class<T> type, int status, String code, Runnable call) {
        Throwable thrown = catchThrowable(call::run);
        assertThat(thrown).isInstanceOf(type);
        T e = type.cast(thrown);
        assertThat(e.statusCode()).isEqualTo(status);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        assertThat(e.requestId()).isNotBlank();
        return e;
    }

    @Test
    void createDescribeAndDeleteAFileSystem() {
        CreateFileSystemResponse created = efs.createFileSystem(r -> r.creationToken("web-content")
                .performanceMode(PerformanceMode.MAX_IO).encrypted(true).throughputMode(ThroughputMode.ELASTIC)
                .tags(tag("Name", "web"), tag("Backup", "daily-prod")));
        assertThat(created.sdkHttpResponse().statusCode()).isEqualTo(201);
        assertThat(created.fileSystemId()).matches("fs-[0-9a-f]{17}");
        assertThat(created.fileSystemArn()).isEqualTo("arn:aws:elasticfilesystem:eu-west-1:111111111111:file-system/"
                + created.fileSystemId());
        assertThat(created.ownerId()).isEqualTo("111111111111");
        assertThat(created.lifeCycleState()).isEqualTo(LifeCycleState.AVAILABLE);
        assertThat(created.name()).isEqualTo("web");
        assertThat(created.performanceMode()).isEqualTo(PerformanceMode.MAX_IO);
        assertThat(created.throughputMode()).isEqualTo(ThroughputMode.ELASTIC);
        assertThat(created.encrypted()).isTrue();
        assertThat(created.kmsKeyId()).isEqualTo("arn:aws:kms:eu-west-1:111111111111:alias/aws/elasticfilesystem");
        assertThat(created.numberOfMountTargets()).isZero();
        assertThat(created.tags()).contains(tag("Name", "web"), tag("Backup", "daily-prod"));

        FileSystemDescription byId = efs.describeFileSystems(r -> r.fileSystemId(created.fileSystemId()))
                .fileSystems().get(0);
        assertThat(byId.creationToken()).isEqualTo("web-content");
        assertThat(byId.sizeInBytes().value()).isZero();
        assertThat(efs.describeFileSystems(r -> r.creationToken("web-content")).fileSystems())
                .extracting(FileSystemDescription::fileSystemId).containsExactly(created.fileSystemId());
        assertThat(efs.describeFileSystems(r -> r.creationToken("no-such-token")).fileSystems()).isEmpty();

        FileSystemAlreadyExistsException exists = expect(FileSystemAlreadyExistsException.class, 409,
                "FileSystemAlreadyExists", () -> efs.createFileSystem(r -> r.creationToken("web-content")));
        assertThat(exists.getMessage()).contains(created.fileSystemId());

        DeleteFileSystemResponse deleted = efs.deleteFileSystem(r -> r.fileSystemId(created.fileSystemId()));
        assertThat(deleted.sdkHttpResponse().statusCode()).isEqualTo(204);
        expect(FileSystemNotFoundException.class, 404, "FileSystemNotFound",
                () -> efs.describeFileSystems(r -> r.fileSystemId(created.fileSystemId())));
        expect(FileSystemNotFoundException.class, 404, "FileSystemNotFound",
                () -> efs.deleteFileSystem(r -> r.fileSystemId(created.fileSystemId())));
    }

    @Test
    void refusesBadConfigurations() {
        expect(BadRequestException.class, 400, "BadRequest", () -> efs.createFileSystem(r -> r
                .creationToken("kms-without-encryption").kmsKeyId("1234abcd-12ab-34cd-56ef-1234567890ab")));
        expect(BadRequestException.class, 400, "BadRequest", () -> efs.createFileSystem(r -> r
                .creationToken("x".repeat(65))));
        expect(BadRequestException.class, 400, "BadRequest", () -> efs.createFileSystem(r -> r
                .creationToken("provisioned-without-rate").throughputMode(ThroughputMode.PROVISIONED)));
    }

    @Test
    void pagesThroughFileSystems() {
        try (TestServer own = TestServer.start(); EfsClient client = own.endpoint().client(EfsClient.builder())) {
            for (int i = 0; i < 5; i++) {
                int n = i;
                client.createFileSystem(r -> r.creationToken("page-" + n));
            }
            DescribeFileSystemsResponse first = client.describeFileSystems(r -> r.maxItems(2));
            assertThat(first.fileSystems()).hasSize(2);
            assertThat(first.nextMarker()).isNotNull();
            List<String> all = client.describeFileSystemsPaginator(r -> r.maxItems(2)).fileSystems().stream()
                    .map(FileSystemDescription::creationToken).toList();
            assertThat(all).containsExactlyInAnyOrder("page-0", "page-1", "page-2", "page-3", "page-4");
            assertThat(client.describeFileSystems(r -> { }).fileSystems()).hasSize(5);
        }
    }

    @Test
    void tagsOnIdAndArn() {
        CreateFileSystemResponse fs = efs.createFileSystem(r -> r.creationToken("tagged").tags(tag("Backup", "weekly")));
        efs.tagResource(r -> r.resourceId(fs.fileSystemId()).tags(tag("team", "payments")));
        efs.tagResource(r -> r.resourceId(fs.fileSystemArn()).tags(tag("Name", "ledger")));
        assertThat(efs.listTagsForResource(r -> r.resourceId(fs.fileSystemArn())).tags())
                .containsExactlyInAnyOrder(tag("Backup", "weekly"), tag("team", "payments"), tag("Name", "ledger"));
        assertThat(efs.describeFileSystems(r -> r.fileSystemId(fs.fileSystemId())).fileSystems().get(0).name())
                .isEqualTo("ledger");
        efs.untagResource(r -> r.resourceId(fs.fileSystemArn()).tagKeys("team", "absent"));
        assertThat(efs.listTagsForResource(r -> r.resourceId(fs.fileSystemId())).tags())
                .containsExactlyInAnyOrder(tag("Backup", "weekly"), tag("Name", "ledger"));

        efs.createTags(r -> r.fileSystemId(fs.fileSystemId()).tags(tag("old-api", "yes")));
        assertThat(efs.describeTags(r -> r.fileSystemId(fs.fileSystemId())).tags()).contains(tag("old-api", "yes"));
        efs.deleteTags(r -> r.fileSystemId(fs.fileSystemId()).tagKeys("old-api"));
        assertThat(efs.describeTags(r -> r.fileSystemId(fs.fileSystemId())).tags()).doesNotContain(tag("old-api", "yes"));

        expect(FileSystemNotFoundException.class, 404, "FileSystemNotFound",
                () -> efs.listTagsForResource(r -> r.resourceId("fs-0123456789abcdef0")));
        expect(FileSystemNotFoundException.class, 404, "FileSystemNotFound",
                () -> efs.tagResource(r -> r.resourceId("fs-0123456789abcdef0").tags(tag("a", "b"))));
        expect(AccessPointNotFoundException.class, 404, "AccessPointNotFound",
                () -> efs.listTagsForResource(r -> r.resourceId("fsap-0123456789abcdef0")));
        expect(BadRequestException.class, 400, "BadRequest",
                () -> efs.tagResource(r -> r.resourceId(fs.fileSystemId()).tags(tag("aws:reserved", "x"))));
    }

    @Test
    void theTaggingApiSeesAndTagsFileSystems() {
        try (var tagging = server.endpoint().client(software.amazon.awssdk.services.resourcegroupstaggingapi
                .ResourceGroupsTaggingApiClient.builder())) {
            CreateFileSystemResponse fs = efs.createFileSystem(r -> r.creationToken("via-tagging-api")
                    .tags(tag("Backup", "tagging-api")));
            assertThat(tagging.getResources(r -> r.resourceTypeFilters("elasticfilesystem:file-system")
                    .tagFilters(f -> f.key("Backup").values("tagging-api"))).resourceTagMappingList())
                    .extracting(m -> m.resourceARN()).containsExactly(fs.fileSystemArn());
            assertThat(tagging.tagResources(r -> r.resourceARNList(fs.fileSystemArn()).tags(java.util.Map.of(
                    "owner", "ops"))).failedResourcesMap()).isEmpty();
            assertThat(efs.listTagsForResource(r -> r.resourceId(fs.fileSystemId())).tags())
                    .contains(tag("owner", "ops"));
        }
    }

    @Test
    void adminFileTreeRoundTrip() {
        String id = efs.createFileSystem(r -> r.creationToken("with-files")).fileSystemId();
        AdminClient admin = server.endpoint().admin();
        byte[] content = "hello, efs\n".getBytes(StandardCharsets.UTF_8);
        assertThat(admin.putEfsFile(id, "docs/readme.txt", content).status()).isEqualTo(200);
        assertThat(admin.putEfsFile(id, "top.bin", new byte[]{0, 1, 2, (byte) 255}).status()).isEqualTo(200);
        AdminClient.RawAnswer read = admin.getEfsFile(id, "docs/readme.txt");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(content);
        assertThat(admin.getEfsFile(id, "top.bin").body()).containsExactly(0, 1, 2, (byte) 255);
        AdminClient.Answer listed = admin.get("efs/" + id + "/files");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body().get("files").toString()).isEqualTo("[\"docs/readme.txt\",\"top.bin\"]");
        assertThat(efs.describeFileSystems(r -> r.fileSystemId(id)).fileSystems().get(0).sizeInBytes().value())
                .isEqualTo(content.length + 4L);

        assertThat(admin.getEfsFile(id, "missing.txt").status()).isEqualTo(404);
        assertThat(admin.get("efs/fs-0123456789abcdef0/files").status()).isEqualTo(404);
        assertThat(admin.putEfsFile("fs-0123456789abcdef0", "a.txt", content).status()).isEqualTo(404);
        assertThat(admin.putEfsFile(id, "a/../../b", content).status()).isEqualTo(400);
    }

    @Test
    void scpDenyingUntaggedCreationSeesRequestTags() {
        try (TestServer own = TestServer.start()) {
            ProductionAccount production = ProductionAccount.under(own, "require-backup-tag",
                    ProductionAccount.denyUntagged("elasticfilesystem:CreateFileSystem", "\"*\""));
            try (EfsClient memberEfs = own.endpoint().client(EfsClient.builder(),
                    production.credentials())) {
                Throwable denied = catchThrowable(() -> memberEfs.createFileSystem(r -> r.creationToken("untagged")));
                assertThat(denied).isInstanceOf(EfsException.class);
                assertThat(((EfsException) denied).statusCode()).isEqualTo(403);
                assertThat(denied.getMessage()).contains("elasticfilesystem:CreateFileSystem");
                assertThat(memberEfs.createFileSystem(r -> r.creationToken("tagged")
                        .tags(tag("Backup", "daily"))).lifeCycleState()).isEqualTo(LifeCycleState.AVAILABLE);
            }
        }
    }
}
