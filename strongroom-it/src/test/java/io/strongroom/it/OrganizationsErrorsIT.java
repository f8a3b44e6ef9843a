package io.strongroom.it;

import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.*;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Each error of the Organizations API (spec section 5) with its exception, status, message and reason. */
class OrganizationsErrorsIT {
    static final String SCP = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
    static TestServer server;
    static OrganizationsClient org;
    static String rootId;
    static String ou;
    static String account;
    static String policy;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        org = server.endpoint().client(OrganizationsClient.builder());
        org.createOrganization(r -> { });
        rootId = org.listRoots().roots().get(0).id();
        ou = org.createOrganizationalUnit(r -> r.parentId(rootId).name("Production")).organizationalUnit().id();
        String request = org.createAccount(r -> r.accountName("a").email("a@example.com")).createAccountStatus().id();
        account = org.describeCreateAccountStatus(r -> r.createAccountRequestId(request)).createAccountStatus().accountId();
        policy = org.createPolicy(r -> r.name("deny-s3").description("").type(PolicyType.SERVICE_CONTROL_POLICY)
                .content(SCP)).policy().policySummary().id();
    }

    @AfterAll
    static void stop() {
        org.close();
        server.close();
    }

    static <T extends AwsServiceException> T expect(Class<T> type, Executable call) {
        Throwable thrown = catchThrowable(call::execute);
        assertThat(thrown).isInstanceOf(type);
        T e = type.cast(thrown);
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorMessage()).isNotBlank();
        assertThat(e.requestId()).isNotBlank();
        return e;
    }

    @Test
    void notFoundErrors() {
        String missingOu = ou.substring(0, ou.length() - 8) + "zzzzzzzz";
        expect(ParentNotFoundException.class, () -> org.createOrganizationalUnit(r -> r.parentId(missingOu).name("x")));
        expect(OrganizationalUnitNotFoundException.class, () -> org.describeOrganizationalUnit(r -> r.organizationalUnitId(missingOu)));
        expect(AccountNotFoundException.class, () -> org.describeAccount(r -> r.accountId("999999999999")));
        expect(ChildNotFoundException.class, () -> org.listParents(r -> r.childId("999999999999")));
        expect(PolicyNotFoundException.class, () -> org.describePolicy(r -> r.policyId("p-0000000000")));
        expect(TargetNotFoundException.class, () -> org.attachPolicy(r -> r.policyId(policy).targetId("999999999999")));
        expect(RootNotFoundException.class, () -> org.enablePolicyType(r -> r.rootId("r-zzzz").policyType(PolicyType.TAG_POLICY)));
        expect(CreateAccountStatusNotFoundException.class,
                () -> org.describeCreateAccountStatus(r -> r.createAccountRequestId("car-00000000")));
    }

    @Test
    void moveErrors() {
        expect(SourceParentNotFoundException.class, () -> org.moveAccount(r -> r.accountId(account).sourceParentId(ou)
                .destinationParentId(rootId)));
        String missingOu = ou.substring(0, ou.length() - 8) + "zzzzzzzz";
        expect(DestinationParentNotFoundException.class, () -> org.moveAccount(r -> r.accountId(account)
                .sourceParentId(rootId).destinationParentId(missingOu)));
        expect(DuplicateAccountException.class, () -> org.moveAccount(r -> r.accountId(account).sourceParentId(rootId)
                .destinationParentId(rootId)));
        expect(AccountNotFoundException.class, () -> org.moveAccount(r -> r.accountId("999999999999")
                .sourceParentId(rootId).destinationParentId(ou)));
    }

    @Test
    void policyErrors() {
        expect(DuplicatePolicyException.class, () -> org.createPolicy(r -> r.name("deny-s3").description("")
                .type(PolicyType.SERVICE_CONTROL_POLICY).content(SCP)));
        org.attachPolicy(r -> r.policyId(policy).targetId(ou));
        expect(DuplicatePolicyAttachmentException.class, () -> org.attachPolicy(r -> r.policyId(policy).targetId(ou)));
        expect(PolicyInUseException.class, () -> org.deletePolicy(r -> r.policyId(policy)));
        expect(PolicyNotAttachedException.class, () -> org.detachPolicy(r -> r.policyId(policy).targetId(account)));
        org.detachPolicy(r -> r.policyId(policy).targetId(ou));
        expect(PolicyTypeAlreadyEnabledException.class,
                () -> org.enablePolicyType(r -> r.rootId(rootId).policyType(PolicyType.SERVICE_CONTROL_POLICY)));
        expect(PolicyTypeNotEnabledException.class,
                () -> org.disablePolicyType(r -> r.rootId(rootId).policyType(PolicyType.TAG_POLICY)));
        InvalidInputException immutable = expect(InvalidInputException.class,
                () -> org.deletePolicy(r -> r.policyId("p-FullAWSAccess")));
        assertThat(immutable.reasonAsString()).isEqualTo("IMMUTABLE_POLICY");
        for (int i = 0; i < 9; i++) {
            String name = "extra-" + i;
            String id = org.createPolicy(r -> r.name(name).description("").type(PolicyType.SERVICE_CONTROL_POLICY)
                    .content(SCP)).policy().policySummary().id();
            org.attachPolicy(r -> r.policyId(id).targetId(account));
        }
        ConstraintViolationException tooMany = expect(ConstraintViolationException.class,
                () -> org.attachPolicy(r -> r.policyId(policy).targetId(account)));
        assertThat(tooMany.reasonAsString()).isEqualTo("MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED");
    }

    @Test
    void inputErrors() {
        InvalidInputException badId = expect(InvalidInputException.class,
                () -> org.describePolicy(r -> r.policyId("not-a-policy")));
        assertThat(badId.reasonAsString()).isEqualTo("INVALID_SYNTAX_POLICY_ID");
        InvalidInputException badToken = expect(InvalidInputException.class,
                () -> org.listAccounts(r -> r.nextToken("garbage!")));
        assertThat(badToken.reasonAsString()).isEqualTo("INVALID_NEXT_TOKEN");
        InvalidInputException ouTarget = expect(InvalidInputException.class, () -> org.describeEffectivePolicy(r -> r
                .policyType(EffectivePolicyType.BACKUP_POLICY).targetId(ou)));
        assertThat(ouTarget.reasonAsString()).isEqualTo("TARGET_NOT_SUPPORTED");
        InvalidInputException noType = expect(InvalidInputException.class,
                () -> org.describeEffectivePolicy(r -> r.targetId(account)));
        assertThat(noType.reasonAsString()).isEqualTo("INVALID_ENUM_POLICY_TYPE");
        expect(InvalidInputException.class, () -> org.listAccountsWithInvalidEffectivePolicy(r -> { }));
        expect(InvalidInputException.class, () -> org.listPolicies(r -> { }));
        InvalidInputException systemTag = expect(InvalidInputException.class, () -> org.tagResource(r -> r
                .resourceId(account).tags(Tag.builder().key("aws:owner").value("x").build())));
        assertThat(systemTag.reasonAsString()).isEqualTo("INVALID_SYSTEM_TAGS_PARAMETER");
        InvalidInputException principal = expect(InvalidInputException.class,
                () -> org.enableAWSServiceAccess(r -> r.servicePrincipal("nothing.example.com")));
        assertThat(principal.reasonAsString()).isEqualTo("UNRECOGNIZED_SERVICE_PRINCIPAL");
        ConstraintViolationException notTrusted = expect(ConstraintViolationException.class,
                () -> org.registerDelegatedAdministrator(r -> r.accountId(account).servicePrincipal("config.amazonaws.com")));
        assertThat(notTrusted.reasonAsString()).isEqualTo("SERVICE_ACCESS_NOT_ENABLED");
    }

    @Test
    void delegatedAdministratorsAndTags() {
        org.enableAWSServiceAccess(r -> r.servicePrincipal("backup.amazonaws.com"));
        org.registerDelegatedAdministrator(r -> r.accountId(account).servicePrincipal("backup.amazonaws.com"));
        expect(AccountAlreadyRegisteredException.class,
                () -> org.registerDelegatedAdministrator(r -> r.accountId(account).servicePrincipal("backup.amazonaws.com")));
        assertThat(org.listDelegatedAdministrators(r -> r.servicePrincipal("backup.amazonaws.com"))
                .delegatedAdministrators()).extracting(DelegatedAdministrator::id).containsExactly(account);
        ConstraintViolationException remove = expect(ConstraintViolationException.class,
                () -> org.removeAccountFromOrganization(r -> r.accountId(account)));
        assertThat(remove.reasonAsString()).isEqualTo("CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG");
        org.deregisterDelegatedAdministrator(r -> r.accountId(account).servicePrincipal("backup.amazonaws.com"));
        expect(AccountNotRegisteredException.class, () -> org.listDelegatedServicesForAccount(r -> r.accountId(account)));

        org.tagResource(r -> r.resourceId(ou).tags(Tag.builder().key("team").value("platform").build()));
        assertThat(org.listTagsForResource(r -> r.resourceId(ou)).tags())
                .containsExactly(Tag.builder().key("team").value("platform").build());
        org.untagResource(r -> r.resourceId(ou).tagKeys("team"));
        assertThat(org.listTagsForResource(r -> r.resourceId(ou)).tags()).isEmpty();
        expect(TargetNotFoundException.class, () -> org.listTagsForResource(r -> r.resourceId("999999999999")));
    }
}
