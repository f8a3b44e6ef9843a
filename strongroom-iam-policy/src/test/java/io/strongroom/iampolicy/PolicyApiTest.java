package io.strongroom.iampolicy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What callers rely on beyond the corpus: size details for remapping, option building, parsed structure. */
class PolicyApiTest {

    @Test
    void sizeErrorsCarryKindSizeAndLimit() {
        String json = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Sid\":\"" + "x".repeat(2100)
                + "\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sts:AssumeRole\"}}";
        assertThatThrownBy(() -> PolicyDocument.parse(json, PolicyKind.TRUST))
                .isInstanceOfSatisfying(PolicyTooLarge.class, e -> {
                    assertThat(e.code()).isEqualTo("LimitExceeded");
                    assertThat(e.kind()).isEqualTo(PolicyKind.TRUST);
                    assertThat(e.limit()).isEqualTo(2048);
                    assertThat(e.size()).isEqualTo(PolicyKind.TRUST.measure(json));
                });
        assertThat(PolicyTooLarge.inlineTotal("role", "BackupAdminRole", 10300, 10240).getMessage())
                .isEqualTo("Maximum policy size of 10240 bytes exceeded for role BackupAdminRole");
    }

    @Test
    void builderChangesOnlyWhatItIsTold() {
        EvaluationOptions changed = EvaluationOptions.defaults().toBuilder().boolIgnoresCase(false).build();
        assertThat(changed.boolIgnoresCase()).isFalse();
        assertThat(changed.toBuilder().boolIgnoresCase(true).build()).isEqualTo(EvaluationOptions.defaults());
        assertThatThrownBy(() -> EvaluationOptions.defaults().toBuilder()
                .explicitDenyOrder(List.of(PolicyType.IDENTITY_BASED)).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsedDocumentExposesItsStatements() {
        PolicyDocument document = PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"A\","
                + "\"Effect\":\"Deny\",\"NotAction\":\"iam:*\",\"Resource\":\"*\",\"Condition\":{"
                + "\"ForAnyValue:StringLikeIfExists\":{\"aws:TagKeys\":[\"a*\",\"b\"]}}}]}", PolicyKind.IDENTITY);
        Statement statement = document.statements().get(0);
        assertThat(document.variablesEnabled()).isTrue();
        assertThat(statement.effect()).isEqualTo(Statement.Effect.DENY);
        assertThat(statement.notAction()).isTrue();
        assertThat(statement.actions()).containsExactly("iam:*");
        assertThat(statement.ref().label()).isEqualTo("A");
        Condition condition = statement.conditions().get(0);
        assertThat(condition.operator().qualifier()).isEqualTo(ConditionOperator.Qualifier.FOR_ANY_VALUE);
        assertThat(condition.operator().ifExists()).isTrue();
        assertThat(condition.operator().base()).isEqualTo(ConditionOperator.Base.STRING_LIKE);
        assertThat(condition.values()).containsExactly("a*", "b");
    }

    @Test
    void roleSessionPrincipalDropsThePathAndFlagsServiceLinkedRoles() {
        RequestPrincipal session = RequestPrincipal.roleSession("arn:aws:iam::222222222222:role/ops/BackupAdminRole",
                "alice", "AROABACKUPADMIN00001");
        assertThat(session.arn()).isEqualTo("arn:aws:sts::222222222222:assumed-role/BackupAdminRole/alice");
        assertThat(session.principalArn()).isEqualTo("arn:aws:iam::222222222222:role/ops/BackupAdminRole");
        assertThat(session.userId()).isEqualTo("AROABACKUPADMIN00001:alice");
        assertThat(session.serviceLinkedRole()).isFalse();
        assertThat(RequestPrincipal.roleSession("arn:aws:iam::222222222222:role/aws-service-role/"
                + "backup.amazonaws.com/AWSServiceRoleForBackup", "s", "AROASLR").serviceLinkedRole()).isTrue();
    }

    @Test
    void denialsAlwaysCarryAMessage() {
        Decision decision = new Evaluator().evaluate(new AuthorizationContext(
                RequestPrincipal.user("arn:aws:iam::222222222222:user/alice", "AIDAALICE"), "backup:ListBackupVaults",
                RequestResource.none(), Map.of(), PolicySet.identity(List.of())));
        assertThat(decision.outcome()).isEqualTo(Decision.Outcome.IMPLICIT_DENY);
        assertThat(decision.message()).isEqualTo("User: arn:aws:iam::222222222222:user/alice is not authorized to "
                + "perform: backup:ListBackupVaults because no identity-based policy allows the "
                + "backup:ListBackupVaults action");
    }
}
