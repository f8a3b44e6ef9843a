package io.strongroom.orgpolicy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine's API contract beyond what the corpus checks: state sharing, explanations, misuse. */
class EffectivePolicyEngineTest {
    private static final String ROOT_POLICY = "{\"plans\":{\"@@operators_allowed_for_child_policies\":[\"@@append\"],"
            + "\"Daily\":{\"regions\":{\"@@assign\":[\"us-east-1\"]},"
            + "\"rules\":{\"@@operators_allowed_for_child_policies\":[\"@@none\"],\"r1\":{"
            + "\"schedule_expression\":{\"@@assign\":\"cron(0 2 ? * * *)\"},"
            + "\"target_backup_vault_name\":{\"@@assign\":\"org-vault\","
            + "\"@@operators_allowed_for_child_policies\":[\"@@none\"]}}},"
            + "\"selections\":{\"tags\":{\"t\":{\"iam_role_arn\":{\"@@assign\":\"arn:aws:iam::$account:role/R\"},"
            + "\"tag_key\":{\"@@assign\":\"backup\"},\"tag_value\":{\"@@assign\":[\"yes\"]}}}}}}}";
    private static final String OU_POLICY = "{\"plans\":{\"daily\":{\"regions\":{\"@@append\":[\"eu-west-1\"]},"
            + "\"rules\":{\"r1\":{\"target_backup_vault_name\":{\"@@assign\":\"ou-vault\"}},"
            + "\"r2\":{\"schedule_expression\":{\"@@assign\":\"cron(0 4 ? * * *)\"}}}}}}";

    private final EffectivePolicyEngine engine = new EffectivePolicyEngine();

    private static PolicyLevel level(String target, AttachedPolicy... policies) {
        return new PolicyLevel(target, List.of(policies));
    }

    private static AttachedPolicy policy(String id, String content) {
        return new AttachedPolicy(id, "name of " + id, content);
    }

    @Test
    void aParentStateServesManyChildrenAndNeverChanges() {
        MergeState root = engine.merge(PolicyType.BACKUP_POLICY, null, level("r-root", policy("p-root", ROOT_POLICY)));
        EffectivePolicy rootBefore = engine.finish(PolicyType.BACKUP_POLICY, root);

        MergeState ou = engine.merge(PolicyType.BACKUP_POLICY, root, level("ou-1", policy("p-ou", OU_POLICY)));
        String removing = "{\"plans\":{\"daily\":{\"regions\":{\"@@remove\":[\"us-east-1\"]}}}}";
        EffectivePolicy first = engine.finish(PolicyType.BACKUP_POLICY,
                engine.merge(PolicyType.BACKUP_POLICY, ou, level("111111111111", policy("p-a", removing))));
        EffectivePolicy second = engine.finish(PolicyType.BACKUP_POLICY,
                engine.merge(PolicyType.BACKUP_POLICY, ou, level("222222222222")));

        assertThat(first.content()).contains("\"regions\":[\"eu-west-1\"]");
        assertThat(second.content()).contains("\"regions\":[\"us-east-1\",\"eu-west-1\"]");
        assertThat(engine.finish(PolicyType.BACKUP_POLICY, root)).isEqualTo(rootBefore);
        assertThat(engine.finish(PolicyType.BACKUP_POLICY, ou).content())
                .isEqualTo(second.content());
        assertThat(ou.depth()).isEqualTo(2);
        assertThat(ou.targetIds()).containsExactly("r-root", "ou-1");
        assertThat(ou.policyCount()).isEqualTo(2);
    }

    @Test
    void computeIsMergeThenFinish() {
        List<PolicyLevel> path = List.of(level("r-root", policy("p-root", ROOT_POLICY)),
                level("ou-1", policy("p-ou", OU_POLICY)), level("333333333333"));

        MergeState state = null;
        for (PolicyLevel level : path) {
            state = engine.merge(PolicyType.BACKUP_POLICY, state, level);
        }

        assertThat(engine.finish(PolicyType.BACKUP_POLICY, state))
                .isEqualTo(engine.compute(PolicyType.BACKUP_POLICY, path));
    }

