package io.strongroom.api.efs;

import io.strongroom.api.AccessRequirement;
import io.strongroom.api.CallContext;
import io.strongroom.api.ServiceApi;
import io.strongroom.efs.EfsService;
import io.strongroom.efs.FileSystem;
import io.strongroom.efs.Inputs;
import software.amazon.awssdk.services.efs.model.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** EFS operations: SDK shapes to the strongroom-efs engine and back. */
public final class EfsApi {
    private EfsApi() {
    }

    static String fileSystemArn(CallContext ctx, String idOrArn) {
        if (idOrArn != null && idOrArn.startsWith("arn:")) {
            return idOrArn;
        }
        return FileSystem.arn(ctx.region(), ctx.accountId(), idOrArn == null ? "*" : idOrArn);
    }

    private static AccessRequirement on(String operation, CallContext ctx, String idOrArn) {
        return AccessRequirement.of("elasticfilesystem:" + operation, fileSystemArn(ctx, idOrArn));
    }

    /** aws:RequestTag/key and aws:TagKeys for calls that set tags, so SCPs can require tags on creation. */
    private static AccessRequirement tagging(String operation, String resource, Map<String, String> tags) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        tags.forEach((k, v) -> keys.put("aws:RequestTag/" + k, List.of(v)));
        if (!tags.isEmpty()) {
            keys.put("aws:TagKeys", List.copyOf(tags.keySet()));
        }
        return new AccessRequirement(List.of("elasticfilesystem:" + operation), List.of(resource), keys, false);
    }

    private static AccessRequirement untagging(String operation, String resource, List<String> keys) {
        return new AccessRequirement(List.of("elasticfilesystem:" + operation), List.of(resource),
                keys != null && !keys.isEmpty() ? Map.of("aws:TagKeys", keys) : Map.of(), false);
    }

    public static ServiceApi create(EfsService efs) {
        ServiceApi.Builder api = ServiceApi.builder("elasticfilesystem");

        api.write("CreateFileSystem", CreateFileSystemRequest.class, "elasticfilesystem:CreateFileSystem",
                (ctx, q) -> tagging("CreateFileSystem", fileSystemArn(ctx, null), tags(q.tags())),
                (ctx, q) -> {
                    if (q.availabilityZoneName() != null) {
                        throw io.strongroom.efs.EfsErrors.badRequest("Strongroom does not serve One Zone file "
                                + "systems (AvailabilityZoneName).");
                    }
                    FileSystem fs = efs.createFileSystem(ctx.tx(), ctx.accountId(), ctx.region(),
                            new Inputs.CreateFileSystem(q.creationToken(), q.performanceModeAsString(),
                                    q.encrypted(), q.kmsKeyId(), q.throughputModeAsString(),
                                    q.provisionedThroughputInMibps(), tags(q.tags())));
                    FileSystemDescription d = describe(fs, 0);
                    return CreateFileSystemResponse.builder().ownerId(d.ownerId()).creationToken(d.creationToken())
                            .fileSystemId(d.fileSystemId()).fileSystemArn(d.fileSystemArn())
                            .creationTime(d.creationTime()).lifeCycleState(d.lifeCycleState()).name(d.name())
                            .numberOfMountTargets(d.numberOfMountTargets()).sizeInBytes(d.sizeInBytes())
                            .performanceMode(d.performanceMode()).encrypted(d.encrypted()).kmsKeyId(d.kmsKeyId())
                            .throughputMode(d.throughputMode())
                            .provisionedThroughputInMibps(d.provisionedThroughputInMibps())
                            .fileSystemProtection(d.fileSystemProtection()).tags(d.tags()).build();
                });
        api.read("DescribeFileSystems", DescribeFileSystemsRequest.class, "elasticfilesystem:DescribeFileSystems",
                (ctx, q) -> on("DescribeFileSystems", ctx, q.fileSystemId()),
                (ctx, q) -> {
                    EfsService.Page page = efs.describe(ctx.tx(), ctx.accountId(), ctx.region(), q.fileSystemId(),
                            q.creationToken(), q.marker(), q.maxItems());
                    return DescribeFileSystemsResponse.builder().marker(q.marker())
                            .fileSystems(page.fileSystems().stream()
                                    .map(f -> describe(f, efs.sizeBytes(ctx.tx(), f.id()))).toList())
                            .nextMarker(page.nextMarker()).build();
                });
        api.write("DeleteFileSystem", DeleteFileSystemRequest.class, "elasticfilesystem:DeleteFileSystem",
                (ctx, q) -> on("DeleteFileSystem", ctx, q.fileSystemId()),
                (ctx, q) -> {
                    efs.deleteFileSystem(ctx.tx(), ctx.accountId(), ctx.region(), q.fileSystemId());
                    return DeleteFileSystemResponse.builder().build();
                });

        // ---- tags
        api.write("TagResource", TagResourceRequest.class, "elasticfilesystem:TagResource",
                (ctx, q) -> tagging("TagResource", fileSystemArn(ctx, q.resourceId()), tags(q.tags())),
                (ctx, q) -> {
                    efs.tag(ctx.tx(), ctx.accountId(), ctx.region(), q.resourceId(), tags(q.tags()));
                    return TagResourceResponse.builder().build();
                });
        api.write("UntagResource", UntagResourceRequest.class, "elasticfilesystem:UntagResource",
                (ctx, q) -> untagging("UntagResource", fileSystemArn(ctx, q.resourceId()), q.tagKeys()),
                (ctx, q) -> {
                    efs.untag(ctx.tx(), ctx.accountId(), ctx.region(), q.resourceId(), q.tagKeys());
                    return UntagResourceResponse.builder().build();
                });
        api.read("ListTagsForResource", ListTagsForResourceRequest.class, "elasticfilesystem:ListTagsForResource",
                (ctx, q) -> on("ListTagsForResource", ctx, q.resourceId()),
                (ctx, q) -> ListTagsForResourceResponse.builder()
                        .tags(sdkTags(efs.tags(ctx.tx(), ctx.accountId(), ctx.region(), q.resourceId()))).build());
        api.write("CreateTags", CreateTagsRequest.class, "elasticfilesystem:CreateTags",
                (ctx, q) -> tagging("CreateTags", fileSystemArn(ctx, q.fileSystemId()), tags(q.tags())),
                (ctx, q) -> {
                    efs.tag(ctx.tx(), ctx.accountId(), ctx.region(), q.fileSystemId(), tags(q.tags()));
                    return CreateTagsResponse.builder().build();
                });
        api.write("DeleteTags", DeleteTagsRequest.class, "elasticfilesystem:DeleteTags",
                (ctx, q) -> untagging("DeleteTags", fileSystemArn(ctx, q.fileSystemId()), q.tagKeys()),
                (ctx, q) -> {
                    efs.untag(ctx.tx(), ctx.accountId(), ctx.region(), q.fileSystemId(), q.tagKeys());
                    return DeleteTagsResponse.builder().build();
                });
        api.read("DescribeTags", DescribeTagsRequest.class, "elasticfilesystem:DescribeTags",
                (ctx, q) -> on("DescribeTags", ctx, q.fileSystemId()),
                (ctx, q) -> DescribeTagsResponse.builder()
                        .tags(sdkTags(efs.tags(ctx.tx(), ctx.accountId(), ctx.region(), q.fileSystemId()))).build());
        api.note("CreateFileSystem", "LifeCycleState is available at once; One Zone (AvailabilityZoneName) and "
                + "Backup are not served; no mount targets or data plane (files through the admin API)");
        api.note("ListTagsForResource", "All tags in one page; access points are not served");
        api.note("DescribeTags", "All tags in one page");
        return api.build();
    }

    static FileSystemDescription describe(FileSystem f, long size) {
        return FileSystemDescription.builder().ownerId(f.accountId()).creationToken(f.creationToken())
                .fileSystemId(f.id()).fileSystemArn(f.arn()).creationTime(f.created())
                .lifeCycleState(LifeCycleState.AVAILABLE).name(f.name()).numberOfMountTargets(0)
                .sizeInBytes(FileSystemSize.builder().value(size).valueInStandard(size).valueInIA(0L)
                        .valueInArchive(0L).build())
                .performanceMode(f.performanceMode()).encrypted(f.encrypted()).kmsKeyId(f.kmsKeyId())
                .throughputMode(f.throughputMode()).provisionedThroughputInMibps(f.provisionedThroughputInMibps())
                .fileSystemProtection(FileSystemProtectionDescription.builder()
                        .replicationOverwriteProtection(ReplicationOverwriteProtection.ENABLED).build())
                .tags(sdkTags(f.tags())).build();
    }

    static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tags != null) {
            tags.forEach(t -> out.put(t.key(), t.value()));
        }
        return out;
    }

    static List<Tag> sdkTags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }
}
