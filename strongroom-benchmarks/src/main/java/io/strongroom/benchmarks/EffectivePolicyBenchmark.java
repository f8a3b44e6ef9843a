package io.strongroom.benchmarks;

import io.strongroom.orgpolicy.AttachedPolicy;
import io.strongroom.orgpolicy.EffectivePolicy;
import io.strongroom.orgpolicy.EffectivePolicyEngine;
import io.strongroom.orgpolicy.MergeState;
import io.strongroom.orgpolicy.PolicyLevel;
import io.strongroom.orgpolicy.PolicyType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Effective backup policies of a large organization: 10,000 accounts under 500 OUs five levels deep, three policies
 * attached to the root, every OU and every account. Measures the whole organization from scratch (what a restart or
 * a root-level change costs) and the recomputation of one level-3 OU's subtree after one attachment there changes
 * (the common case: only accounts below the changed target are recomputed, from their parent's cached state).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EffectivePolicyBenchmark {
    private static final int[] OUS_PER_DEPTH = {4, 12, 36, 108, 340};
    private static final int ACCOUNTS = 10_000;
    private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "eu-west-2", "eu-west-3",
            "eu-central-1", "eu-north-1");
    private static final int CHANGED_DEPTH = 3;

    /** One root, OU or account with the policies attached directly to it. */
    private static final class Node {
        final Node parent;
        final List<Node> children = new ArrayList<>();
        PolicyLevel level;

        Node(Node parent, PolicyLevel level) {
            this.parent = parent;
            this.level = level;
        }
    }

    private final EffectivePolicyEngine engine = new EffectivePolicyEngine();
    private final Map<Node, MergeState> cachedStates = new IdentityHashMap<>();
    private Node root;
    private Node changedOu;
    private PolicyLevel withoutExtra;
    private PolicyLevel withExtra;
    private boolean attached;

    @Setup
    public void buildOrganization() {
        root = new Node(null, new PolicyLevel("r-root", rootPolicies()));
        List<Node> previous = List.of(root);
        int ouCount = 0;
        for (int depth = 1; depth <= OUS_PER_DEPTH.length; depth++) {
            List<Node> current = new ArrayList<>();
            for (int i = 0; i < OUS_PER_DEPTH[depth - 1]; i++) {
                Node parent = previous.get(i % previous.size());
                String id = String.format("ou-root-%08d", ++ouCount);
                Node ou = new Node(parent, new PolicyLevel(id, ouPolicies(id, depth)));
                parent.children.add(ou);
                current.add(ou);
            }
            if (depth == CHANGED_DEPTH) {
                changedOu = current.get(current.size() / 2);
            }
            previous = current;
        }
        for (int i = 0; i < ACCOUNTS; i++) {
            Node parent = previous.get(i % previous.size());
            String id = String.format("%012d", 100_000_000_000L + i);
            parent.children.add(new Node(parent, new PolicyLevel(id, accountPolicies(i))));
        }
        withoutExtra = changedOu.level;
        List<AttachedPolicy> more = new ArrayList<>(withoutExtra.policies());
        more.add(new AttachedPolicy("p-extra", "extra", "{\"plans\":{\"org\":{\"regions\":{\"@@append\":"
                + "[\"ap-southeast-2\"]},\"rules\":{\"extra\":{\"schedule_expression\":{\"@@assign\":"
                + "\"cron(0 12 ? * * *)\"},\"target_backup_vault_name\":{\"@@assign\":\"extra-vault\"}}}}}}"));
        withExtra = new PolicyLevel(withoutExtra.targetId(), more);
        cacheStates(root, null);
    }

    private void cacheStates(Node node, MergeState parent) {
        MergeState state = engine.merge(PolicyType.BACKUP_POLICY, parent, node.level);
        if (!node.children.isEmpty()) {
            cachedStates.put(node, state);
            for (Node child : node.children) {
                cacheStates(child, state);
            }
        }
    }

    /** (a) Every account's effective policy, sharing each OU's merged state with everything below it. */
    @Benchmark
    public int wholeOrganizationFromScratch(Blackhole sink) {
        return computeSubtree(root, null, sink);
    }

    /** (b) Attach or detach one policy on a level-3 OU and recompute only the accounts below it. */
    @Benchmark
    public int oneAttachmentChangeOnALevel3Ou(Blackhole sink) {
        attached = !attached;
        changedOu.level = attached ? withExtra : withoutExtra;
        return computeSubtree(changedOu, cachedStates.get(changedOu.parent), sink);
    }

    private int computeSubtree(Node node, MergeState parent, Blackhole sink) {
        MergeState state = engine.merge(PolicyType.BACKUP_POLICY, parent, node.level);
        if (node.children.isEmpty()) {
            EffectivePolicy effective = engine.finish(PolicyType.BACKUP_POLICY, state);
            sink.consume(effective);
            return 1;
        }
        int accounts = 0;
        for (Node child : node.children) {
            accounts += computeSubtree(child, state, sink);
        }
        return accounts;
    }

    private static List<AttachedPolicy> rootPolicies() {
        return List.of(
                new AttachedPolicy("p-root-base", "base", "{\"plans\":{\"org\":{"
                        + "\"regions\":{\"@@assign\":[\"us-east-1\"],"
                        + "\"@@operators_allowed_for_child_policies\":[\"@@append\",\"@@remove\"]},"
                        + "\"rules\":{\"daily\":{\"schedule_expression\":{\"@@assign\":\"cron(0 2 ? * * *)\"},"
                        + "\"target_backup_vault_name\":{\"@@assign\":\"org-vault\"}}},"
                        + "\"selections\":{\"tags\":{\"t\":{\"iam_role_arn\":{\"@@assign\":"
                        + "\"arn:aws:iam::$account:role/Backup\"},\"tag_key\":{\"@@assign\":\"backup\"},"
                        + "\"tag_value\":{\"@@assign\":[\"daily\"]}}}}}}}"),
                new AttachedPolicy("p-root-weekly", "weekly", "{\"plans\":{\"org\":{\"rules\":{\"weekly\":{"
                        + "\"schedule_expression\":{\"@@assign\":\"cron(0 5 ? * SUN *)\"},"
                        + "\"target_backup_vault_name\":{\"@@assign\":\"org-vault\"},"
                        + "\"lifecycle\":{\"delete_after_days\":{\"@@assign\":\"90\"}}}}}}}"),
                new AttachedPolicy("p-root-lock", "lock", "{\"plans\":{\"org\":{\"rules\":{\"daily\":{"
                        + "\"target_backup_vault_name\":{\"@@operators_allowed_for_child_policies\":[\"@@none\"]}}}}}}"));
    }

    private static List<AttachedPolicy> ouPolicies(String ouId, int depth) {
        return List.of(
                new AttachedPolicy("p-" + ouId + "-a", "rules", "{\"plans\":{\"org\":{"
                        + "\"regions\":{\"@@append\":[\"" + REGIONS.get(depth) + "\"]},"
                        + "\"rules\":{\"d" + depth + "\":{\"schedule_expression\":{\"@@assign\":\"cron(0 " + depth
                        + " ? * * *)\"},\"target_backup_vault_name\":{\"@@assign\":\"" + ouId + "\"}}}}}}"),
                new AttachedPolicy("p-" + ouId + "-b", "override", "{\"plans\":{\"org\":{\"rules\":{\"daily\":{"
                        + "\"target_backup_vault_name\":{\"@@assign\":\"" + ouId + "-vault\"}}}}}}"),
                new AttachedPolicy("p-" + ouId + "-c", "tags", "{\"plans\":{\"org\":{\"backup_plan_tags\":{"
                        + "\"level" + depth + "\":{\"tag_key\":{\"@@assign\":\"Level" + depth + "\"},"
                        + "\"tag_value\":{\"@@assign\":\"" + ouId + "\"}}}}}}"));
    }

    private static List<AttachedPolicy> accountPolicies(int index) {
        int k = index % 10;
        return List.of(
                new AttachedPolicy("p-acct-a" + k, "rule", "{\"plans\":{\"org\":{\"rules\":{\"own\":{"
                        + "\"schedule_expression\":{\"@@assign\":\"cron(30 " + k + " ? * * *)\"},"
                        + "\"target_backup_vault_name\":{\"@@assign\":\"own-vault\"}}}}}}"),
                new AttachedPolicy("p-acct-b" + k, "tag", "{\"plans\":{\"org\":{\"selections\":{\"tags\":{\"t\":{"
                        + "\"tag_value\":{\"@@append\":[\"acct" + k + "\"]}}}}}}}"),
                new AttachedPolicy("p-acct-c" + k, "regions", "{\"plans\":{\"org\":{\"regions\":{\"@@remove\":[\""
                        + REGIONS.get(k % REGIONS.size()) + "\"]}}}}"));
    }
}
