package io.strongroom.api.organizations;

import io.strongroom.api.AccessRequirement;
import io.strongroom.api.ServiceApi;
import io.strongroom.engine.organizations.OrganizationsService;
import io.strongroom.engine.organizations.Organization;
import io.strongroom.engine.organizations.ServiceAccessService;
import software.amazon.awssdk.services.organizations.model.*;

import static io.strongroom.api.organizations.OrganizationsShapes.*;

/** Trusted access, delegated administrators and tagging. */
final class ServiceAccessOperations {
    private ServiceAccessOperations() {
    }

    private static AccessRequirement action(String operation) {
        return AccessRequirement.of("organizations:" + operation, "*");
    }

    static void register(ServiceApi.Builder api, ServiceAccessService s, OrganizationsService o, OrganizationsApi.Org org) {
        api.write("EnableAWSServiceAccess", EnableAwsServiceAccessRequest.class, "organizations:EnableAWSServiceAccess",
                (ctx, q) -> action("EnableAWSServiceAccess"),
                (ctx, q) -> {
                    s.enableAwsServiceAccess(ctx.tx(), ctx.caller(), q.servicePrincipal());
                    return EnableAwsServiceAccessResponse.builder().build();
                });
        api.write("DisableAWSServiceAccess", DisableAwsServiceAccessRequest.class,
                "organizations:DisableAWSServiceAccess", (ctx, q) -> action("DisableAWSServiceAccess"),
                (ctx, q) -> {
                    s.disableAwsServiceAccess(ctx.tx(), ctx.caller(), q.servicePrincipal());
                    return DisableAwsServiceAccessResponse.builder().build();
                });
        api.read("ListAWSServiceAccessForOrganization", ListAwsServiceAccessForOrganizationRequest.class,
                "organizations:ListAWSServiceAccessForOrganization",
                (ctx, q) -> action("ListAWSServiceAccessForOrganization"),
                (ctx, q) -> ListAwsServiceAccessForOrganizationResponse.builder()
                        .enabledServicePrincipals(s.listAwsServiceAccess(ctx.tx(), ctx.caller()).entrySet().stream()
                                .map(e -> EnabledServicePrincipal.builder().servicePrincipal(e.getKey())
                                        .dateEnabled(e.getValue()).build())
                                .toList())
                        .build());
        api.write("RegisterDelegatedAdministrator", RegisterDelegatedAdministratorRequest.class,
                "organizations:RegisterDelegatedAdministrator", (ctx, q) -> action("RegisterDelegatedAdministrator"),
                (ctx, q) -> {
                    s.registerDelegatedAdministrator(ctx.tx(), ctx.caller(), q.accountId(), q.servicePrincipal());
                    return RegisterDelegatedAdministratorResponse.builder().build();
                });
        api.write("DeregisterDelegatedAdministrator", DeregisterDelegatedAdministratorRequest.class,
                "organizations:DeregisterDelegatedAdministrator",
                (ctx, q) -> action("DeregisterDelegatedAdministrator"),
                (ctx, q) -> {
                    s.deregisterDelegatedAdministrator(ctx.tx(), ctx.caller(), q.accountId(), q.servicePrincipal());
                    return DeregisterDelegatedAdministratorResponse.builder().build();
                });
        api.read("ListDelegatedAdministrators", ListDelegatedAdministratorsRequest.class,
                "organizations:ListDelegatedAdministrators", (ctx, q) -> action("ListDelegatedAdministrators"),
                (ctx, q) -> {
                    Organization current = org.of(ctx);
                    return ListDelegatedAdministratorsResponse.builder().delegatedAdministrators(
                            s.listDelegatedAdministrators(ctx.tx(), ctx.caller(), q.servicePrincipal()).stream()
                                    .map(d -> DelegatedAdministrator.builder().id(d.account().id())
                                            .arn(current.accountArn(d.account().id())).email(d.account().email())
                                            .name(d.account().name()).status(d.account().state())
                                            .state(d.account().state()).joinedMethod(d.account().joinedMethod())
                                            .joinedTimestamp(d.account().joinedTimestamp())
                                            .delegationEnabledDate(d.since()).build())
                                    .distinct().toList())
                            .build();
                });
        api.read("ListDelegatedServicesForAccount", ListDelegatedServicesForAccountRequest.class,
                "organizations:ListDelegatedServicesForAccount", (ctx, q) -> action("ListDelegatedServicesForAccount"),
                (ctx, q) -> ListDelegatedServicesForAccountResponse.builder().delegatedServices(
                        s.listDelegatedServicesForAccount(ctx.tx(), ctx.caller(), q.accountId()).stream()
                                .map(d -> DelegatedService.builder().servicePrincipal(d.servicePrincipal())
                                        .delegationEnabledDate(d.since()).build())
                                .toList()).build());
        api.write("TagResource", TagResourceRequest.class, "organizations:TagResource",
                (ctx, q) -> action("TagResource"),
                (ctx, q) -> {
                    o.tagResource(ctx.tx(), ctx.caller(), q.resourceId(), tags(q.tags()));
                    return TagResourceResponse.builder().build();
                });
        api.write("UntagResource", UntagResourceRequest.class, "organizations:UntagResource",
                (ctx, q) -> action("UntagResource"),
                (ctx, q) -> {
                    o.untagResource(ctx.tx(), ctx.caller(), q.resourceId(), q.tagKeys());
                    return UntagResourceResponse.builder().build();
                });
        api.read("ListTagsForResource", ListTagsForResourceRequest.class, "organizations:ListTagsForResource",
                (ctx, q) -> action("ListTagsForResource"),
                (ctx, q) -> ListTagsForResourceResponse.builder()
                        .tags(sdkTags(o.listTagsForResource(ctx.tx(), ctx.caller(), q.resourceId()))).build());
    }
}