    @Test
    void explanationNamesSettersAppendersAndLocks() {
        EffectivePolicy effective = engine.compute(PolicyType.BACKUP_POLICY, List.of(
                level("r-root", policy("p-root", ROOT_POLICY)), level("ou-1", policy("p-ou", OU_POLICY))));
        Explanation why = effective.explanation();

        KeyExplanation regions = why.key("plans.daily.regions").orElseThrow();
        assertThat(regions.setBy()).contains(new PolicySource("p-root", "name of p-root", "r-root", 0));
        assertThat(regions.operations()).extracting(Contribution::operation, c -> c.source().policyId(),
                Contribution::operand).containsExactly(
                org.assertj.core.groups.Tuple.tuple(OperationKind.ASSIGN, "p-root", "[\"us-east-1\"]"),
                org.assertj.core.groups.Tuple.tuple(OperationKind.APPEND, "p-ou", "[\"eu-west-1\"]"));
        assertThat(why.key("plans.daily.rules.r1.target_backup_vault_name").flatMap(KeyExplanation::setBy)
                .map(PolicySource::policyId)).contains("p-root");
        assertThat(why.key("plans.daily").orElseThrow().createdBy().policyId()).isEqualTo("p-root");
        assertThat(why.key("plans.daily.rules.r2")).isEmpty();

        assertThat(why.ignored()).extracting(IgnoredOperation::path, IgnoredOperation::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("plans.daily.rules.r1.target_backup_vault_name",
                        IgnoreReason.OPERATOR_LOCKED),
                org.assertj.core.groups.Tuple.tuple("plans.daily.rules.r2", IgnoreReason.CONTAINER_LOCKED));
        IgnoredOperation locked = why.ignored().get(0);
        assertThat(locked.lockedBy()).singleElement().satisfies(lock -> {
            assertThat(lock.source()).isEqualTo(new PolicySource("p-root", "name of p-root", "r-root", 0));
            assertThat(lock.allowed()).isEmpty();
        });

        assertThat(why.toString()).contains(
                "plans.daily.regions\n"
                        + "    @@assign [\"us-east-1\"] by p-root (name of p-root) at r-root\n"
                        + "    @@append [\"eu-west-1\"] by p-ou (name of p-ou) at ou-1\n",
                "ignored:\n",
                "plans.daily.rules.r1.target_backup_vault_name: @@assign by p-ou (name of p-ou) at ou-1 ignored, "
                        + "operator locked by [p-root (name of p-root) at r-root (allows @@none)]",
                "plans.daily.rules.r2: add key by p-ou (name of p-ou) at ou-1 ignored, container locked against "
                        + "new keys by [p-root (name of p-root) at r-root (allows @@none)]");
    }

    @Test
    void explanationCanBeSwitchedOffWithoutChangingTheResult() {
        List<PolicyLevel> path = List.of(level("r-root", policy("p-root", ROOT_POLICY)),
                level("ou-1", policy("p-ou", OU_POLICY)));
        EffectivePolicy plain = new EffectivePolicyEngine(EffectivePolicyOptions.defaults().withExplain(false))
                .compute(PolicyType.BACKUP_POLICY, path);

        assertThat(plain.explanation()).isEqualTo(Explanation.NONE);
        assertThat(plain.content()).isEqualTo(engine.compute(PolicyType.BACKUP_POLICY, path).content());
        assertThat(plain.errors()).isEqualTo(engine.compute(PolicyType.BACKUP_POLICY, path).errors());
    }

    @Test
    void anEmptyPathOrAPathWithoutPoliciesHasNoEffectivePolicy() {
        assertThat(engine.compute(PolicyType.BACKUP_POLICY, List.of()).content()).isNull();
        EffectivePolicy none = engine.compute(PolicyType.TAG_POLICY, List.of(level("r-root"), level("444444444444")));
        assertThat(none.content()).isNull();
        assertThat(none.valid()).isTrue();
    }

    @Test
    void authorizationPoliciesHaveNoEffectivePolicy() {
        assertThatThrownBy(() -> engine.compute(PolicyType.SERVICE_CONTROL_POLICY, List.of(level("r-root"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("authorization");
    }

    @Test
    void aStateCannotChangeType() {
        MergeState tags = engine.merge(PolicyType.TAG_POLICY, null, level("r-root"));

        assertThatThrownBy(() -> engine.merge(PolicyType.BACKUP_POLICY, tags, level("ou-1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.finish(PolicyType.BACKUP_POLICY, tags))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void storedContentThatDoesNotParseIsReportedAsMalformed() {
        assertThatThrownBy(() -> engine.compute(PolicyType.TAG_POLICY,
                List.of(level("r-root", policy("p-x", "{not json")))))
                .isInstanceOf(MalformedPolicyDocument.class);
    }
}
