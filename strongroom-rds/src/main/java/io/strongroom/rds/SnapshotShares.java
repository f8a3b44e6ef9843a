package io.strongroom.rds;

import io.strongroom.json.JsonCodec;
import io.strongroom.storage.Collection;
import io.strongroom.storage.Tx;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The {@code restore} attribute of RDS's own manual snapshots, DB snapshots and DB cluster snapshots alike (D144):
 * the accounts that may copy and restore a snapshot besides its owner, and {@code all} for a public one. Kept twice,
 * written in one transaction: under the snapshot ({@code <snapshot-arn>/<grantee>}) for the attribute, and under the
 * grantee ({@code <grantee>/<region>/<arn-type>/<snapshot-arn>}, {@code all} for the public) so an account's describe
 * calls read what was shared with it without reading everybody's snapshots.
 */
public final class SnapshotShares {
    /** The value that makes a snapshot public. */
    public static final String ALL = "all";
    /** The only attribute RDS snapshots have. */
    public static final String RESTORE = "restore";
    /** RDS: "You can share a manual snapshot with up to 20 other AWS accounts." */
    static final int MAX_ACCOUNTS = 20;
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");

    private final Collection<String> bySnapshot = new Collection<>("rds.snapshot-shares", JsonCodec.of(String.class));
    private final Collection<String> byGrantee = new Collection<>("rds.snapshot-shares-by-grantee",
            JsonCodec.of(String.class));

    /** The snapshot's grantees: account ids in order, then {@code all} when it is public. */
    public List<String> grantees(Tx tx, ManualSnapshot s) {
        List<String> out = new ArrayList<>(new TreeSet<>(bySnapshot.list(tx, s.arn() + "/")));
        if (out.remove(ALL)) {
            out.add(ALL);
        }
        return out;
    }

    /** Whether the snapshot names the account in its attribute (not through {@code all}). */
    boolean namedIn(Tx tx, ManualSnapshot s, String account) {
        return bySnapshot.get(tx, s.arn() + "/" + account).isPresent();
    }

    /** Whether another account than the owner may copy and restore the snapshot: named, or the snapshot public. */
    boolean grantedTo(Tx tx, ManualSnapshot s, String account) {
        return namedIn(tx, s, account) || bySnapshot.get(tx, s.arn() + "/" + ALL).isPresent();
    }

    /** The ARNs of the snapshots of one kind in the Region that name {@code grantee} (an account, or {@code all}). */
    List<String> sharedWith(Tx tx, String grantee, String region, String arnType) {
        return byGrantee.list(tx, grantee + "/" + region + "/" + arnType + "/");
    }

    /**
     * ModifyDBSnapshotAttribute and ModifyDBClusterSnapshotAttribute of {@code restore}: removes, then adds, account
     * ids or {@code all}, refused as RDS refuses them; the owner naming itself is ignored.
     */
    void modify(Tx tx, ManualSnapshot s, String attributeName, List<String> add, List<String> remove) {
        if (attributeName == null || attributeName.isBlank()) {
            throw RdsErrors.missing("AttributeName");
        }
        if (!RESTORE.equals(attributeName)) {
            throw RdsErrors.invalidParameterValue("Invalid snapshot attribute name: " + attributeName
                    + ". The only attribute that can be modified is restore.");
        }
        Set<String> adding = values(add);
        Set<String> removing = values(remove);
        adding.remove(s.accountId());
        if (s.encrypted() && adding.contains(ALL)) {
            throw RdsErrors.invalidParameterValue("Encrypted snapshots cannot be shared publicly: share them with "
                    + "account ids.");
        }
        if (s.encrypted() && !adding.isEmpty() && RdsRules.isDefaultKey(s.kmsKeyId())) {
            throw RdsErrors.invalidParameterValue("A snapshot encrypted with the default KMS key of the account "
                    + "(aws/rds) cannot be shared: copy it with a customer managed key and share the copy.");
        }
        Set<String> after = new TreeSet<>(grantees(tx, s));
        after.removeAll(removing);
        after.addAll(adding);
        after.remove(ALL);
        if (after.size() > MAX_ACCOUNTS) {
            throw RdsErrors.sharedSnapshotQuotaExceeded(MAX_ACCOUNTS);
        }
        removing.forEach(g -> unshare(tx, s, g));
        for (String g : adding) {
            bySnapshot.put(tx, s.arn() + "/" + g, g);
            byGrantee.put(tx, g + "/" + s.region() + "/" + s.arnType() + "/" + s.arn(), s.arn());
        }
    }

    /** A deleted snapshot is nobody's any more. */
    void removeAll(Tx tx, ManualSnapshot s) {
        grantees(tx, s).forEach(g -> unshare(tx, s, g));
    }

    private void unshare(Tx tx, ManualSnapshot s, String grantee) {
        bySnapshot.delete(tx, s.arn() + "/" + grantee);
        byGrantee.delete(tx, grantee + "/" + s.region() + "/" + s.arnType() + "/" + s.arn());
    }

    private static Set<String> values(List<String> given) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : given == null ? List.<String>of() : given) {
            if (v == null || !(ALL.equals(v) || ACCOUNT.matcher(v).matches())) {
                throw RdsErrors.invalidParameterValue("Invalid value " + v + " for the restore attribute: give "
                        + "12-digit AWS account ids or all.");
            }
            out.add(v);
        }
        return out;
    }
}
