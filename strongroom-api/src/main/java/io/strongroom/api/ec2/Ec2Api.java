package io.strongroom.api.ec2;

import io.strongroom.api.AccessRequirement;
import io.strongroom.api.CallContext;
import io.strongroom.api.ServiceApi;
import io.strongroom.ec2.Ec2Errors;
import io.strongroom.ec2.Ec2Service;
import io.strongroom.ec2.Ec2Tags;
import io.strongroom.ec2.ImageService;
import io.strongroom.ec2.Inputs;
import io.strongroom.ec2.InstanceService;
import io.strongroom.ec2.MultiVolumeSnapshots;
import io.strongroom.ec2.OwnSnapshot;
import io.strongroom.ec2.OwnSnapshotService;
import io.strongroom.ec2.SnapshotService;
import io.strongroom.ec2.Volume;
import software.amazon.awssdk.services.ec2.model.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * EC2 operations: EBS volumes, snapshots and tags here, instances and images in {@link InstanceOperations}; SDK
 * shapes to the strongroom-ec2 engine and back.
 */
public final class Ec2Api {
    private Ec2Api() {
    }

    static String volumeArn(CallContext ctx, String idOrArn) {
        if (idOrArn != null && idOrArn.startsWith("arn:")) {
            return idOrArn;
        }
        return Volume.arn(ctx.region(), ctx.accountId(), idOrArn == null ? "*" : idOrArn);
    }

    /**
     * The ARNs CreateTags and DeleteTags act on: instances for {@code i-} ids, images for {@code ami-} ids and
     * snapshots for {@code snap-} ids (their ARNs have no account), volumes otherwise.
     */
    private static List<String> arns(CallContext ctx, List<String> ids) {
        return ids == null || ids.isEmpty() ? List.of(volumeArn(ctx, null)) : ids.stream()
                .map(id -> id != null && id.startsWith("i-") ? InstanceOperations.instanceArn(ctx, id)
                        : id != null && id.startsWith("ami-") ? io.strongroom.ec2.Image.arn(ctx.region(), id)
                        : id != null && id.startsWith("snap-") ? io.strongroom.ec2.Snapshot.arn(ctx.region(), id)
                        : volumeArn(ctx, id)).toList();
    }

    /** DryRun: the caller was authorized (the pipeline checked before), so EC2 answers DryRunOperation. */
    static void dryRun(Boolean dryRun) {
        if (Boolean.TRUE.equals(dryRun)) {
            throw Ec2Errors.dryRun();
        }
    }

