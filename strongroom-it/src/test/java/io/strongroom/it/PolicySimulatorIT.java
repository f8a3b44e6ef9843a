package io.strongroom.it;

import io.strongroom.testkit.Endpoint;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.Position;
import software.amazon.awssdk.services.iam.model.SimulateCustomPolicyResponse;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyResponse;
import software.amazon.awssdk.services.iam.model.Statement;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.PolicyType;

import java.util.List;
import java.util.Map;

import static io.strongroom.it.IamIT.error;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IAM policy simulator through the SDK: decisions with the statements that made them and where they are, context
 * keys, boundaries, a principal's stored policies, its organization's SCPs, resource policies and bad input.
 */
class PolicySimulatorIT {
    static final String ACCOUNT = "111111111111";
    static final String VAULT = "arn:aws:backup:eu-west-1:" + ACCOUNT + ":backup-vault:Primary";
    static final String BACKUP_POLICY = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "Read",
                  "Effect": "Allow",
                  "Action": ["backup:List*", "backup:Describe*"],
                  "Resource": "*"
                },
                {
                  "Sid": "NoDeletes",
                  "Effect": "Deny",
                  "Action": "backup:DeleteBackupVault",
                  "Resource": "*"
                }
              ]
            }""";
    static final String DELETE_WITH_MFA = """
            {"Version": "2012-10-17", "Statement": [{
              "Sid": "DeleteWithMfa", "Effect": "Allow", "Action": "backup:DeleteRecoveryPoint", "Resource": "*",
              "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"},
                            "IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}]}""";
    static final String ALLOW_ALL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"*\",\"Resource\":\"*\"}]}";

    TestServer server;
    Endpoint endpoint;
    IamClient iam;

    @BeforeEach
    void start() {
        server = TestServer.start();
        endpoint = server.endpoint();
        iam = endpoint.client(IamClient.builder());
    }

    @AfterEach
    void stop() {
        iam.close();
        server.close();
    }

    static Statement statement(String id, String type, int startLine, int startColumn, int endLine, int endColumn) {
        return Statement.builder().sourcePolicyId(id).sourcePolicyType(type)
                .startPosition(Position.builder().line(startLine).column(startColumn).build())
                .endPosition(Position.builder().line(endLine).column(endColumn).build()).build();
    }

    static ContextEntry entry(String key, ContextKeyTypeEnum type, String... values) {
        return ContextEntry.builder().contextKeyName(key).contextKeyType(type).contextKeyValues(values).build();
    }

    @Test
    void customPoliciesAllowDenyExplicitlyOrImplicitlyAndNameTheirStatements() {
        SimulateCustomPolicyResponse response = iam.simulateCustomPolicy(r -> r.policyInputList(BACKUP_POLICY)
                .actionNames("backup:ListBackupVaults", "backup:DeleteBackupVault", "backup:StartBackupJob"));

        assertThat(response.isTruncated()).isFalse();
        List<EvaluationResult> results = response.evaluationResults();
        assertThat(results).extracting(EvaluationResult::evalActionName, EvaluationResult::evalResourceName,
                        EvaluationResult::evalDecisionAsString)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("backup:ListBackupVaults", "*", "allowed"),
                        org.assertj.core.groups.Tuple.tuple("backup:DeleteBackupVault", "*", "explicitDeny"),
                        org.assertj.core.groups.Tuple.tuple("backup:StartBackupJob", "*", "implicitDeny"));
        assertThat(results.get(0).matchedStatements())
                .containsExactly(statement("PolicyInputList.1", "none", 4, 5, 9, 6));
        assertThat(results.get(1).matchedStatements())
                .containsExactly(statement("PolicyInputList.1", "none", 10, 5, 15, 6));
        assertThat(results.get(2).matchedStatements()).isEmpty();
        assertThat(results).allSatisfy(r -> {
            assertThat(r.missingContextValues()).isEmpty();
            assertThat(r.organizationsDecisionDetail()).isNull();
            assertThat(r.permissionsBoundaryDecisionDetail()).isNull();
            assertThat(r.hasResourceSpecificResults()).isFalse();
        });
    }

    @Test
    void contextEntriesDecideConditionsAndMissingKeysAreReported() {
        EvaluationResult missing = iam.simulateCustomPolicy(r -> r.policyInputList(DELETE_WITH_MFA)
                .actionNames("backup:DeleteRecoveryPoint")).evaluationResults().get(0);
        assertThat(missing.evalDecisionAsString()).isEqualTo("implicitDeny");
        assertThat(missing.missingContextValues()).containsExactly("aws:MultiFactorAuthPresent", "aws:SourceIp");

        EvaluationResult allowed = iam.simulateCustomPolicy(r -> r.policyInputList(DELETE_WITH_MFA)
                .actionNames("backup:DeleteRecoveryPoint")
                .contextEntries(entry("aws:MultiFactorAuthPresent", ContextKeyTypeEnum.BOOLEAN, "true"),
                        entry("aws:SourceIp", ContextKeyTypeEnum.IP, "10.1.2.3"))).evaluationResults().get(0);
        assertThat(allowed.evalDecisionAsString()).isEqualTo("allowed");
        assertThat(allowed.missingContextValues()).isEmpty();
        assertThat(allowed.matchedStatements()).containsExactly(statement("PolicyInputList.1", "none", 1, 41, 4, 62));

        EvaluationResult otherNetwork = iam.simulateCustomPolicy(r -> r.policyInputList(DELETE_WITH_MFA)
                .actionNames("backup:DeleteRecoveryPoint")
                .contextEntries(entry("aws:MultiFactorAuthPresent", ContextKeyTypeEnum.BOOLEAN, "true"),
                        entry("aws:SourceIp", ContextKeyTypeEnum.IP, "192.0.2.1"))).evaluationResults().get(0);
        assertThat(otherNetwork.evalDecisionAsString()).isEqualTo("implicitDeny");

        assertThat(iam.getContextKeysForCustomPolicy(r -> r.policyInputList(DELETE_WITH_MFA, BACKUP_POLICY))
                .contextKeyNames()).containsExactly("aws:MultiFactorAuthPresent", "aws:SourceIp");
    }

    @Test
    void aPermissionsBoundaryCapsWhatIdentityPoliciesAllow() {
        String boundary = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"backup:List*\",\"Resource\":\"*\"}]}";
        List<EvaluationResult> results = iam.simulateCustomPolicy(r -> r.policyInputList(ALLOW_ALL)
                .permissionsBoundaryPolicyInputList(boundary)
                .actionNames("backup:ListBackupPlans", "backup:CreateBackupVault")).evaluationResults();

        assertThat(results.get(0).evalDecisionAsString()).isEqualTo("allowed");
        assertThat(results.get(0).permissionsBoundaryDecisionDetail().allowedByPermissionsBoundary()).isTrue();
        assertThat(results.get(0).matchedStatements()).extracting(Statement::sourcePolicyId)
                .containsExactly("PolicyInputList.1");
        assertThat(results.get(1).evalDecisionAsString()).isEqualTo("implicitDeny");
        assertThat(results.get(1).permissionsBoundaryDecisionDetail().allowedByPermissionsBoundary()).isFalse();

        error("InvalidInput", 400, "Only one permissions boundary policy can be simulated.",
                () -> iam.simulateCustomPolicy(r -> r.policyInputList(ALLOW_ALL)
                        .permissionsBoundaryPolicyInputList(boundary, boundary).actionNames("backup:ListBackupPlans")));
    }

    @Test
    void aUsersOwnGroupAndManagedPoliciesAreSimulated() {
        iam.createUser(r -> r.userName("operator").path("/ops/"));
        iam.putUserPolicy(r -> r.userName("operator").policyName("no-deletes").policyDocument(BACKUP_POLICY));
        iam.createGroup(r -> r.groupName("restorers"));
        iam.addUserToGroup(r -> r.groupName("restorers").userName("operator"));
        iam.putGroupPolicy(r -> r.groupName("restorers").policyName("restore").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"backup:StartRestoreJob\","
                        + "\"Resource\":\"*\"}]}"));
        iam.attachUserPolicy(r -> r.userName("operator").policyArn("arn:aws:iam::aws:policy/AWSBackupFullAccess"));
        String user = "arn:aws:iam::" + ACCOUNT + ":user/ops/operator";

        SimulatePrincipalPolicyResponse response = iam.simulatePrincipalPolicy(r -> r.policySourceArn(user)
                .actionNames("backup:StartRestoreJob", "backup:DeleteBackupVault", "backup:ListBackupVaults",
                        "organizations:ListAccounts"));

        List<EvaluationResult> results = response.evaluationResults();
        assertThat(results).extracting(EvaluationResult::evalDecisionAsString)
                .containsExactly("allowed", "explicitDeny", "allowed", "implicitDeny");
        assertThat(results.get(0).matchedStatements()).extracting(Statement::sourcePolicyId,
                        Statement::sourcePolicyTypeAsString)
                .contains(org.assertj.core.groups.Tuple.tuple("restore", "group"),
                        org.assertj.core.groups.Tuple.tuple("AWSBackupFullAccess", "aws-managed"));
        assertThat(results.get(1).matchedStatements())
                .containsExactly(statement("no-deletes", "user", 10, 5, 15, 6));
        assertThat(results.get(2).matchedStatements()).extracting(Statement::sourcePolicyId)
                .contains("no-deletes", "AWSBackupFullAccess");
        assertThat(results).allSatisfy(r -> assertThat(r.organizationsDecisionDetail()).isNull());

        EvaluationResult withExtra = iam.simulatePrincipalPolicy(r -> r.policySourceArn(user)
                .policyInputList(ALLOW_ALL).actionNames("organizations:ListAccounts")).evaluationResults().get(0);
        assertThat(withExtra.evalDecisionAsString()).isEqualTo("allowed");
        assertThat(withExtra.matchedStatements()).extracting(Statement::sourcePolicyId)
                .containsExactly("PolicyInputList.1");

        EvaluationResult group = iam.simulatePrincipalPolicy(r -> r.policySourceArn("arn:aws:iam::" + ACCOUNT
                + ":group/restorers").actionNames("backup:StartRestoreJob", "backup:ListBackupVaults"))
                .evaluationResults().get(1);
        assertThat(group.evalDecisionAsString()).as("a group has only its own policies").isEqualTo("implicitDeny");

        assertThat(iam.getContextKeysForPrincipalPolicy(r -> r.policySourceArn(user).policyInputList(DELETE_WITH_MFA))
                .contextKeyNames()).contains("aws:MultiFactorAuthPresent", "aws:SourceIp");
    }

    @Test
    void aMemberAccountRoleIsFilteredByItsOrganizationsScps() {
        String member;
        try (OrganizationsClient org = endpoint.client(OrganizationsClient.builder())) {
            org.createOrganization(r -> { });
            String rootId = org.listRoots().roots().get(0).id();
            String ou = org.createOrganizationalUnit(r -> r.parentId(rootId).name("Production"))
                    .organizationalUnit().id();
            String request = org.createAccount(r -> r.accountName("payments").email("payments@example.com"))
                    .createAccountStatus().id();
            member = org.describeCreateAccountStatus(r -> r.createAccountRequestId(request)).createAccountStatus()
                    .accountId();
            org.moveAccount(r -> r.accountId(member).sourceParentId(rootId).destinationParentId(ou));
            String deny = org.createPolicy(r -> r.name("no-vault-deletes").description("")
                    .type(PolicyType.SERVICE_CONTROL_POLICY).content("{\"Version\":\"2012-10-17\",\"Statement\":[{"
                            + "\"Sid\":\"NoVaultDeletes\",\"Effect\":\"Deny\",\"Action\":\"backup:DeleteBackupVault\","
                            + "\"Resource\":\"*\"}]}")).policy().policySummary().id();
            org.attachPolicy(r -> r.policyId(deny).targetId(ou));
        }
        String[] key = endpoint.admin().rootAccessKey(member);
        try (IamClient memberIam = endpoint.client(IamClient.builder(), AwsBasicCredentials.create(key[1], key[2]))) {
            String role = memberIam.createRole(r -> r.roleName("BackupAdmin").assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                            + member + "\"},\"Action\":\"sts:AssumeRole\"}]}")).role().arn();
            memberIam.attachRolePolicy(r -> r.roleName("BackupAdmin")
                    .policyArn("arn:aws:iam::aws:policy/AdministratorAccess"));

            List<EvaluationResult> results = memberIam.simulatePrincipalPolicy(r -> r.policySourceArn(role)
                    .actionNames("backup:DeleteBackupVault", "backup:ListBackupVaults")).evaluationResults();

            EvaluationResult denied = results.get(0);
            assertThat(denied.evalDecisionAsString()).isEqualTo("explicitDeny");
            assertThat(denied.organizationsDecisionDetail().allowedByOrganizations()).isFalse();
            assertThat(denied.matchedStatements()).singleElement().satisfies(s -> {
                assertThat(s.sourcePolicyId()).startsWith("p-");
                assertThat(s.sourcePolicyTypeAsString()).isEqualTo("none");
                assertThat(s.startPosition()).isEqualTo(Position.builder().line(1).column(38).build());
            });
            EvaluationResult allowed = results.get(1);
            assertThat(allowed.evalDecisionAsString()).isEqualTo("allowed");
            assertThat(allowed.organizationsDecisionDetail().allowedByOrganizations()).isTrue();
            assertThat(allowed.matchedStatements()).extracting(Statement::sourcePolicyId,
                            Statement::sourcePolicyTypeAsString)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("AdministratorAccess", "aws-managed"));
        }
        // the management account's own principals are never filtered
        iam.createUser(r -> r.userName("admin"));
        iam.attachUserPolicy(r -> r.userName("admin").policyArn("arn:aws:iam::aws:policy/AdministratorAccess"));
        EvaluationResult management = iam.simulatePrincipalPolicy(r -> r.policySourceArn("arn:aws:iam::" + ACCOUNT
                + ":user/admin").actionNames("backup:DeleteBackupVault")).evaluationResults().get(0);
        assertThat(management.evalDecisionAsString()).isEqualTo("allowed");
        assertThat(management.organizationsDecisionDetail().allowedByOrganizations()).isTrue();
    }

    @Test
    void aResourcePolicyCanAllowAndIsReportedPerResource() {
        String caller = "arn:aws:iam::" + ACCOUNT + ":user/reader";
        String readOnly = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"backup:List*\",\"Resource\":\"*\"}]}";
        String vaultPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Reader\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"" + caller + "\"},\"Action\":\"backup:DescribeBackupVault\","
                + "\"Resource\":\"*\"}]}";
        EvaluationResult sameAccount = iam.simulateCustomPolicy(r -> r.policyInputList(readOnly)
                .resourcePolicy(vaultPolicy).callerArn(caller).actionNames("backup:DescribeBackupVault")
                .resourceArns(VAULT)).evaluationResults().get(0);

        assertThat(sameAccount.evalResourceName()).isEqualTo(VAULT);
        assertThat(sameAccount.evalDecisionAsString()).isEqualTo("allowed");
        Statement reader = statement("ResourcePolicy", "resource", 1, 38, 1, 184);
        assertThat(sameAccount.matchedStatements()).containsExactly(reader);
        assertThat(sameAccount.evalDecisionDetails()).isEmpty();
        assertThat(sameAccount.resourceSpecificResults()).singleElement().satisfies(rs -> {
            assertThat(rs.evalResourceName()).isEqualTo(VAULT);
            assertThat(rs.evalResourceDecisionAsString()).isEqualTo("allowed");
            assertThat(rs.matchedStatements()).containsExactly(reader);
            assertThat(rs.missingContextValues()).isEmpty();
        });

        String foreignVault = "arn:aws:backup:eu-west-1:222222222222:backup-vault:Shared";
        EvaluationResult crossAccount = iam.simulateCustomPolicy(r -> r.policyInputList(readOnly)
                .resourcePolicy(vaultPolicy).callerArn(caller).actionNames("backup:DescribeBackupVault")
                .resourceArns(foreignVault)).evaluationResults().get(0);
        assertThat(crossAccount.evalDecisionAsString()).as("across accounts the identity side must allow too")
                .isEqualTo("implicitDeny");
        assertThat(crossAccount.evalDecisionDetailsAsStrings())
                .isEqualTo(Map.of("IAM Policy", "implicitDeny", "Resource Policy", "allowed"));

        error("InvalidInput", 400, null, () -> iam.simulateCustomPolicy(r -> r.policyInputList(readOnly)
                .resourcePolicy(vaultPolicy).actionNames("backup:DescribeBackupVault").resourceArns(VAULT)));
    }

    @Test
    void resultsArePagedWithMaxItemsAndMarker() {
        SimulateCustomPolicyResponse first = iam.simulateCustomPolicy(r -> r.policyInputList(BACKUP_POLICY)
                .actionNames("backup:ListBackupVaults", "backup:DeleteBackupVault", "backup:StartBackupJob")
                .maxItems(2));
        assertThat(first.isTruncated()).isTrue();
        assertThat(first.evaluationResults()).hasSize(2);
        SimulateCustomPolicyResponse rest = iam.simulateCustomPolicy(r -> r.policyInputList(BACKUP_POLICY)
                .actionNames("backup:ListBackupVaults", "backup:DeleteBackupVault", "backup:StartBackupJob")
                .maxItems(2).marker(first.marker()));
        assertThat(rest.isTruncated()).isFalse();
        assertThat(rest.evaluationResults()).extracting(EvaluationResult::evalActionName)
                .containsExactly("backup:StartBackupJob");
        error("InvalidInput", 400, "Invalid Marker.", () -> iam.simulateCustomPolicy(r -> r
                .policyInputList(BACKUP_POLICY).actionNames("backup:ListBackupVaults").marker("garbage")));
    }

    @Test
    void badInputIsRefusedWithIamsErrors() {
        error("MalformedPolicyDocument", 400, "Syntax errors in policy.", () -> iam.simulateCustomPolicy(r -> r
                .policyInputList("{\"Statement\":").actionNames("backup:ListBackupVaults")));
        error("MalformedPolicyDocument", 400, "Policy document should not specify a principal.",
                () -> iam.simulateCustomPolicy(r -> r.policyInputList("{\"Version\":\"2012-10-17\",\"Statement\":[{"
                        + "\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}")
                        .actionNames("backup:ListBackupVaults")));
        error("NoSuchEntity", 404, "The user with name ghost cannot be found.", () -> iam.simulatePrincipalPolicy(r -> r
                .policySourceArn("arn:aws:iam::" + ACCOUNT + ":user/ghost").actionNames("backup:ListBackupVaults")));
        error("NoSuchEntity", 404, "The role with name Ghost cannot be found.", () -> iam.simulatePrincipalPolicy(r -> r
                .policySourceArn("arn:aws:iam::" + ACCOUNT + ":role/Ghost").actionNames("backup:ListBackupVaults")));
        error("InvalidInput", 400, "Invalid Entity Arn: arn:aws:iam::" + ACCOUNT + ":policy/thing does not clearly "
                + "define entity type and name.", () -> iam.getContextKeysForPrincipalPolicy(r -> r
                .policySourceArn("arn:aws:iam::" + ACCOUNT + ":policy/thing")));
        error("InvalidInput", 400, null, () -> iam.simulateCustomPolicy(r -> r.policyInputList(ALLOW_ALL)
                .actionNames("backup:*")));
        error("InvalidInput", 400, null, () -> iam.simulateCustomPolicy(r -> r.policyInputList(ALLOW_ALL)
                .actionNames("backup:ListBackupVaults").resourceArns("vault")));
        error("InvalidInput", 400, null, () -> iam.simulateCustomPolicy(r -> r.policyInputList(ALLOW_ALL)
                .actionNames("backup:ListBackupVaults").callerArn("arn:aws:iam::" + ACCOUNT + ":role/Admin")));
        error("InvalidInput", 400, null, () -> iam.simulateCustomPolicy(r -> r.policyInputList(ALLOW_ALL)
                .actionNames("backup:ListBackupVaults")
                .contextEntries(entry("aws:MultiFactorAuthAge", ContextKeyTypeEnum.NUMERIC, "soon"))));
    }
}
