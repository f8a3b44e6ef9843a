package io.strongroom.api.organizations;

import io.strongroom.api.AccessRequirement;
import io.strongroom.api.CallContext;
import io.strongroom.api.ServiceApi;
import io.strongroom.engine.organizations.AccountsService;
import io.strongroom.engine.organizations.CreateAccountStatus;
import io.strongroom.engine.organizations.MemberAccount;
import io.strongroom.engine.organizations.OrgPolicy;
import io.strongroom.engine.organizations.Organization;
import io.strongroom.engine.organizations.OrganizationalUnit;
import io.strongroom.engine.organizations.Organizations;
import io.strongroom.engine.organizations.Page;
import io.strongroom.engine.organizations.PoliciesService;
import io.strongroom.engine.organizations.PolicyTarget;
import io.strongroom.engine.organizations.ServiceAccessService;
import io.strongroom.engine.organizations.StoredEffectivePolicy;
import software.amazon.awssdk.services.organizations.model.*;

import java.util.List;

import static io.strongroom.api.organizations.OrganizationsShapes.*;

/** AWS Organizations operations: SDK shapes to the engine's Organizations context and back. */
public final class OrganizationsApi {
    private OrganizationsApi() {
    }

    private static AccessRequirement action(String operation) {
        return AccessRequirement.of("organizations:" + operation, "*");
    }

