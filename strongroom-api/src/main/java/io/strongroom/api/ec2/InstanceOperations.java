package io.strongroom.api.ec2;

import io.strongroom.api.AccessRequirement;
import io.strongroom.api.CallContext;
import io.strongroom.api.ServiceApi;
import io.strongroom.ec2.Ec2Errors;
import io.strongroom.ec2.ImageService;
import io.strongroom.ec2.Inputs;
import io.strongroom.ec2.InstanceService;
import software.amazon.awssdk.services.ec2.model.*;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** EC2 instance and image operations: SDK shapes to the strongroom-ec2 engine and back. */
final class InstanceOperations {
    private static final DateTimeFormatter REASON_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'GMT'")
            .withZone(ZoneOffset.UTC);

    private InstanceOperations() {
    }

    static String instanceArn(CallContext ctx, String idOrArn) {
        if (idOrArn != null && idOrArn.startsWith("arn:")) {
            return idOrArn;
        }
        return io.strongroom.ec2.Instance.arn(ctx.region(), ctx.accountId(), idOrArn == null ? "*" : idOrArn);
    }

    private static List<String> instanceArns(CallContext ctx, List<String> ids) {
        return ids == null || ids.isEmpty() ? List.of(instanceArn(ctx, null))
                : ids.stream().map(id -> instanceArn(ctx, id)).toList();
    }

    /**
     * RunInstances is authorized, as in EC2, once per resource it touches: the new instances with the instance
     * tags as aws:RequestTag, the new volumes with the volume tags, and the image, which carries no request tags.
     */
    private static AccessRequirement runInstancesAccess(CallContext ctx, RunInstancesRequest q) {
        String imageArn = "arn:aws:ec2:" + ctx.region() + "::image/" + (q.imageId() == null ? "*" : q.imageId());
        return Ec2Api.tagging("RunInstances", List.of(instanceArn(ctx, null)), tagsFor(q, ResourceType.INSTANCE))
                .and(Ec2Api.tagging("RunInstances", List.of(Ec2Api.volumeArn(ctx, null)),
                        tagsFor(q, ResourceType.VOLUME)))
                .and(AccessRequirement.of("ec2:RunInstances", imageArn));
    }

