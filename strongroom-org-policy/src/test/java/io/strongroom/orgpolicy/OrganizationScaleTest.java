package io.strongroom.orgpolicy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 10,000 accounts under 500 OUs five levels deep, three backup policies on the root, on every OU and on every
 * account. Every effective policy is computed through shared {@code merge} prefixes and must equal the one computed
 * from scratch along the account's own path. Correctness only: timing belongs to the JMH benchmark.
 */
class OrganizationScaleTest {
    private static final int[] OUS_PER_DEPTH = {4, 12, 36, 108, 340};
    private static final int ACCOUNTS = 10_000;
    private static final List<String> ALL_REGIONS = List.of("us-east-1", "eu-west-1", "eu-west-2", "eu-west-3",
            "eu-central-1", "eu-north-1");

    /** A node of the test organization with its own level of attached policies. */
    private record Node(String id, int index, Node parent, PolicyLevel level, List<Node> children) {
    }

    @Test
    void everyAccountMatchesTheFromScratchComputation() throws Exception {
        Node root = new Node("r-root", -1, null, new PolicyLevel("r-root", rootPolicies()), new ArrayList<>());
        List<Node> previous = List.of(root);
        int ouCount = 0;
        for (int depth = 1; depth <= OUS_PER_DEPTH.length; depth++) {
            List<Node> current = new ArrayList<>();
            for (int i = 0; i < OUS_PER_DEPTH[depth - 1]; i++) {
                Node parent = previous.get(i % previous.size());
                String id = String.format("ou-root-%08d", ++ouCount);
                Node ou = new Node(id, -1, parent, new PolicyLevel(id, ouPolicies(id, depth)), new ArrayList<>());
                parent.children().add(ou);
                current.add(ou);
            }
            previous = current;
        }
        List<Node> accounts = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            Node parent = previous.get(i % previous.size());
            String id = String.format("%012d", 100_000_000_000L + i);
            Node account = new Node(id, i, parent, new PolicyLevel(id, accountPolicies(i)), List.of());
            parent.children().add(account);
            accounts.add(account);
        }
        assertThat(ouCount).isEqualTo(500);

        EffectivePolicyEngine engine = new EffectivePolicyEngine();
        List<EffectivePolicy> shared = new ArrayList<>(ACCOUNTS);
        List<Node> order = new ArrayList<>(ACCOUNTS);
        walk(engine, root, null, shared, order);

        assertThat(shared).hasSize(ACCOUNTS);
        int invalid = 0;
        for (int i = 0; i < ACCOUNTS; i++) {
            Node account = order.get(i);
            EffectivePolicy effective = shared.get(i);
            assertThat(effective).isEqualTo(engine.compute(PolicyType.BACKUP_POLICY, path(account)));

            boolean removesEverything = account.index() % 10 == 0;
            JsonNode plan = CorpusCase.JSON.readTree(effective.content()).get("plans").get("org");
            assertThat(plan.get("rules")).hasSize(8);
            assertThat(plan.at("/rules/daily/target_backup_vault_name").asText()).isEqualTo("org-vault");
            assertThat(plan.get("backup_plan_tags")).hasSize(5);
            if (removesEverything) {
                invalid++;
                assertThat(plan.get("regions")).isEmpty();
                assertThat(effective.errors()).singleElement().satisfies(error -> {
                    assertThat(error.errorCode()).isEqualTo("ELEMENTS_TOO_FEW");
                    assertThat(error.pathToError()).isEqualTo("plans/org/regions");
                    assertThat(error.contributingPolicies()).startsWith("p-root-base").endsWith("p-acct-c0");
                });
            } else {
                assertThat(effective.valid()).isTrue();
                assertThat(plan.get("regions")).hasSize(6);
            }
            assertThat(effective.explanation().ignored()).extracting(IgnoredOperation::reason)
                    .containsOnly(IgnoreReason.OPERATOR_LOCKED).hasSize(5);
        }
        assertThat(invalid).isEqualTo(ACCOUNTS / 10);
    }

    private static void walk(EffectivePolicyEngine engine, Node node, MergeState parent,
                             List<EffectivePolicy> results, List<Node> order) {
        MergeState state = engine.merge(PolicyType.BACKUP_POLICY, parent, node.level());
        if (node.children().isEmpty()) {
            results.add(engine.finish(PolicyType.BACKUP_POLICY, state));
            order.add(node);
            return;
        }
        for (Node child : node.children()) {
            walk(engine, child, state, results, order);
        }
    }

    private static List<PolicyLevel> path(Node node) {
        List<PolicyLevel> levels = new ArrayList<>();
        for (Node at = node; at != null; at = at.parent()) {
            levels.add(0, at.level());
        }
        return levels;
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
        String region = ALL_REGIONS.get(depth);
        return List.of(
                new AttachedPolicy("p-" + ouId + "-a", "rules", "{\"plans\":{\"org\":{"
                        + "\"regions\":{\"@@append\":[\"" + region + "\"]},"
                        + "\"rules\":{\"d" + depth + "\":{\"schedule_expression\":{\"@@assign\":\"cron(0 " + depth
                        + " ? * * *)\"},\"target_backup_vault_name\":{\"@@assign\":\"" + ouId + "\"}}}}}}"),
                new AttachedPolicy("p-" + ouId + "-b", "override", "{\"plans\":{\"org\":{\"rules\":{\"daily\":{"
                        + "\"target_backup_vault_name\":{\"@@assign\":\"" + ouId + "-vault\"}}}}}}"),
                new AttachedPolicy("p-" + ouId + "-c", "tags", "{\"plans\":{\"org\":{\"backup_plan_tags\":{"
                        + "\"level" + depth + "\":{\"tag_key\":{\"@@assign\":\"Level" + depth + "\"},"
                        + "\"tag_value\":{\"@@assign\":\"" + ouId + "\"}}}}}}"));
    }

    /** Drawn from a small pool, as accounts share policies in practice; pool c0 empties the regions. */
    private static List<AttachedPolicy> accountPolicies(int index) {
        int k = index % 10;
        String removeAll = "{\"plans\":{\"org\":{\"regions\":{\"@@remove\":" + json(ALL_REGIONS) + "}}}}";
        String tagOnly = "{\"plans\":{\"org\":{\"selections\":{\"tags\":{\"t\":{\"tag_value\":{\"@@append\":[\"acct"
                + k + "\"]}}}}}}}";
        return List.of(
                new AttachedPolicy("p-acct-a" + k, "rule", "{\"plans\":{\"org\":{\"rules\":{\"own\":{"
                        + "\"schedule_expression\":{\"@@assign\":\"cron(30 " + k + " ? * * *)\"},"
                        + "\"target_backup_vault_name\":{\"@@assign\":\"own-vault\"}}}}}}"),
                new AttachedPolicy("p-acct-b" + k, "tag", tagOnly),
                new AttachedPolicy("p-acct-c" + k, "regions", k == 0 ? removeAll
                        : "{\"plans\":{\"org\":{\"regions\":{\"@@remove\":[\"ap-south-1\"]}}}}"));
    }

    private static String json(List<String> values) {
        return "[\"" + String.join("\",\"", values) + "\"]";
    }
}
