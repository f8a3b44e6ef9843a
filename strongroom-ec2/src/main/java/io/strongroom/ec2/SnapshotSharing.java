package io.strongroom.ec2;

import io.strongroom.ec2.codec.Ec2Codecs;
import io.strongroom.storage.Collection;
import io.strongroom.storage.Tx;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who may create volumes from the account's own snapshots besides their owner (D140): accounts by id, and the group
 * {@code all} (public). Kept twice, written in one
 * transaction: under the snapshot ({@code <snap-id>/<grantee>}) for DescribeSnapshotAttribute, and under the grantee
 * ({@code <grantee>/<region>/<snap-id>}, {@code all} for the public) so an account's DescribeSnapshots reads the
 * snapshots shared with it without reading everybody's.
 */
public final class SnapshotSharing {
    /** The group every account belongs to: a snapshot shared with it is public. */
    public static final String ALL = "all";
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
    /** EC2: "You can make up to 500 modifications to a snapshot in a single operation." */
    static final int MAX_MODIFICATIONS = 500;

    private final Collection<String> bySnapshot = new Collection<>("ec2.snapshot-permissions",
            Ec2Codecs.OWN_SNAPSHOT_ENTRY);
    private final Collection<String> byGrantee = new Collection<>("ec2.snapshot-permissions-by-grantee",
            Ec2Codecs.OWN_SNAPSHOT_ENTRY);

    /** The grantees of a snapshot: account ids in order, then {@code all} when public. */
    public List<String> grantees(Tx tx, String snapshotId) {
        List<String> out = new ArrayList<>(bySnapshot.list(tx, snapshotId + "/"));
        if (out.remove(ALL)) {
            out.add(ALL);
        }
        return out;
    }

    /** Whether {@code account} (not the owner) may create volumes from the snapshot: named, or the snapshot public. */
    public boolean grantedTo(Tx tx, String snapshotId, String account) {
        return bySnapshot.get(tx, snapshotId + "/" + account).isPresent()
                || bySnapshot.get(tx, snapshotId + "/" + ALL).isPresent();
    }

    /** Whether the snapshot names the account (not through {@code all}). */
    public boolean namedIn(Tx tx, String snapshotId, String account) {
        return bySnapshot.get(tx, snapshotId + "/" + account).isPresent();
    }

    /** The ids of the snapshots of the Region shared with the account, by name or publicly, in id order. */
    public Set<String> sharedWith(Tx tx, String account, String region) {
        Set<String> ids = new java.util.TreeSet<>(byGrantee.list(tx, account + "/" + region + "/"));
        ids.addAll(byGrantee.list(tx, ALL + "/" + region + "/"));
        return ids;
    }

    /**
     * ModifySnapshotAttribute of createVolumePermission: adds and removes grantees (account ids, or the group
     * {@code all}); the owner is never a grantee of its own snapshot (EC2 ignores it).
     */
    public void modify(Tx tx, OwnSnapshot s, List<String> addUsers, List<String> addGroups, List<String> removeUsers,
                       List<String> removeGroups) {
        Set<String> add = grantees(addUsers, addGroups);
        Set<String> remove = grantees(removeUsers, removeGroups);
        if (add.isEmpty() && remove.isEmpty()) {
            throw Ec2Errors.missingParameter("createVolumePermission");
        }
        if (!add.isEmpty() && !remove.isEmpty()) { // EC2: "you cannot do both in a single operation"
            throw Ec2Errors.invalidParameterCombination("Cannot add and remove create volume permissions in the "
                    + "same operation.");
        }
        if (add.size() + remove.size() > MAX_MODIFICATIONS) {
            throw Ec2Errors.invalidParameterValue("You can make up to " + MAX_MODIFICATIONS + " modifications to a "
                    + "snapshot in a single operation.");
        }
        if (s.encrypted() && add.contains(ALL)) {
            throw Ec2Errors.invalidParameterValue("Encrypted snapshots cannot be made public.");
        }
        if (s.encrypted() && !add.isEmpty() && s.kmsKeyId() != null && s.kmsKeyId().endsWith(":alias/aws/ebs")) {
            throw Ec2Errors.invalidParameterValue("Snapshots encrypted with the AWS managed key for EBS cannot be "
                    + "shared.");
        }
        for (String g : remove) {
            bySnapshot.delete(tx, s.id() + "/" + g);
            byGrantee.delete(tx, g + "/" + s.region() + "/" + s.id());
        }
        for (String g : add) {
            if (!g.equals(s.accountId())) {
                bySnapshot.put(tx, s.id() + "/" + g, g);
                byGrantee.put(tx, g + "/" + s.region() + "/" + s.id(), s.id());
            }
        }
    }

    /** ResetSnapshotAttribute of createVolumePermission, and DeleteSnapshot: nobody but the owner any more. */
    public void reset(Tx tx, OwnSnapshot s) {
        for (String g : grantees(tx, s.id())) {
            bySnapshot.delete(tx, s.id() + "/" + g);
            byGrantee.delete(tx, g + "/" + s.region() + "/" + s.id());
        }
    }

    private static Set<String> grantees(List<String> users, List<String> groups) {
        Set<String> out = new LinkedHashSet<>();
        if (users != null) {
            for (String u : users) {
                if (u == null || !ACCOUNT.matcher(u).matches()) {
                    throw Ec2Errors.malformedUserId(u);
                }
                out.add(u);
            }
        }
        if (groups != null) {
            for (String g : groups) {
                if (!ALL.equals(g)) {
                    throw Ec2Errors.invalidParameterValue("Value (" + g + ") for parameter group is invalid. "
                            + "Expecting 'all'.");
                }
                out.add(ALL);
            }
        }
        return out;
    }
}