    static void register(ServiceApi.Builder api, InstanceService instances, ImageService images) {
        api.write("RunInstances", RunInstancesRequest.class, "ec2:RunInstances",
                InstanceOperations::runInstancesAccess,
                (ctx, q) -> {
                    Ec2Api.dryRun(q.dryRun());
                    images.refuseLaunchFrom(ctx.tx(), ctx.accountId(), ctx.region(), q.imageId());
                    InstanceService.Reservation r = instances.runInstances(ctx.tx(), ctx.accountId(), ctx.region(),
                            new Inputs.RunInstances(q.imageId(), q.instanceTypeAsString(), q.minCount(),
                                    q.maxCount(), q.placement() == null ? null : q.placement().availabilityZone(),
                                    blockDevices(q.blockDeviceMappings()), tagsFor(q, ResourceType.INSTANCE),
                                    tagsFor(q, ResourceType.VOLUME), q.clientToken(), q.keyName(), q.subnetId(),
                                    q.securityGroupIds(), q.disableApiTermination()));
                    return RunInstancesResponse.builder().reservationId(r.id()).ownerId(r.ownerId())
                            .groups(List.of()).instances(r.instances().stream().map(InstanceOperations::describe)
                                    .toList()).build();
                });
        api.read("DescribeInstances", DescribeInstancesRequest.class, "ec2:DescribeInstances",
                (ctx, q) -> AccessRequirement.of("ec2:DescribeInstances", "*"),
                (ctx, q) -> {
                    Ec2Api.dryRun(q.dryRun());
                    InstanceService.Page page = instances.describe(ctx.tx(), ctx.accountId(), ctx.region(),
                            q.instanceIds(), Ec2Api.filters(q.filters()), q.maxResults(), q.nextToken());
                    return DescribeInstancesResponse.builder().reservations(reservations(page.instances()))
                            .nextToken(page.nextToken()).build();
                });
        api.write("TerminateInstances", TerminateInstancesRequest.class, "ec2:TerminateInstances",
                (ctx, q) -> new AccessRequirement(List.of("ec2:TerminateInstances"), instanceArns(ctx,
                        q.instanceIds()), Map.of(), false),
                (ctx, q) -> {
                    Ec2Api.dryRun(q.dryRun());
                    return TerminateInstancesResponse.builder().terminatingInstances(changes(instances.terminate(
                            ctx.tx(), ctx.accountId(), ctx.region(), q.instanceIds()))).build();
                });
        api.write("StopInstances", StopInstancesRequest.class, "ec2:StopInstances",
                (ctx, q) -> new AccessRequirement(List.of("ec2:StopInstances"), instanceArns(ctx, q.instanceIds()),
                        Map.of(), false),
                (ctx, q) -> {
                    Ec2Api.dryRun(q.dryRun());
                    return StopInstancesResponse.builder().stoppingInstances(changes(instances.stop(ctx.tx(),
                            ctx.accountId(), ctx.region(), q.instanceIds()))).build();
                });
        api.write("StartInstances", StartInstancesRequest.class, "ec2:StartInstances",
                (ctx, q) -> new AccessRequirement(List.of("ec2:StartInstances"), instanceArns(ctx, q.instanceIds()),
                        Map.of(), false),
                (ctx, q) -> {
                    Ec2Api.dryRun(q.dryRun());
                    return StartInstancesResponse.builder().startingInstances(changes(instances.start(ctx.tx(),
                            ctx.accountId(), ctx.region(), q.instanceIds()))).build();
                });
        api.read("DescribeImages", DescribeImagesRequest.class, "ec2:DescribeImages",
                (ctx, q) -> AccessRequirement.of("ec2:DescribeImages", "*"),
                (ctx, q) -> {
                    Ec2Api.dryRun(q.dryRun());
                    ImageService.Page page = images.describe(ctx.tx(), ctx.accountId(), ctx.region(), q.imageIds(),
                            q.owners(), Ec2Api.filters(q.filters()), q.maxResults(), q.nextToken());
                    return DescribeImagesResponse.builder().images(page.images().stream().map(InstanceOperations::image)
                            .toList()).nextToken(page.nextToken()).build();
                });
        api.write("DeregisterImage", DeregisterImageRequest.class, "ec2:DeregisterImage",
                (ctx, q) -> AccessRequirement.of("ec2:DeregisterImage", io.strongroom.ec2.Image.arn(ctx.region(),
                        q.imageId() == null ? "*" : q.imageId())),
                (ctx, q) -> {
                    Ec2Api.dryRun(q.dryRun());
                    images.deregister(ctx.tx(), ctx.accountId(), ctx.region(), q.imageId());
                    return DeregisterImageResponse.builder().returnValue(true).build();
                });
        api.note("RunInstances", "A built-in image catalogue (AWS Backup's images are restored with StartRestoreJob, "
                + "D113); no VPCs, subnets, security groups, key pairs, launch templates or instance store; pending "
                + "until the next call, then running; at most 20 pending or running instances per account and Region");
        api.note("DescribeInstances", "Filters instance-id, instance-state-name/-code, tag:<key>, tag-key, "
                + "availability-zone, instance-type, image-id, reservation-id, architecture, block-device-mapping.*, "
                + "root-device-*, owner-id, client-token; terminated instances stay visible for an hour");
        api.note("TerminateInstances", "Terminated right after the call; DeleteOnTermination volumes are deleted, "
                + "others detached");
        api.note("StopInstances", "Stopped right after the call; Hibernate and Force are ignored");
        api.note("DescribeImages", "The built-in catalogue (Amazon Linux 2023 x86_64/arm64, Ubuntu 24.04) and the AMIs "
                + "AWS Backup keeps for EC2 recovery points (D113); nothing shared; ExecutableUsers, IncludeDeprecated "
                + "and IncludeDisabled ignored; filters image-id, name, description, state, architecture, owner-id, "
                + "owner-alias, is-public, image-type, platform-details, root-device-name/-type, virtualization-type, "
                + "source-instance-id, block-device-mapping.*, tag-key, tag:<key>");
        api.note("DeregisterImage", "Every image is refused: AWS Backup's as AWS refuses them (its words are not "
                + "documented, D113), the catalogue's public images with AuthFailure (RegisterImage is not served)");
    }

    private static Map<String, String> tagsFor(RunInstancesRequest q, ResourceType type) {
        Map<String, String> out = new LinkedHashMap<>();
        if (q.tagSpecifications() != null) {
            for (TagSpecification s : q.tagSpecifications()) {
                if (s.resourceType() != ResourceType.INSTANCE && s.resourceType() != ResourceType.VOLUME) {
                    throw Ec2Errors.invalidParameterValue("'" + s.resourceTypeAsString() + "' is not a valid "
                            + "taggable resource type for this operation.");
                }
                if (s.resourceType() == type) {
                    out.putAll(Ec2Api.tags(s.tags()));
                }
            }
        }
        return out;
    }

    private static List<Inputs.BlockDevice> blockDevices(List<BlockDeviceMapping> mappings) {
        List<Inputs.BlockDevice> out = new ArrayList<>();
        if (mappings != null) {
            for (BlockDeviceMapping m : mappings) {
                EbsBlockDevice e = m.ebs();
                out.add(new Inputs.BlockDevice(m.deviceName(), m.noDevice() != null, m.virtualName(),
                        e == null ? null : new Inputs.Ebs(e.volumeSize(), e.volumeTypeAsString(), e.iops(),
                                e.encrypted(), e.kmsKeyId(), e.deleteOnTermination(), e.snapshotId())));
            }
        }
        return out;
    }

