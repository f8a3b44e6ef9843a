package io.strongroom.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strongroom.testkit.Endpoint;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The seed's organization built from scratch through the SDK, and its backup policy inherited top-down. */
class OrganizationsIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> OUS = List.of("Production", "PreProduction", "Sandbox", "Shared");

    TestServer server;
    Endpoint endpoint;
    OrganizationsClient org;

    @BeforeEach
    void start() {
        server = TestServer.start();
        endpoint = server.endpoint();
        org = endpoint.client(OrganizationsClient.builder());
    }

    @AfterEach
    void stop() {
        org.close();
        server.close();
    }

    static String resource(String name) throws Exception {
        try (var in = OrganizationsIT.class.getResourceAsStream("/seed/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Root, four OUs, nineteen member accounts spread over them; returns OU name → id and account name → id. */
    Map<String, String> buildSeedTree(Map<String, String> accountsByName) {
        Organization organization = org.createOrganization(r -> r.featureSet(OrganizationFeatureSet.ALL)).organization();
        assertThat(organization.id()).matches("o-[a-z0-9]{10}");
        assertThat(organization.masterAccountId()).isEqualTo("111111111111");
        String rootId = org.listRoots().roots().get(0).id();
        Map<String, String> ous = new LinkedHashMap<>();
        for (String name : OUS) {
            ous.put(name, org.createOrganizationalUnit(r -> r.parentId(rootId).name(name)).organizationalUnit().id());
        }
        String[][] accounts = {
                {"payments", "Production"}, {"ledger", "Production"}, {"customer-api", "Production"},
                {"reports", "Production"}, {"payments-staging", "PreProduction"}, {"ledger-staging", "PreProduction"},
                {"customer-api-staging", "PreProduction"}, {"reports-staging", "PreProduction"},
                {"sandbox-alpha", "Sandbox"}, {"sandbox-beta", "Sandbox"}, {"sandbox-gamma", "Sandbox"},
                {"sandbox-delta", "Sandbox"}, {"sandbox-epsilon", "Sandbox"}, {"backup", "Shared"}, {"audit", "Shared"},
                {"network", "Shared"}, {"logging", "Shared"}, {"security", "Shared"}, {"tooling", "Shared"}};
        for (String[] account : accounts) {
            CreateAccountStatus status = org.createAccount(r -> r.accountName(account[0])
                    .email(account[0] + "@example.com")).createAccountStatus();
            assertThat(status.state()).isEqualTo(CreateAccountState.IN_PROGRESS);
            assertThat(status.accountId()).isNull();
            CreateAccountStatus done = org.describeCreateAccountStatus(r -> r.createAccountRequestId(status.id()))
                    .createAccountStatus();
            assertThat(done.state()).isEqualTo(CreateAccountState.SUCCEEDED);
            accountsByName.put(account[0], done.accountId());
            org.moveAccount(r -> r.accountId(done.accountId()).sourceParentId(rootId)
                    .destinationParentId(ous.get(account[1])));
        }
        return ous;
    }

    @Test
    void seedTreeInheritsTheBackupPolicyAndFollowsMoves() throws Exception {
        Map<String, String> accounts = new LinkedHashMap<>();
        Map<String, String> ous = buildSeedTree(accounts);
        String rootId = org.listRoots().roots().get(0).id();

        List<Account> all = new ArrayList<>();
        org.listAccountsPaginator(r -> r.maxResults(7)).forEach(page -> all.addAll(page.accounts()));
        assertThat(all).hasSize(20);
        assertThat(org.listAccountsForParent(r -> r.parentId(ous.get("Production"))).accounts())
                .extracting(Account::name).containsExactlyInAnyOrder("payments", "ledger", "customer-api", "reports");

        org.enablePolicyType(r -> r.rootId(rootId).policyType(PolicyType.BACKUP_POLICY));
        Policy policy = org.createPolicy(r -> r.name("org-backup").description("daily-prod")
                .type(PolicyType.BACKUP_POLICY).content(resourceUnchecked("daily-prod-backup-policy.json"))).policy();
        org.attachPolicy(r -> r.policyId(policy.policySummary().id()).targetId(ous.get("Production")));

        String expected = resource("daily-prod-effective.json");
        for (String name : List.of("payments", "ledger", "customer-api", "reports")) {
            EffectivePolicy effective = org.describeEffectivePolicy(r -> r.policyType(EffectivePolicyType.BACKUP_POLICY)
                    .targetId(accounts.get(name))).effectivePolicy();
            assertThat(JSON.readTree(effective.policyContent())).as(name).isEqualTo(JSON.readTree(expected));
            assertThat(effective.targetId()).isEqualTo(accounts.get(name));
        }
        String sandbox = accounts.get("sandbox-alpha");
        assertThat(catchThrowableOfType(EffectivePolicyNotFoundException.class, () -> org.describeEffectivePolicy(r -> r
                .policyType(EffectivePolicyType.BACKUP_POLICY).targetId(sandbox)))).isNotNull();

        org.moveAccount(r -> r.accountId(sandbox).sourceParentId(ous.get("Sandbox"))
                .destinationParentId(ous.get("Production")));
        assertThat(JSON.readTree(org.describeEffectivePolicy(r -> r.policyType(EffectivePolicyType.BACKUP_POLICY)
                .targetId(sandbox)).effectivePolicy().policyContent())).isEqualTo(JSON.readTree(expected));

        org.detachPolicy(r -> r.policyId(policy.policySummary().id()).targetId(ous.get("Production")));
        assertThat(catchThrowableOfType(EffectivePolicyNotFoundException.class, () -> org.describeEffectivePolicy(r -> r
                .policyType(EffectivePolicyType.BACKUP_POLICY).targetId(accounts.get("payments"))))).isNotNull();
    }

    static String resourceUnchecked(String name) {
        try {
            return resource(name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void adminApiExplainsWhichPolicyDecidedEachKey() throws Exception {
        org.createOrganization(r -> { });
        String rootId = org.listRoots().roots().get(0).id();
        org.enablePolicyType(r -> r.rootId(rootId).policyType(PolicyType.BACKUP_POLICY));
        String ou = org.createOrganizationalUnit(r -> r.parentId(rootId).name("Production")).organizationalUnit().id();
        String request = org.createAccount(r -> r.accountName("payments").email("p@example.com")).createAccountStatus().id();
        String account = org.describeCreateAccountStatus(r -> r.createAccountRequestId(request)).createAccountStatus()
                .accountId();
        org.moveAccount(r -> r.accountId(account).sourceParentId(rootId).destinationParentId(ou));
        String locked = "{\"plans\":{\"daily\":{\"regions\":{\"@@assign\":[\"eu-west-1\"]},"
                + "\"rules\":{\"r\":{\"schedule_expression\":{\"@@assign\":\"cron(0 2 ? * * *)\"},"
                + "\"target_backup_vault_name\":{\"@@assign\":\"local\"},\"lifecycle\":{\"delete_after_days\":"
                + "{\"@@assign\":\"35\",\"@@operators_allowed_for_child_policies\":[\"@@none\"]}}}},"
                + "\"selections\":{\"tags\":{\"s\":{\"iam_role_arn\":{\"@@assign\":\"arn:aws:iam::$account:role/R\"},"
                + "\"tag_key\":{\"@@assign\":\"Backup\"},\"tag_value\":{\"@@assign\":[\"daily\"]}}}}}}}";
        String child = "{\"plans\":{\"daily\":{\"rules\":{\"r\":{\"lifecycle\":{\"delete_after_days\":"
                + "{\"@@assign\":\"7\"}}}}}}}";
        String parentId = org.createPolicy(r -> r.name("ou-policy").description("").type(PolicyType.BACKUP_POLICY)
                .content(locked)).policy().policySummary().id();
        String childId = org.createPolicy(r -> r.name("account-policy").description("").type(PolicyType.BACKUP_POLICY)
                .content(child)).policy().policySummary().id();
        org.attachPolicy(r -> r.policyId(parentId).targetId(ou));
        org.attachPolicy(r -> r.policyId(childId).targetId(account));

        var answer = endpoint.admin().get("organizations/effective-policy?account=" + account + "&type=BACKUP_POLICY");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body().get("effectivePolicy").asText()).at("/plans/daily/rules/r/lifecycle/delete_after_days")
                .asText()).isEqualTo("35");
        var ignored = answer.body().get("explanation").get("ignored");
        assertThat(ignored.size()).isEqualTo(1);
        assertThat(ignored.get(0).get("source").get("policyId").asText()).isEqualTo(childId);
        assertThat(ignored.get(0).get("reason").asText()).isEqualTo("OPERATOR_LOCKED");
        assertThat(ignored.get(0).get("lockedBy").get(0).get("source").get("policyId").asText()).isEqualTo(parentId);
        assertThat(ignored.get(0).get("lockedBy").get(0).get("source").get("targetId").asText()).isEqualTo(ou);
    }

    @Test
    void managementReachesAMemberThroughOrganizationAccountAccessRole() {
        org.createOrganization(r -> { });
        String request = org.createAccount(r -> r.accountName("payments").email("payments@example.com"))
                .createAccountStatus().id();
        String member = org.describeCreateAccountStatus(r -> r.createAccountRequestId(request)).createAccountStatus()
                .accountId();
        software.amazon.awssdk.services.iam.model.AccessKey key;
        try (var iam = endpoint.client(software.amazon.awssdk.services.iam.IamClient.builder())) {
            iam.createUser(r -> r.userName("platform-admin"));
            iam.attachUserPolicy(r -> r.userName("platform-admin")
                    .policyArn("arn:aws:iam::aws:policy/AdministratorAccess"));
            key = iam.createAccessKey(r -> r.userName("platform-admin")).accessKey();
        }
        String roleArn = "arn:aws:iam::" + member + ":role/OrganizationAccountAccessRole";
        software.amazon.awssdk.services.sts.model.Credentials session;
        try (var sts = endpoint.client(software.amazon.awssdk.services.sts.StsClient.builder(),
                AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))) {
            session = sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("platform")).credentials();
        }
        var asMember = Endpoint.session(session.accessKeyId(), session.secretAccessKey(), session.sessionToken());
        try (var sts = endpoint.client(software.amazon.awssdk.services.sts.StsClient.builder(), asMember);
             var iam = endpoint.client(software.amazon.awssdk.services.iam.IamClient.builder(), asMember)) {
            assertThat(sts.getCallerIdentity().arn())
                    .isEqualTo("arn:aws:sts::" + member + ":assumed-role/OrganizationAccountAccessRole/platform");
            iam.createUser(r -> r.userName("created-from-management"));
            assertThat(iam.listUsers().users()).extracting(u -> u.arn())
                    .containsExactly("arn:aws:iam::" + member + ":user/created-from-management");
        }
        String[] outsider = endpoint.admin().createAccount("outsider");
        try (var iam = endpoint.client(software.amazon.awssdk.services.iam.IamClient.builder(),
                AwsBasicCredentials.create(outsider[1], outsider[2]))) {
            iam.createUser(r -> r.userName("intruder"));
            iam.attachUserPolicy(r -> r.userName("intruder").policyArn("arn:aws:iam::aws:policy/AdministratorAccess"));
            var intruderKey = iam.createAccessKey(r -> r.userName("intruder")).accessKey();
            try (var sts = endpoint.client(software.amazon.awssdk.services.sts.StsClient.builder(),
                    AwsBasicCredentials.create(intruderKey.accessKeyId(), intruderKey.secretAccessKey()))) {
                var denied = catchThrowableOfType(software.amazon.awssdk.services.sts.model.StsException.class,
                        () -> sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("intruder-session")));
                assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                assertThat(denied.statusCode()).isEqualTo(403);
            }
        }
    }

    @Test
    void createOrganizationEnablesScpsAndAttachesFullAwsAccess() {
        org.createOrganization(r -> r.featureSet(OrganizationFeatureSet.ALL));
        Root root = org.listRoots().roots().get(0);
        assertThat(root.name()).isEqualTo("Root");
        assertThat(root.policyTypes()).containsExactly(PolicyTypeSummary.builder()
                .type(PolicyType.SERVICE_CONTROL_POLICY).status(PolicyTypeStatus.ENABLED).build());
        assertThat(org.listPoliciesForTarget(r -> r.targetId(root.id()).filter(PolicyType.SERVICE_CONTROL_POLICY))
                .policies()).extracting(PolicySummary::id).containsExactly("p-FullAWSAccess");
        assertThat(org.listPoliciesForTarget(r -> r.targetId("111111111111").filter(PolicyType.SERVICE_CONTROL_POLICY))
                .policies()).extracting(PolicySummary::arn)
                .containsExactly("arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess");

        DetachPolicyRequest last = DetachPolicyRequest.builder().policyId("p-FullAWSAccess").targetId(root.id()).build();
        ConstraintViolationException minimum = catchThrowableOfType(ConstraintViolationException.class,
                () -> org.detachPolicy(last));
        assertThat(minimum.reasonAsString()).isEqualTo("MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED");
        InvalidInputException immutable = catchThrowableOfType(InvalidInputException.class, () -> org.updatePolicy(r -> r
                .policyId("p-FullAWSAccess").name("mine")));
        assertThat(immutable.reasonAsString()).isEqualTo("IMMUTABLE_POLICY");
        assertThat(catchThrowableOfType(AlreadyInOrganizationException.class, () -> org.createOrganization(r -> { })))
                .isNotNull();
    }

    @Test
    void organizationalUnitsAreFiveLevelsDeepAndDeletedOnlyWhenEmpty() {
        org.createOrganization(r -> { });
        String parent = org.listRoots().roots().get(0).id();
        String first = null;
        for (int level = 1; level <= 5; level++) {
            String p = parent;
            String name = "level-" + level;
            parent = org.createOrganizationalUnit(r -> r.parentId(p).name(name)).organizationalUnit().id();
            if (first == null) {
                first = parent;
            }
        }
        String deepest = parent;
        ConstraintViolationException tooDeep = catchThrowableOfType(ConstraintViolationException.class,
                () -> org.createOrganizationalUnit(r -> r.parentId(deepest).name("level-6")));
        assertThat(tooDeep.reasonAsString()).isEqualTo("OU_DEPTH_LIMIT_EXCEEDED");

        String top = first;
        assertThat(catchThrowableOfType(OrganizationalUnitNotEmptyException.class,
                () -> org.deleteOrganizationalUnit(r -> r.organizationalUnitId(top)))).isNotNull();
        String rootId = org.listRoots().roots().get(0).id();
        assertThat(catchThrowableOfType(DuplicateOrganizationalUnitException.class,
                () -> org.createOrganizationalUnit(r -> r.parentId(rootId).name("level-1")))).isNotNull();
        org.deleteOrganizationalUnit(r -> r.organizationalUnitId(deepest));
        assertThat(catchThrowableOfType(OrganizationalUnitNotFoundException.class,
                () -> org.describeOrganizationalUnit(r -> r.organizationalUnitId(deepest)))).isNotNull();
        assertThat(org.listParents(r -> r.childId(top)).parents()).extracting(Parent::id).containsExactly(rootId);
    }

    @Test
    void badPolicyDocumentsAreRefusedAndNothingIsStored() {
        org.createOrganization(r -> { });
        String rootId = org.listRoots().roots().get(0).id();
        org.enablePolicyType(r -> r.rootId(rootId).policyType(PolicyType.BACKUP_POLICY));
        List<String> bad = List.of("{not json", "{\"plans\":{\"p\":{\"regions\":{\"@@bogus\":[\"eu-west-1\"]}}}}",
                "[1,2,3]");
        for (String content : bad) {
            MalformedPolicyDocumentException e = catchThrowableOfType(MalformedPolicyDocumentException.class,
                    () -> org.createPolicy(r -> r.name("bad").description("").type(PolicyType.BACKUP_POLICY)
                            .content(content)));
            assertThat(e).as(content).isNotNull();
            assertThat(e.statusCode()).isEqualTo(400);
        }
        String huge = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:*\","
                + "\"Resource\":\"*\",\"Sid\":\"" + "x".repeat(11000) + "\"}]}";
        ConstraintViolationException tooLarge = catchThrowableOfType(ConstraintViolationException.class,
                () -> org.createPolicy(r -> r.name("huge").description("").type(PolicyType.SERVICE_CONTROL_POLICY)
                        .content(huge)));
        assertThat(tooLarge.reasonAsString()).isEqualTo("POLICY_CONTENT_LIMIT_EXCEEDED");
        assertThat(org.listPolicies(r -> r.filter(PolicyType.BACKUP_POLICY)).policies()).isEmpty();
        assertThat(org.listPolicies(r -> r.filter(PolicyType.SERVICE_CONTROL_POLICY)).policies())
                .extracting(PolicySummary::id).containsExactly("p-FullAWSAccess");

        Policy tagPolicy = org.createPolicy(r -> r.name("tags").description("").type(PolicyType.TAG_POLICY)
                .content("{\"tags\":{\"costcenter\":{\"tag_key\":{\"@@assign\":\"CostCenter\"}}}}")).policy();
        PolicyTypeNotEnabledException notEnabled = catchThrowableOfType(PolicyTypeNotEnabledException.class,
                () -> org.attachPolicy(r -> r.policyId(tagPolicy.policySummary().id()).targetId(rootId)));
        assertThat(notEnabled.getMessage()).contains("TagPolicy");
        assertThat(org.listTargetsForPolicy(r -> r.policyId(tagPolicy.policySummary().id())).targets()).isEmpty();
    }

    @Test
    void membersAndOutsidersGetAwsCallerErrors() {
        org.createOrganization(r -> { });
        CreateAccountStatus status = org.createAccount(r -> r.accountName("member").email("member@example.com"))
                .createAccountStatus();
        String memberId = org.describeCreateAccountStatus(r -> r.createAccountRequestId(status.id()))
                .createAccountStatus().accountId();
        String[] memberKey = endpoint.admin().rootAccessKey(memberId);
        String[] outsiderKey = endpoint.admin().createAccount("outsider");

        try (OrganizationsClient member = endpoint.client(OrganizationsClient.builder(),
                AwsBasicCredentials.create(memberKey[1], memberKey[2]));
             OrganizationsClient outsider = endpoint.client(OrganizationsClient.builder(),
                     AwsBasicCredentials.create(outsiderKey[1], outsiderKey[2]))) {
            assertThat(member.describeOrganization().organization().masterAccountId()).isEqualTo("111111111111");
            AwsServiceException denied = catchThrowableOfType(AccessDeniedException.class, member::listAccounts);
            assertThat(denied.statusCode()).isEqualTo(400);
            assertThat(denied.awsErrorDetails().errorMessage()).isEqualTo("You don't have permissions to access this resource.");
            assertThat(catchThrowableOfType(AccessDeniedException.class, () -> member.createOrganizationalUnit(r -> r
                    .parentId(org.listRoots().roots().get(0).id()).name("x")))).isNotNull();

            AwsServiceException notInUse = catchThrowableOfType(AwsOrganizationsNotInUseException.class,
                    outsider::describeOrganization);
            assertThat(notInUse.awsErrorDetails().errorMessage()).isEqualTo("Your account is not a member of an organization.");
            assertThat(outsider.createOrganization(r -> { }).organization().masterAccountId()).isEqualTo(outsiderKey[0]);
        }
    }
}