    /** aws:RequestTag/key and aws:TagKeys for calls that set tags, so SCPs can require tags on creation. */
    static AccessRequirement tagging(String operation, List<String> resources, Map<String, String> tags) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        tags.forEach((k, v) -> keys.put("aws:RequestTag/" + k, List.of(v == null ? "" : v)));
        if (!tags.isEmpty()) {
            keys.put("aws:TagKeys", List.copyOf(tags.keySet()));
        }
        return new AccessRequirement(List.of("ec2:" + operation), resources, keys, false);
    }

    public static ServiceApi create(Ec2Service ec2, InstanceService instances, SnapshotService snapshots,
                                    ImageService images, OwnSnapshotService ownSnapshots,
                                    MultiVolumeSnapshots multiVolumeSnapshots) {
        ServiceApi.Builder api = ServiceApi.builder("ec2");
        Ec2Tags tagging = new Ec2Tags(ec2, instances, images, snapshots);
        InstanceOperations.register(api, instances, images);
        registerSnapshots(api, snapshots, ownSnapshots);
        registerCreateSnapshots(api, multiVolumeSnapshots);
        SnapshotAttributeOperations.register(api, snapshots, ownSnapshots.sharing());

        // From a snapshot, EC2 authorizes ec2:CreateVolume on the snapshot as well as on the new volume.
        api.write("CreateVolume", CreateVolumeRequest.class, "ec2:CreateVolume",
                (ctx, q) -> tagging("CreateVolume", q.snapshotId() == null ? List.of(volumeArn(ctx, null))
                        : List.of(volumeArn(ctx, null), snapshotArn(ctx, q.snapshotId())),
                        volumeTags(q.tagSpecifications())),
                (ctx, q) -> {
                    dryRun(q.dryRun());
                    snapshots.refuseVolumeFrom(ctx.tx(), ctx.accountId(), ctx.region(), q.snapshotId());
                    Inputs.CreateVolume in = new Inputs.CreateVolume(q.availabilityZone(), q.size(),
                            q.volumeTypeAsString(), q.iops(), q.encrypted(), q.kmsKeyId(), q.snapshotId(),
                            volumeTags(q.tagSpecifications()));
                    Volume v = q.snapshotId() == null ? ec2.createVolume(ctx.tx(), ctx.accountId(), ctx.region(), in)
                            : ownSnapshots.createVolume(ctx.tx(), ctx.accountId(), ctx.region(), in);
                    software.amazon.awssdk.services.ec2.model.Volume d = describe(v);
                    return CreateVolumeResponse.builder().volumeId(d.volumeId()).size(d.size())
                            .availabilityZone(d.availabilityZone()).state(d.state()).createTime(d.createTime())
                            .volumeType(d.volumeType()).iops(d.iops()).encrypted(d.encrypted()).kmsKeyId(d.kmsKeyId())
                            .snapshotId(d.snapshotId()).multiAttachEnabled(false).tags(d.tags()).build();
                });
        api.read("DescribeVolumes", DescribeVolumesRequest.class, "ec2:DescribeVolumes",
                (ctx, q) -> AccessRequirement.of("ec2:DescribeVolumes", "*"),
                (ctx, q) -> {
                    dryRun(q.dryRun());
                    Ec2Service.Page page = ec2.describe(ctx.tx(), ctx.accountId(), ctx.region(), q.volumeIds(),
                            filters(q.filters()), q.maxResults(), q.nextToken());
                    return DescribeVolumesResponse.builder()
                            .volumes(page.volumes().stream().map(Ec2Api::describe).toList())
                            .nextToken(page.nextToken()).build();
                });
        api.write("DeleteVolume", DeleteVolumeRequest.class, "ec2:DeleteVolume",
                (ctx, q) -> AccessRequirement.of("ec2:DeleteVolume", volumeArn(ctx, q.volumeId())),
                (ctx, q) -> {
                    dryRun(q.dryRun());
                    if (q.volumeId() == null) {
                        throw Ec2Errors.missingParameter("volumeId");
                    }
                    ec2.deleteVolume(ctx.tx(), ctx.accountId(), ctx.region(), q.volumeId());
                    return DeleteVolumeResponse.builder().build();
                });

        // ---- tags
        api.write("CreateTags", CreateTagsRequest.class, "ec2:CreateTags",
                (ctx, q) -> tagging("CreateTags", arns(ctx, q.resources()), tags(q.tags())),
                (ctx, q) -> {
                    dryRun(q.dryRun());
                    tagging.createTags(ctx.tx(), ctx.accountId(), ctx.region(), q.resources(), tags(q.tags()));
                    return CreateTagsResponse.builder().build();
                });
        api.write("DeleteTags", DeleteTagsRequest.class, "ec2:DeleteTags",
                (ctx, q) -> new AccessRequirement(List.of("ec2:DeleteTags"), arns(ctx, q.resources()),
                        q.tags() != null && !q.tags().isEmpty()
                                ? Map.of("aws:TagKeys", q.tags().stream().map(Tag::key).toList()) : Map.of(), false),
                (ctx, q) -> {
                    dryRun(q.dryRun());
                    tagging.deleteTags(ctx.tx(), ctx.accountId(), ctx.region(), q.resources(), tags(q.tags()));
                    return DeleteTagsResponse.builder().build();
                });
        api.read("DescribeTags", DescribeTagsRequest.class, "ec2:DescribeTags",
                (ctx, q) -> AccessRequirement.of("ec2:DescribeTags", "*"),
                (ctx, q) -> {
                    dryRun(q.dryRun());
                    Ec2Tags.TagPage page = tagging.describeTags(ctx.tx(), ctx.accountId(), ctx.region(),
                            filters(q.filters()), q.maxResults(), q.nextToken());
                    return DescribeTagsResponse.builder().tags(page.tags().stream().map(t -> TagDescription.builder()
                                    .resourceId(t.resourceId()).resourceType(t.resourceType()).key(t.key())
                                    .value(t.value()).build()).toList())
                            .nextToken(page.nextToken()).build();
                });
        api.note("CreateVolume", "State is available at once; from the account's own completed snapshots and those "
                + "shared with it (D127, D140: exactly their bytes, Size at least theirs), not from AWS Backup's (restored with StartRestoreJob, "
                + "D106); Multi-Attach, Outposts and throughput are not served; no data plane (bytes through the admin "
                + "API)");
        api.note("DescribeVolumes", "Filters tag:<key>, tag-key, volume-id, status, availability-zone, volume-type, "
                + "size, encrypted, attachment.instance-id/device/status/delete-on-termination");
        api.note("CreateTags", "Volumes, instances, images and snapshots (an image's or snapshot's tags are the "
                + "caller's own edits over those AWS Backup gave it, D118, D122)");
        api.note("DeleteTags", "Volumes, instances, images and snapshots (D118, D122); aws: keys refused");
        api.note("DescribeTags", "Volumes, instances, images and snapshots (D118, D122); filters resource-id, "
                + "resource-type, key, value, tag:<key>");
        return api.build();
    }

    static String snapshotArn(CallContext ctx, String id) {
        return io.strongroom.ec2.Snapshot.arn(ctx.region(), id == null ? "*" : id);
    }

    /** Snapshots on an Outpost or in a Local Zone are not served. */
    private static void refuseOutsideTheRegion(String outpost, String localZone) {
        if (outpost != null || localZone != null) {
            throw Ec2Errors.unsupported("Strongroom keeps snapshots in the Region only (no Outposts or Local Zones).");
        }
    }

    private static void registerSnapshots(ServiceApi.Builder api, SnapshotService snapshots,
                                          OwnSnapshotService ownSnapshots) {
        // AWS authorizes ec2:CreateSnapshot on the volume and on the new snapshot (whose id is not known yet).
        api.write("CreateSnapshot", CreateSnapshotRequest.class, "ec2:CreateSnapshot",
                (ctx, q) -> tagging("CreateSnapshot", List.of(volumeArn(ctx, q.volumeId()), snapshotArn(ctx, null)),
                        snapshotTags(q.tagSpecifications())),
                (ctx, q) -> {
                    dryRun(q.dryRun());
                    refuseOutsideTheRegion(q.outpostArn(), q.locationAsString());
                    OwnSnapshot s = ownSnapshots.create(ctx.tx(), ctx.accountId(), ctx.region(), q.volumeId(),
                            q.description(), snapshotTags(q.tagSpecifications()));
                    io.strongroom.ec2.Snapshot d = s.describe();
                    return CreateSnapshotResponse.builder().snapshotId(d.id()).volumeId(d.volumeId())
                            .state(d.state()).startTime(d.startTime()).progress(d.progress()).ownerId(d.ownerId())
                            .description(d.description()).volumeSize(d.volumeSize()).encrypted(d.encrypted())
                            .kmsKeyId(d.kmsKeyId()).storageTier(d.storageTier()).tags(sdkTags(d.tags())).build();
                });
        // AWS authorizes ec2:CopySnapshot on the source snapshot and on the new one.
        api.write("CopySnapshot", CopySnapshotRequest.class, "ec2:CopySnapshot",
                (ctx, q) -> tagging("CopySnapshot", List.of(snapshotArn(ctx, q.sourceSnapshotId()),
                        snapshotArn(ctx, null)), snapshotTags(q.tagSpecifications())),
                (ctx, q) -> {
                    dryRun(q.dryRun());
                    refuseOutsideTheRegion(q.destinationOutpostArn(), q.destinationAvailabilityZone());
                    if (q.destinationRegion() != null && !q.destinationRegion().equals(ctx.region())) {
                        throw Ec2Errors.unsupported("Strongroom copies snapshots within their Region only "
                                + "(destination Region " + q.destinationRegion() + ", this Region " + ctx.region()
                                + ").");
                    }
                    OwnSnapshot copy = snapshots.copy(ctx.tx(), ctx.accountId(), ctx.region(), q.sourceSnapshotId(),
                            q.sourceRegion(), q.description(), q.encrypted(), q.kmsKeyId(),
                            snapshotTags(q.tagSpecifications()));
                    return CopySnapshotResponse.builder().snapshotId(copy.id()).tags(sdkTags(copy.tags())).build();
                });
        api.note("CopySnapshot", "Within the Region, of the account's own completed snapshots (D127): the same "
                + "bytes, pending on the clock as CreateSnapshot's; AWS Backup's snapshots are copied with StartCopyJob; "
                + "no cross-Region copy (PresignedUrl ignored), Outposts or Local Zones, CompletionDurationMinutes "
                + "ignored");
        api.note("CreateSnapshot", "A real copy of the volume's bytes at the call (D127), pending until a minute plus "
                + "its bytes at 100 MiB/s of simulated time; Outposts, Local Zones and the concurrent-snapshot limit "
                + "are not served");
        api.read("DescribeSnapshots", DescribeSnapshotsRequest.class, "ec2:DescribeSnapshots",
                (ctx, q) -> AccessRequirement.of("ec2:DescribeSnapshots", "*"),
                (ctx, q) -> {
                    dryRun(q.dryRun());
                    SnapshotService.Page page = snapshots.describe(ctx.tx(), ctx.accountId(), ctx.region(),
                            q.snapshotIds(), q.ownerIds(), q.restorableByUserIds(), filters(q.filters()),
                            q.maxResults(), q.nextToken());
                    return DescribeSnapshotsResponse.builder()
                            .snapshots(page.snapshots().stream().map(Ec2Api::describe).toList())
                            .nextToken(page.nextToken()).build();
                });
        api.write("DeleteSnapshot", DeleteSnapshotRequest.class, "ec2:DeleteSnapshot",
                (ctx, q) -> AccessRequirement.of("ec2:DeleteSnapshot",
                        io.strongroom.ec2.Snapshot.arn(ctx.region(), q.snapshotId() == null ? "*" : q.snapshotId())),
                (ctx, q) -> {
                    dryRun(q.dryRun());
                    snapshots.delete(ctx.tx(), ctx.accountId(), ctx.region(), q.snapshotId());
                    return DeleteSnapshotResponse.builder().build();
                });
        api.note("DescribeSnapshots", "The account's own snapshots (D127), those AWS Backup keeps for EBS recovery "
                + "points (D106), those behind the AMIs of EC2 recovery points (D118), and other accounts' own "
                + "snapshots shared with the caller or public (D140, without their tags); RestorableByUserIds; "
                + "filters snapshot-id, volume-id, status, owner-id, description, "
                + "volume-size, encrypted, storage-tier, progress, kms-key-id, tag-key, tag:<key>");
        api.note("DeleteSnapshot", "The account's own snapshots, pending or completed, with their bytes (D127); AWS "
                + "Backup's are refused as AWS refuses them (D106), or as in use by their AMI (D118)");
    }

    /** CreateSnapshots of an instance's volumes (D142). */
    private static void registerCreateSnapshots(ServiceApi.Builder api, MultiVolumeSnapshots multi) {
        // The Service Authorization Reference names the instance and the new snapshots as its resources.
        api.write("CreateSnapshots", CreateSnapshotsRequest.class, "ec2:CreateSnapshots",
                (ctx, q) -> tagging("CreateSnapshots", List.of(InstanceOperations.instanceArn(ctx,
                        q.instanceSpecification() == null ? null : q.instanceSpecification().instanceId()),
                        snapshotArn(ctx, null)), snapshotTags(q.tagSpecifications())),
                (ctx, q) -> {
                    dryRun(q.dryRun());
                    refuseOutsideTheRegion(q.outpostArn(), q.locationAsString());
                    InstanceSpecification spec = q.instanceSpecification();
                    if (spec == null) {
                        throw Ec2Errors.missingParameter("InstanceSpecification");
                    }
                    List<OwnSnapshot> made = multi.create(ctx.tx(), ctx.accountId(), ctx.region(),
                            new MultiVolumeSnapshots.Request(spec.instanceId(), spec.excludeBootVolume(),
                                    spec.hasExcludeDataVolumeIds() ? spec.excludeDataVolumeIds() : null,
                                    q.description(), snapshotTags(q.tagSpecifications()),
                                    q.copyTagsFromSourceAsString()));
                    return CreateSnapshotsResponse.builder().snapshots(made.stream().map(s -> {
                        io.strongroom.ec2.Snapshot d = s.describe();
                        return SnapshotInfo.builder().snapshotId(d.id()).volumeId(d.volumeId()).state(d.state())
                                .startTime(d.startTime()).progress(d.progress()).ownerId(d.ownerId())
                                .description(d.description()).volumeSize(d.volumeSize()).encrypted(d.encrypted())
                                .tags(sdkTags(d.tags())).build();
                    }).toList()).build();
                });
        api.note("CreateSnapshots", "One snapshot of each volume attached to the instance (D142), as CreateSnapshot's "
                + "(D127), all started at one instant; ExcludeBootVolume, ExcludeDataVolumeIds, CopyTagsFromSource "
                + "volume; Outposts and Local Zones are not served");
    }

    static software.amazon.awssdk.services.ec2.model.Snapshot describe(io.strongroom.ec2.Snapshot s) {
        return software.amazon.awssdk.services.ec2.model.Snapshot.builder().snapshotId(s.id())
                .volumeId(s.volumeId()).state(s.state()).startTime(s.startTime()).progress(s.progress())
                .ownerId(s.ownerId()).description(s.description()).volumeSize(s.volumeSize())
                .encrypted(s.encrypted()).kmsKeyId(s.kmsKeyId()).storageTier(s.storageTier())
                .tags(sdkTags(s.tags())).build();
    }

    static software.amazon.awssdk.services.ec2.model.Volume describe(Volume v) {
        return software.amazon.awssdk.services.ec2.model.Volume.builder().volumeId(v.id()).size(v.size())
                .availabilityZone(v.availabilityZone()).createTime(v.created())
                .volumeType(v.volumeType()).iops(v.iops()).encrypted(v.encrypted()).kmsKeyId(v.kmsKeyId())
                .snapshotId(v.snapshotId() == null ? "" : v.snapshotId()).attachments(attachments(v)).multiAttachEnabled(false).tags(sdkTags(v.tags()))
                .state(v.state()).build();
    }

    private static List<VolumeAttachment> attachments(Volume v) {
        Volume.Attachment a = v.attachment();
        return a == null ? List.of() : List.of(VolumeAttachment.builder().volumeId(v.id()).instanceId(a.instanceId())
                .device(a.device()).state(VolumeAttachmentState.ATTACHED).attachTime(a.attachTime())
                .deleteOnTermination(a.deleteOnTermination()).build());
    }

    static Map<String, String> volumeTags(List<TagSpecification> specs) {
        Map<String, String> out = new LinkedHashMap<>();
        if (specs != null) {
            for (TagSpecification s : specs) {
                if (s.resourceType() != ResourceType.VOLUME) {
                    throw Ec2Errors.invalidParameterValue("'" + s.resourceTypeAsString() + "' is not a valid "
                            + "taggable resource type for this operation.");
                }
                out.putAll(tags(s.tags()));
            }
        }
        return out;
    }

    /** TagSpecifications of CreateSnapshot: resource type {@code snapshot} only. */
    static Map<String, String> snapshotTags(List<TagSpecification> specs) {
        Map<String, String> out = new LinkedHashMap<>();
        if (specs != null) {
            for (TagSpecification s : specs) {
                if (s.resourceType() != ResourceType.SNAPSHOT) {
                    throw Ec2Errors.invalidParameterValue("'" + s.resourceTypeAsString() + "' is not a valid "
                            + "taggable resource type for this operation.");
                }
                out.putAll(tags(s.tags()));
            }
        }
        return out;
    }

    static List<Inputs.Filter> filters(List<Filter> filters) {
        List<Inputs.Filter> out = new ArrayList<>();
        if (filters != null) {
            filters.forEach(f -> out.add(new Inputs.Filter(f.name(), f.values())));
        }
        return out;
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
