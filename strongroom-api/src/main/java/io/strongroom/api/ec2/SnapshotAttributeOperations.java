package io.strongroom.api.ec2;

import io.strongroom.api.AccessRequirement;
import io.strongroom.api.CallContext;
import io.strongroom.api.ServiceApi;
import io.strongroom.ec2.Ec2Errors;
import io.strongroom.ec2.OwnSnapshot;
import io.strongroom.ec2.SnapshotService;
import io.strongroom.ec2.SnapshotSharing;
import software.amazon.awssdk.services.ec2.model.CreateVolumePermission;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotAttributeRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotAttributeResponse;
import software.amazon.awssdk.services.ec2.model.ModifySnapshotAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ModifySnapshotAttributeResponse;
import software.amazon.awssdk.services.ec2.model.ResetSnapshotAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ResetSnapshotAttributeResponse;

import java.util.ArrayList;
import java.util.List;

/**
 * ModifySnapshotAttribute, DescribeSnapshotAttribute and ResetSnapshotAttribute of the account's own snapshots (D140):
 * {@code createVolumePermission} shares a snapshot with accounts or makes it public; {@code productCodes} is always
 * empty here (no Marketplace).
 */
final class SnapshotAttributeOperations {
    private static final String CREATE_VOLUME_PERMISSION = "createVolumePermission";
    private static final String PRODUCT_CODES = "productCodes";

    private SnapshotAttributeOperations() {
    }

    static void register(ServiceApi.Builder api, SnapshotService snapshots, SnapshotSharing sharing) {
        api.write("ModifySnapshotAttribute", ModifySnapshotAttributeRequest.class, "ec2:ModifySnapshotAttribute",
                (ctx, q) -> on(ctx, "ec2:ModifySnapshotAttribute", q.snapshotId()),
                (ctx, q) -> {
                    Ec2Api.dryRun(q.dryRun());
                    OwnSnapshot s = snapshots.forAttributes(ctx.tx(), ctx.accountId(), ctx.region(), q.snapshotId());
                    if (PRODUCT_CODES.equals(q.attributeAsString())) {
                        throw Ec2Errors.invalidParameterValue("Only volume creation permissions can be modified.");
                    }
                    List<String> addUsers = new ArrayList<>();
                    List<String> addGroups = new ArrayList<>();
                    List<String> removeUsers = new ArrayList<>();
                    List<String> removeGroups = new ArrayList<>();
                    if (q.createVolumePermission() != null) {
                        split(q.createVolumePermission().add(), addUsers, addGroups);
                        split(q.createVolumePermission().remove(), removeUsers, removeGroups);
                    }
                    if (q.hasUserIds() || q.hasGroupNames()) { // the older form: OperationType with the lists
                        String op = q.operationTypeAsString();
                        if (op == null) {
                            throw Ec2Errors.missingParameter("operationType");
                        }
                        if (!op.equals("add") && !op.equals("remove")) {
                            throw Ec2Errors.invalidParameterValue("Value (" + op + ") for parameter operationType is "
                                    + "invalid. Expecting 'add' or 'remove'.");
                        }
                        (op.equals("add") ? addUsers : removeUsers).addAll(q.userIds());
                        (op.equals("add") ? addGroups : removeGroups).addAll(q.groupNames());
                    }
                    sharing.modify(ctx.tx(), s, addUsers, addGroups, removeUsers, removeGroups);
                    return ModifySnapshotAttributeResponse.builder().build();
                });
        api.read("DescribeSnapshotAttribute", DescribeSnapshotAttributeRequest.class, "ec2:DescribeSnapshotAttribute",
                (ctx, q) -> on(ctx, "ec2:DescribeSnapshotAttribute", q.snapshotId()),
                (ctx, q) -> {
                    Ec2Api.dryRun(q.dryRun());
                    String attribute = attribute(q.attributeAsString());
                    OwnSnapshot s = snapshots.forAttributes(ctx.tx(), ctx.accountId(), ctx.region(), q.snapshotId());
                    DescribeSnapshotAttributeResponse.Builder out = DescribeSnapshotAttributeResponse.builder()
                            .snapshotId(s.id());
                    if (attribute.equals(PRODUCT_CODES)) {
                        return out.productCodes(List.of()).build();
                    }
                    return out.createVolumePermissions(sharing.grantees(ctx.tx(), s.id()).stream()
                            .map(g -> g.equals(SnapshotSharing.ALL)
                                    ? CreateVolumePermission.builder().group(g).build()
                                    : CreateVolumePermission.builder().userId(g).build()).toList()).build();
                });
        api.write("ResetSnapshotAttribute", ResetSnapshotAttributeRequest.class, "ec2:ResetSnapshotAttribute",
                (ctx, q) -> on(ctx, "ec2:ResetSnapshotAttribute", q.snapshotId()),
                (ctx, q) -> {
                    Ec2Api.dryRun(q.dryRun());
                    String attribute = attribute(q.attributeAsString());
                    OwnSnapshot s = snapshots.forAttributes(ctx.tx(), ctx.accountId(), ctx.region(), q.snapshotId());
                    if (attribute.equals(CREATE_VOLUME_PERMISSION)) {
                        sharing.reset(ctx.tx(), s);
                    }
                    return ResetSnapshotAttributeResponse.builder().build();
                });
        String note = "The account's own snapshots (D140): createVolumePermission with account ids and the group all; "
                + "productCodes always empty; AWS Backup's snapshots refused (copied with StartCopyJob)";
        api.note("ModifySnapshotAttribute", note);
        api.note("DescribeSnapshotAttribute", note);
        api.note("ResetSnapshotAttribute", note);
    }

    private static AccessRequirement on(CallContext ctx, String action, String snapshotId) {
        return AccessRequirement.of(action, Ec2Api.snapshotArn(ctx, snapshotId));
    }

    private static String attribute(String name) {
        if (name == null) {
            throw Ec2Errors.missingParameter("attribute");
        }
        if (!name.equals(CREATE_VOLUME_PERMISSION) && !name.equals(PRODUCT_CODES)) {
            throw Ec2Errors.invalidParameterValue("Value (" + name + ") for parameter attribute is invalid. Unknown "
                    + "attribute.");
        }
        return name;
    }

    private static void split(List<CreateVolumePermission> permissions, List<String> users, List<String> groups) {
        if (permissions == null) {
            return;
        }
        for (CreateVolumePermission p : permissions) {
            if (p.groupAsString() != null) {
                groups.add(p.groupAsString());
            }
            if (p.userId() != null) {
                users.add(p.userId());
            }
        }
    }
}
