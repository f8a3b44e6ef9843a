package io.strongroom.iampolicy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the IAM policy simulator needs beyond the decision: matched statements, their place, missing keys. */
class PolicySimulationTest {
    static final RequestPrincipal ALICE = RequestPrincipal.user("arn:aws:iam::222222222222:user/alice", "AIDAALICE");
    static final String POLICY = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "Read", "Effect": "Allow", "Action": "backup:List*", "Resource": "*"},
                {
                  "Sid": "NoDeleteWithoutMfa",
                  "Effect": "Deny",
                  "Action": "backup:Delete*",
                  "Resource": "*",
                  "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}
                },
                {"Effect": "Allow", "Action": "backup:*", "Resource": "arn:aws:backup:*:*:backup-vault:${aws:username}"}
              ]
            }""";

    static Simulation simulate(String action, String resource, Map<String, List<String>> context, PolicySet policies) {
        return new Evaluator().simulate(new AuthorizationContext(ALICE, action,
                resource == null ? RequestResource.none() : RequestResource.of(resource), context, policies));
    }

    static AttachedPolicy identity() {
        return AttachedPolicy.named("mine", PolicyDocument.parse(POLICY, PolicyKind.IDENTITY));
    }

    @Test
    void statementsKnowWhereTheyAreInTheText() {
        List<Statement> statements = PolicyDocument.parse(POLICY, PolicyKind.IDENTITY).statements();
        assertThat(statements.get(0).start()).isEqualTo(new TextPosition(4, 5));
        assertThat(statements.get(0).end()).isEqualTo(new TextPosition(4, 82));
        assertThat(statements.get(1).start()).isEqualTo(new TextPosition(5, 5));
        assertThat(statements.get(1).end()).isEqualTo(new TextPosition(11, 6));
        Statement single = PolicyDocument.parse("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
                + "\"Resource\":\"*\"}}", PolicyKind.IDENTITY).statements().get(0);
        assertThat(single.start()).isEqualTo(new TextPosition(1, 14));
        assertThat(single.end()).isEqualTo(new TextPosition(1, 63));
    }

    @Test
    void allowReportsTheAllowingStatements() {
        Simulation s = simulate("backup:ListBackupVaults", null, Map.of(), PolicySet.identity(List.of(identity())));
        assertThat(s.decision().outcome()).isEqualTo(Decision.Outcome.ALLOW);
        assertThat(s.matchedStatements()).extracting(m -> m.statement().sid()).containsExactly("Read");
        assertThat(s.matchedStatements().get(0).type()).isEqualTo(PolicyType.IDENTITY_BASED);
        assertThat(s.allowedByOrganizations()).isNull();
        assertThat(s.allowedByPermissionsBoundary()).isNull();
        assertThat(s.missingContextKeys()).isEmpty();
    }

    @Test
    void explicitDenyReportsOnlyTheDenyAndTheKeysTheContextLacked() {
        String vault = "arn:aws:backup:eu-west-1:222222222222:backup-vault:alice";
        Simulation denied = simulate("backup:DeleteBackupVault", vault, Map.of(),
                PolicySet.identity(List.of(identity())));
        assertThat(denied.decision().outcome()).isEqualTo(Decision.Outcome.EXPLICIT_DENY);
        assertThat(denied.matchedStatements()).extracting(m -> m.statement().sid()).containsExactly("NoDeleteWithoutMfa");
        // aws:username follows from the principal; MFA presence was not supplied
        assertThat(denied.missingContextKeys()).containsExactly("aws:MultiFactorAuthPresent");

        Simulation allowed = simulate("backup:DeleteBackupVault", vault,
                Map.of("aws:MultiFactorAuthPresent", List.of("true")), PolicySet.identity(List.of(identity())));
        assertThat(allowed.decision().outcome()).isEqualTo(Decision.Outcome.ALLOW);
        assertThat(allowed.matchedStatements()).extracting(m -> m.statement().index()).containsExactly(2);
        assertThat(allowed.missingContextKeys()).isEmpty();
    }

    @Test
    void implicitDenyMatchesNothingAndVariablesCountAsKeys() {
        Evaluator anonymousKeys = new Evaluator(EvaluationOptions.defaults().toBuilder().derivePrincipalKeys(false)
                .build());
        Simulation s = anonymousKeys.simulate(new AuthorizationContext(ALICE, "backup:StartBackupJob",
                RequestResource.of("arn:aws:backup:eu-west-1:222222222222:backup-vault:alice"), Map.of(),
                PolicySet.identity(List.of(identity()))));
        assertThat(s.decision().outcome()).isEqualTo(Decision.Outcome.IMPLICIT_DENY);
        assertThat(s.matchedStatements()).isEmpty();
        assertThat(s.missingContextKeys()).containsExactly("aws:username");
    }

    @Test
    void boundaryAndOrganizationDetails() {
        PolicyDocument readOnly = PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Allow\",\"Action\":\"backup:List*\",\"Resource\":\"*\"}]}", PolicyKind.PERMISSIONS_BOUNDARY);
        PolicyDocument denyList = PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Deny\",\"Action\":\"backup:ListBackupVaults\",\"Resource\":\"*\"}]}", PolicyKind.SERVICE_CONTROL);
        PolicyDocument full = PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}", PolicyKind.SERVICE_CONTROL);
        PolicySet set = PolicySet.identity(List.of(identity()))
                .withPermissionsBoundary(AttachedPolicy.named("boundary", readOnly))
                .withServiceControlPolicies(List.of(new OrganizationLevel("r-root",
                        List.of(AttachedPolicy.of("p-FullAWSAccess", "FullAWSAccess", null, full))),
                        new OrganizationLevel("222222222222", List.of(AttachedPolicy.of("p-deny", "deny", null,
                                denyList), AttachedPolicy.of("p-FullAWSAccess", "FullAWSAccess", null, full)))));
        RequestPrincipal member = ALICE.withOrganization("o-example", false);

        Simulation listVaults = new Evaluator().simulate(new AuthorizationContext(member, "backup:ListBackupVaults",
                RequestResource.none(), Map.of(), set));
        assertThat(listVaults.decision().outcome()).isEqualTo(Decision.Outcome.EXPLICIT_DENY);
        assertThat(listVaults.allowedByOrganizations()).isFalse();
        assertThat(listVaults.allowedByPermissionsBoundary()).isTrue();
        assertThat(listVaults.matchedStatements()).singleElement().satisfies(m -> {
            assertThat(m.type()).isEqualTo(PolicyType.SERVICE_CONTROL_POLICY);
            assertThat(m.level()).isEqualTo("222222222222");
        });

        Simulation listPlans = new Evaluator().simulate(new AuthorizationContext(member, "backup:ListBackupPlans",
                RequestResource.none(), Map.of(), set));
        assertThat(listPlans.decision().outcome()).isEqualTo(Decision.Outcome.ALLOW);
        assertThat(listPlans.allowedByOrganizations()).isTrue();

        Simulation start = new Evaluator().simulate(new AuthorizationContext(member.withOrganization("o-example", true),
                "backup:StartBackupJob", RequestResource.of("arn:aws:backup:eu-west-1:222222222222:backup-vault:alice"),
                Map.of(), set));
        assertThat(start.decision().outcome()).isEqualTo(Decision.Outcome.IMPLICIT_DENY);
        assertThat(start.allowedByPermissionsBoundary()).isFalse();
        assertThat(start.allowedByOrganizations()).as("the management account is never restricted").isTrue();
    }

    @Test
    void statementsListTheirContextKeysOnce() {
        Statement s = PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
                + "\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::b/${aws:username}/*\",\"Condition\":{"
                + "\"StringEquals\":{\"aws:PrincipalTag/team\":\"${aws:username}\"},\"IpAddress\":{"
                + "\"aws:SourceIp\":\"10.0.0.0/8\"}}}}", PolicyKind.IDENTITY).statements().get(0);
        assertThat(s.contextKeys()).containsExactly("aws:username", "aws:PrincipalTag/team", "aws:SourceIp");
    }
}