    /** Instances grouped into their reservations, in the order of the page. */
    private static List<Reservation> reservations(List<io.strongroom.ec2.Instance> page) {
        Map<String, List<io.strongroom.ec2.Instance>> byReservation = new LinkedHashMap<>();
        page.forEach(i -> byReservation.computeIfAbsent(i.reservationId(), k -> new ArrayList<>()).add(i));
        return byReservation.values().stream().map(is -> Reservation.builder().reservationId(is.get(0).reservationId())
                .ownerId(is.get(0).accountId()).groups(List.of())
                .instances(is.stream().map(InstanceOperations::describe).toList()).build()).toList();
    }

    private static InstanceState state(String name) {
        return InstanceState.builder().name(name).code(io.strongroom.ec2.Instance.stateCode(name)).build();
    }

    private static List<InstanceStateChange> changes(List<InstanceService.StateChange> changes) {
        return changes.stream().map(c -> InstanceStateChange.builder().instanceId(c.instanceId())
                .previousState(state(c.previous())).currentState(state(c.current())).build()).toList();
    }

    static Instance describe(io.strongroom.ec2.Instance i) {
        boolean userStopped = !i.state().equals(io.strongroom.ec2.Instance.PENDING)
                && !i.state().equals(io.strongroom.ec2.Instance.RUNNING);
        Instance.Builder b = Instance.builder().instanceId(i.id()).imageId(i.imageId()).state(state(i.state()))
                .privateDnsName("").publicDnsName("")
                .stateTransitionReason(userStopped ? "User initiated (" + REASON_TIME.format(i.stateChanged()) + ")"
                        : "")
                .amiLaunchIndex(i.launchIndex()).productCodes(List.of()).instanceType(i.instanceType())
                .launchTime(i.launchTime())
                .placement(Placement.builder().availabilityZone(i.availabilityZone()).groupName("")
                        .tenancy(Tenancy.DEFAULT).build())
                .monitoring(Monitoring.builder().state(MonitoringState.DISABLED).build())
                .architecture(i.architecture()).rootDeviceType(DeviceType.EBS).rootDeviceName(i.rootDeviceName())
                .blockDeviceMappings(i.devices().stream().map(d -> InstanceBlockDeviceMapping.builder()
                        .deviceName(d.deviceName()).ebs(EbsInstanceBlockDevice.builder().attachTime(d.attachTime())
                                .deleteOnTermination(d.deleteOnTermination()).status(AttachmentStatus.ATTACHED)
                                .volumeId(d.volumeId()).build()).build()).toList())
                .virtualizationType(VirtualizationType.HVM).hypervisor(HypervisorType.XEN).ebsOptimized(false)
                .enaSupport(true).sourceDestCheck(true).securityGroups(List.of()).networkInterfaces(List.of())
                .platformDetails("Linux/UNIX").usageOperation("RunInstances").bootMode(BootModeValues.UEFI_PREFERRED)
                .tags(Ec2Api.sdkTags(i.tags()));
        if (i.clientToken() != null) {
            b.clientToken(i.clientToken());
        }
        if (userStopped) {
            b.stateReason(StateReason.builder().code("Client.UserInitiatedShutdown")
                    .message("Client.UserInitiatedShutdown: User initiated shutdown").build());
        }
        return b.build();
    }

    private static Image image(io.strongroom.ec2.Image i) {
        Image.Builder b = Image.builder().imageId(i.id()).name(i.name()).description(i.description())
                .ownerId(i.ownerId()).imageOwnerAlias(i.ownerAlias()).architecture(i.architecture())
                .imageLocation((i.ownerAlias() != null ? i.ownerAlias() : i.ownerId()) + "/" + i.name())
                .state(i.state()).publicLaunchPermissions(i.isPublic()).imageType(ImageTypeValues.MACHINE)
                .creationDate(i.creationDate()).rootDeviceName(i.rootDeviceName()).rootDeviceType(DeviceType.EBS)
                .virtualizationType(VirtualizationType.HVM).hypervisor(HypervisorType.XEN).enaSupport(true)
                .sriovNetSupport("simple").platformDetails(i.platformDetails()).usageOperation("RunInstances")
                .bootMode(BootModeValues.UEFI_PREFERRED).productCodes(List.of())
                .blockDeviceMappings(i.blockDevices().stream().map(d -> BlockDeviceMapping.builder()
                        .deviceName(d.deviceName()).ebs(EbsBlockDevice.builder()
                                .deleteOnTermination(d.deleteOnTermination()).snapshotId(d.snapshotId())
                                .volumeSize(d.volumeSize()).volumeType(d.volumeType()).encrypted(d.encrypted())
                                .iops(d.iops()).throughput(d.throughput()).kmsKeyId(d.kmsKeyId()).build()).build())
                        .toList());
        if (i.sourceInstanceId() != null) {
            b.sourceInstanceId(i.sourceInstanceId());
        }
        if (!i.tags().isEmpty()) {
            b.tags(Ec2Api.sdkTags(i.tags()));
        }
        return b.build();
    }
}
