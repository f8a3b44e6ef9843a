package io.strongroom.rds;

import io.strongroom.json.JsonCodec;
import io.strongroom.resource.ResourcePolicySource;
import io.strongroom.storage.Tx;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The owners of RDS's manual snapshots, and their {@code restore} attribute (D144) as the Authorizer reads it: a
 * resource policy that lets the accounts named (their principals, as their own policies allow) and, for a public
 * snapshot, every other account describe, copy and restore the snapshot. Other calls on another account's snapshot
 * stay denied, as they are for snapshots shared with nobody.
 */
public final class SharedSnapshotPolicies implements ResourcePolicySource {
    private static final List<String> SNAPSHOT_ACTIONS = List.of("rds:DescribeDBSnapshots", "rds:CopyDBSnapshot",
            "rds:RestoreDBInstanceFromDBSnapshot");
    private static final List<String> CLUSTER_SNAPSHOT_ACTIONS = List.of("rds:DescribeDBClusterSnapshots",
            "rds:CopyDBClusterSnapshot", "rds:RestoreDBClusterFromSnapshot");

    private final ManualDbSnapshots snapshots;
    private final ManualDbClusterSnapshots clusterSnapshots;

    public SharedSnapshotPolicies(RdsService rds) {
        this.snapshots = rds.manualSnapshots();
        this.clusterSnapshots = rds.manualClusterSnapshots();
    }

    @Override
    public boolean owns(String arn) {
        return arn.startsWith("arn:aws:rds:") && (arn.contains(":snapshot:") || arn.contains(":cluster-snapshot:"));
    }

    @Override
    public Optional<ResourceAccess> access(Tx tx, String arn, String action) {
        if (arn.contains(":cluster-snapshot:")) {
            return clusterSnapshots.findByArn(tx, arn).map(s -> access(tx, clusterSnapshots, s,
                    CLUSTER_SNAPSHOT_ACTIONS));
        }
        return snapshots.findByArn(tx, arn).map(s -> access(tx, snapshots, s, SNAPSHOT_ACTIONS));
    }

    private static <S extends ManualSnapshot> ResourceAccess access(Tx tx, ManualSnapshots<S> kind, S snapshot,
                                                                    List<String> actions) {
        List<String> grantees = kind.shares.grantees(tx, snapshot);
        if (grantees.isEmpty()) {
            return new ResourceAccess(snapshot.accountId(), null);
        }
        List<Object> statements = new ArrayList<>();
        List<String> accounts = grantees.stream().filter(g -> !g.equals(SnapshotShares.ALL))
                .map(a -> "arn:aws:iam::" + a + ":root").toList();
        if (!accounts.isEmpty()) {
            statements.add(statement("SharedWithAccounts", Map.of("AWS", accounts), actions, snapshot.arn(), null));
        }
        if (grantees.contains(SnapshotShares.ALL)) {
            // every account but the owner, whose own principals keep needing their own policies
            statements.add(statement("Public", "*", actions, snapshot.arn(), Map.of("StringNotEquals",
                    Map.of("aws:PrincipalAccount", snapshot.accountId()))));
        }
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("Version", "2012-10-17");
        policy.put("Statement", statements);
        return new ResourceAccess(snapshot.accountId(), new String(JsonCodec.write(policy), StandardCharsets.UTF_8));
    }

    private static Map<String, Object> statement(String sid, Object principal, List<String> actions, String arn,
                                                 Map<String, Object> condition) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("Sid", sid);
        s.put("Effect", "Allow");
        s.put("Principal", principal);
        s.put("Action", actions);
        s.put("Resource", arn);
        if (condition != null) {
            s.put("Condition", condition);
        }
        return s;
    }
}
