package io.strongroom.api.organizations;

import io.strongroom.engine.organizations.AccountsService;
import io.strongroom.engine.organizations.CreateAccountStatus;
import io.strongroom.engine.organizations.MemberAccount;
import io.strongroom.engine.organizations.OrgPolicy;
import io.strongroom.engine.organizations.Organization;
import io.strongroom.engine.organizations.OrganizationalUnit;
import io.strongroom.engine.organizations.PolicyTarget;
import io.strongroom.engine.organizations.PolicyTypes;
import io.strongroom.engine.organizations.Tag;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.Child;
import software.amazon.awssdk.services.organizations.model.Parent;
import software.amazon.awssdk.services.organizations.model.Policy;
import software.amazon.awssdk.services.organizations.model.PolicySummary;
import software.amazon.awssdk.services.organizations.model.PolicyTargetSummary;
import software.amazon.awssdk.services.organizations.model.PolicyTypeSummary;
import software.amazon.awssdk.services.organizations.model.Root;

import java.util.List;
import java.util.Map;

/** Domain records to Organizations SDK shapes and back. */
final class OrganizationsShapes {
    private OrganizationsShapes() {
    }

    static software.amazon.awssdk.services.organizations.model.Organization organization(Organization org) {
        var builder = software.amazon.awssdk.services.organizations.model.Organization.builder()
                .id(org.id()).arn(org.arn()).featureSet(org.featureSet())
                .masterAccountArn(org.managementAccountArn()).masterAccountId(org.managementAccountId())
                .masterAccountEmail(org.managementEmail());
        // Deprecated by AWS and only ever listing SCPs; kept for clients that still read it.
        builder.availablePolicyTypes(org.policyTypeEnabled(PolicyTypes.SCP)
                ? List.of(PolicyTypeSummary.builder().type(PolicyTypes.SCP).status("ENABLED").build()) : List.of());
        return builder.build();
    }

    static Root root(Organization org) {
        return Root.builder().id(org.rootId()).arn(org.rootArn()).name(Organization.ROOT_NAME)
                .policyTypes(org.enabledPolicyTypes().entrySet().stream()
                        .map(e -> PolicyTypeSummary.builder().type(e.getKey()).status(e.getValue()).build()).toList())
                .build();
    }

    static software.amazon.awssdk.services.organizations.model.OrganizationalUnit ou(Organization org,
                                                                                     OrganizationalUnit ou) {
        return software.amazon.awssdk.services.organizations.model.OrganizationalUnit.builder()
                .id(ou.id()).arn(org.ouArn(ou.id())).name(ou.name()).build();
    }

    static Account account(Organization org, MemberAccount account) {
        return Account.builder().id(account.id()).arn(org.accountArn(account.id())).email(account.email())
                .name(account.name()).status(account.state()).state(account.state())
                .joinedMethod(account.joinedMethod()).joinedTimestamp(account.joinedTimestamp()).build();
    }

    static software.amazon.awssdk.services.organizations.model.CreateAccountStatus createStatus(CreateAccountStatus s) {
        return software.amazon.awssdk.services.organizations.model.CreateAccountStatus.builder()
                .id(s.id()).accountName(s.accountName()).state(s.state()).requestedTimestamp(s.requestedTimestamp())
                .completedTimestamp(s.completedTimestamp()).accountId(s.accountId()).failureReason(s.failureReason())
                .build();
    }

    static PolicySummary summary(Organization org, OrgPolicy p) {
        return PolicySummary.builder().id(p.id()).arn(PolicyTypes.arn(p, org)).name(p.name())
                .description(p.description()).type(p.type()).awsManaged(p.awsManaged()).build();
    }

    static Policy policy(Organization org, OrgPolicy p) {
        return Policy.builder().policySummary(summary(org, p)).content(p.content()).build();
    }

    static PolicyTargetSummary target(PolicyTarget t) {
        return PolicyTargetSummary.builder().targetId(t.targetId()).arn(t.arn()).name(t.name())
                .type(t.type().name()).build();
    }

    static Child child(AccountsService.Child c) {
        return Child.builder().id(c.id()).type(c.type()).build();
    }

    static Parent parent(AccountsService.Child c) {
        return Parent.builder().id(c.id()).type(c.type()).build();
    }

    static List<Tag> tags(List<software.amazon.awssdk.services.organizations.model.Tag> tags) {
        return tags.stream().map(t -> new Tag(t.key(), t.value())).toList();
    }

    static List<software.amazon.awssdk.services.organizations.model.Tag> sdkTags(Map<String, String> tags) {
        return tags.entrySet().stream()
                .map(e -> software.amazon.awssdk.services.organizations.model.Tag.builder()
                        .key(e.getKey()).value(e.getValue()).build())
                .toList();
    }
}