    public static ServiceApi create(Organizations orgs) {
        var o = orgs.organizations();
        var a = orgs.accounts();
        var p = orgs.policies();
        var s = orgs.serviceAccess();
        ServiceApi.Builder api = ServiceApi.builder("organizations");
        Org org = ctx -> o.describeOrganization(ctx.tx(), ctx.caller());

        api.write("CreateOrganization", CreateOrganizationRequest.class, "organizations:CreateOrganization",
                (ctx, q) -> action("CreateOrganization"),
                (ctx, q) -> CreateOrganizationResponse.builder()
                        .organization(organization(o.createOrganization(ctx.tx(), ctx.caller(), q.featureSetAsString())))
                        .build());
        api.read("DescribeOrganization", DescribeOrganizationRequest.class, "organizations:DescribeOrganization",
                (ctx, q) -> action("DescribeOrganization"),
                (ctx, q) -> DescribeOrganizationResponse.builder().organization(organization(org.of(ctx))).build());
        api.write("DeleteOrganization", DeleteOrganizationRequest.class, "organizations:DeleteOrganization",
                (ctx, q) -> action("DeleteOrganization"),
                (ctx, q) -> {
                    o.deleteOrganization(ctx.tx(), ctx.caller());
                    return DeleteOrganizationResponse.builder().build();
                });
        api.read("ListRoots", ListRootsRequest.class, "organizations:ListRoots",
                (ctx, q) -> action("ListRoots"),
                (ctx, q) -> ListRootsResponse.builder().roots(root(o.listRoots(ctx.tx(), ctx.caller()))).build());
        api.write("EnablePolicyType", EnablePolicyTypeRequest.class, "organizations:EnablePolicyType",
                (ctx, q) -> action("EnablePolicyType"),
                (ctx, q) -> EnablePolicyTypeResponse.builder().root(root(o.enablePolicyType(ctx.tx(), ctx.caller(),
                        q.rootId(), q.policyTypeAsString()))).build());
        api.write("DisablePolicyType", DisablePolicyTypeRequest.class, "organizations:DisablePolicyType",
                (ctx, q) -> action("DisablePolicyType"),
                (ctx, q) -> DisablePolicyTypeResponse.builder().root(root(o.disablePolicyType(ctx.tx(), ctx.caller(),
                        q.rootId(), q.policyTypeAsString()))).build());

        // ---- organizational units
        api.write("CreateOrganizationalUnit", CreateOrganizationalUnitRequest.class,
                "organizations:CreateOrganizationalUnit", (ctx, q) -> action("CreateOrganizationalUnit"),
                (ctx, q) -> {
                    OrganizationalUnit ou = o.createOrganizationalUnit(ctx.tx(), ctx.caller(), q.parentId(), q.name(),
                            tags(q.tags()));
                    return CreateOrganizationalUnitResponse.builder().organizationalUnit(ou(org.of(ctx), ou)).build();
                });
        api.write("UpdateOrganizationalUnit", UpdateOrganizationalUnitRequest.class,
                "organizations:UpdateOrganizationalUnit", (ctx, q) -> action("UpdateOrganizationalUnit"),
                (ctx, q) -> {
                    OrganizationalUnit ou = o.updateOrganizationalUnit(ctx.tx(), ctx.caller(), q.organizationalUnitId(),
                            q.name());
                    return UpdateOrganizationalUnitResponse.builder().organizationalUnit(ou(org.of(ctx), ou)).build();
                });
        api.write("DeleteOrganizationalUnit", DeleteOrganizationalUnitRequest.class,
                "organizations:DeleteOrganizationalUnit", (ctx, q) -> action("DeleteOrganizationalUnit"),
                (ctx, q) -> {
                    o.deleteOrganizationalUnit(ctx.tx(), ctx.caller(), q.organizationalUnitId());
                    return DeleteOrganizationalUnitResponse.builder().build();
                });
        api.read("DescribeOrganizationalUnit", DescribeOrganizationalUnitRequest.class,
                "organizations:DescribeOrganizationalUnit", (ctx, q) -> action("DescribeOrganizationalUnit"),
                (ctx, q) -> {
                    OrganizationalUnit ou = o.describeOrganizationalUnit(ctx.tx(), ctx.caller(), q.organizationalUnitId());
                    return DescribeOrganizationalUnitResponse.builder().organizationalUnit(ou(org.of(ctx), ou)).build();
                });
        api.read("ListOrganizationalUnitsForParent", ListOrganizationalUnitsForParentRequest.class,
                "organizations:ListOrganizationalUnitsForParent", (ctx, q) -> action("ListOrganizationalUnitsForParent"),
                (ctx, q) -> {
                    Page<OrganizationalUnit> page = o.listOrganizationalUnitsForParent(ctx.tx(), ctx.caller(),
                            q.parentId(), q.nextToken(), q.maxResults());
                    Organization current = org.of(ctx);
                    return ListOrganizationalUnitsForParentResponse.builder()
                            .organizationalUnits(page.items().stream().map(u -> ou(current, u)).toList())
                            .nextToken(page.nextToken()).build();
                });

        // ---- accounts
        api.write("CreateAccount", CreateAccountRequest.class, "organizations:CreateAccount",
                (ctx, q) -> action("CreateAccount"),
                (ctx, q) -> CreateAccountResponse.builder().createAccountStatus(createStatus(a.createAccount(ctx.tx(),
                        ctx.caller(), q.email(), q.accountName(), q.roleName(), tags(q.tags())))).build());
        api.read("DescribeCreateAccountStatus", DescribeCreateAccountStatusRequest.class,
                "organizations:DescribeCreateAccountStatus", (ctx, q) -> action("DescribeCreateAccountStatus"),
                (ctx, q) -> DescribeCreateAccountStatusResponse.builder().createAccountStatus(createStatus(
                        a.describeCreateAccountStatus(ctx.tx(), ctx.caller(), q.createAccountRequestId()))).build());
        api.read("ListCreateAccountStatus", ListCreateAccountStatusRequest.class,
                "organizations:ListCreateAccountStatus", (ctx, q) -> action("ListCreateAccountStatus"),
                (ctx, q) -> {
                    Page<CreateAccountStatus> page = a.listCreateAccountStatus(ctx.tx(), ctx.caller(),
                            q.statesAsStrings(), q.nextToken(), q.maxResults());
                    return ListCreateAccountStatusResponse.builder()
                            .createAccountStatuses(page.items().stream().map(OrganizationsShapes::createStatus).toList())
                            .nextToken(page.nextToken()).build();
                });
        api.read("DescribeAccount", DescribeAccountRequest.class, "organizations:DescribeAccount",
                (ctx, q) -> action("DescribeAccount"),
                (ctx, q) -> DescribeAccountResponse.builder()
                        .account(account(org.of(ctx), a.describeAccount(ctx.tx(), ctx.caller(), q.accountId()))).build());
        api.read("ListAccounts", ListAccountsRequest.class, "organizations:ListAccounts",
                (ctx, q) -> action("ListAccounts"),
                (ctx, q) -> {
                    Page<MemberAccount> page = a.listAccounts(ctx.tx(), ctx.caller(), q.nextToken(), q.maxResults());
                    return ListAccountsResponse.builder().accounts(accounts(org.of(ctx), page.items()))
                            .nextToken(page.nextToken()).build();
                });
        api.read("ListAccountsForParent", ListAccountsForParentRequest.class, "organizations:ListAccountsForParent",
                (ctx, q) -> action("ListAccountsForParent"),
                (ctx, q) -> {
                    Page<MemberAccount> page = a.listAccountsForParent(ctx.tx(), ctx.caller(), q.parentId(),
                            q.nextToken(), q.maxResults());
                    return ListAccountsForParentResponse.builder().accounts(accounts(org.of(ctx), page.items()))
                            .nextToken(page.nextToken()).build();
                });
        api.read("ListChildren", ListChildrenRequest.class, "organizations:ListChildren",
                (ctx, q) -> action("ListChildren"),
                (ctx, q) -> {
                    Page<AccountsService.Child> page = a.listChildren(ctx.tx(), ctx.caller(), q.parentId(),
                            q.childTypeAsString(), q.nextToken(), q.maxResults());
                    return ListChildrenResponse.builder()
                            .children(page.items().stream().map(OrganizationsShapes::child).toList())
                            .nextToken(page.nextToken()).build();
                });
        api.read("ListParents", ListParentsRequest.class, "organizations:ListParents",
                (ctx, q) -> action("ListParents"),
                (ctx, q) -> ListParentsResponse.builder().parents(a.listParents(ctx.tx(), ctx.caller(), q.childId())
                        .stream().map(OrganizationsShapes::parent).toList()).build());
        api.write("MoveAccount", MoveAccountRequest.class, "organizations:MoveAccount",
                (ctx, q) -> action("MoveAccount"),
                (ctx, q) -> {
                    a.moveAccount(ctx.tx(), ctx.caller(), q.accountId(), q.sourceParentId(), q.destinationParentId());
                    return MoveAccountResponse.builder().build();
                });
        api.write("RemoveAccountFromOrganization", RemoveAccountFromOrganizationRequest.class,
                "organizations:RemoveAccountFromOrganization", (ctx, q) -> action("RemoveAccountFromOrganization"),
                (ctx, q) -> {
                    a.removeAccountFromOrganization(ctx.tx(), ctx.caller(), q.accountId());
                    return RemoveAccountFromOrganizationResponse.builder().build();
                });

        PolicyOperations.register(api, p, org);
        ServiceAccessOperations.register(api, s, o, org);
        return api.build();
    }

    private static List<Account> accounts(Organization org, List<MemberAccount> accounts) {
        return accounts.stream().map(acc -> account(org, acc)).toList();
    }

    /** The caller's organization, for the ARNs responses carry. */
    @FunctionalInterface
    interface Org {
        Organization of(CallContext ctx);
    }
}
