package io.strongroom.iampolicy;

import java.util.Map;

/**
 * The caller as policies see it (spec 3.1, 5.2).
 *
 * @param type              kind of caller
 * @param accountId         the caller's account (a role session's is the role's); null for service principals,
 *                          identity-provider callers and anonymous
 * @param arn               the ARN AccessDenied names: the {@code sts} session ARN for role sessions, the user ARN,
 *                          the root ARN; the service name or provider for those; {@code anonymous}
 * @param principalArn      {@code aws:PrincipalArn}: for role sessions the role ARN with its path
 * @param userId            {@code aws:userid}
 * @param uniqueId          the user's {@code AIDA...} or role's {@code AROA...} id, which trust policies store
 * @param federatingUserArn for {@link PrincipalType#FEDERATED_USER}: the IAM user who called GetFederationToken
 * @param serviceLinkedRole a session of a role under {@code /aws-service-role/}: exempt from SCPs
 * @param tags              {@code aws:PrincipalTag/*}: user tags, or role tags merged with session tags
 * @param managementAccount the caller's account is its organization's management account: exempt from SCPs
 * @param organizationId    the caller's organization, null outside one
 * @param canonicalUserId   the S3 canonical user id, when known
 */
public record RequestPrincipal(PrincipalType type, String accountId, String arn, String principalArn, String userId,
                               String uniqueId, String federatingUserArn, boolean serviceLinkedRole,
                               Map<String, String> tags, boolean managementAccount, String organizationId,
                               String canonicalUserId) {
    public RequestPrincipal {
        if (type == null || arn == null) {
            throw new IllegalArgumentException("a principal needs a type and an ARN");
        }
        if (type.accountPrincipal() && accountId == null) {
            throw new IllegalArgumentException("an account principal needs its account id");
        }
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public static RequestPrincipal root(String accountId) {
        String arn = "arn:aws:iam::" + accountId + ":root";
        return new RequestPrincipal(PrincipalType.ROOT, accountId, arn, arn, accountId, null, null, false, Map.of(),
                false, null, null);
    }

    public static RequestPrincipal user(String userArn, String uniqueId) {
        return new RequestPrincipal(PrincipalType.IAM_USER, Arns.segment(userArn, 4), userArn, userArn, uniqueId,
                uniqueId, null, false, Map.of(), false, null, null);
    }

    /** A session of {@code roleArn}; the session ARN drops the role's path (spec 5.1). */
    public static RequestPrincipal roleSession(String roleArn, String sessionName, String roleUniqueId) {
        String account = Arns.segment(roleArn, 4);
        String resource = Arns.segment(roleArn, 5);
        String roleName = resource.substring(resource.lastIndexOf('/') + 1);
        String sessionArn = "arn:" + Arns.segment(roleArn, 1) + ":sts::" + account + ":assumed-role/" + roleName + "/"
                + sessionName;
        return new RequestPrincipal(PrincipalType.ASSUMED_ROLE, account, sessionArn, roleArn,
                roleUniqueId + ":" + sessionName, roleUniqueId, null, resource.startsWith("role/aws-service-role/"),
                Map.of(), false, null, null);
    }

    public static RequestPrincipal federatedUser(String accountId, String name, String federatingUserArn) {
        String arn = "arn:aws:sts::" + accountId + ":federated-user/" + name;
        return new RequestPrincipal(PrincipalType.FEDERATED_USER, accountId, arn, arn, accountId + ":" + name, null,
                federatingUserArn, false, Map.of(), false, null, null);
    }

    public static RequestPrincipal service(String serviceName) {
        return new RequestPrincipal(PrincipalType.SERVICE, null, serviceName, null, null, null, null, false, Map.of(),
                false, null, null);
    }

    /** A SAML provider ARN or OIDC provider (as a {@code "Federated"} principal names it). */
    public static RequestPrincipal identityProvider(String provider) {
        return new RequestPrincipal(PrincipalType.IDENTITY_PROVIDER, null, provider, null, null, null, null, false,
                Map.of(), false, null, null);
    }

    public static RequestPrincipal anonymous() {
        return new RequestPrincipal(PrincipalType.ANONYMOUS, null, "anonymous", null, "anonymous", null, null, false,
                Map.of(), false, null, null);
    }

    public RequestPrincipal withTags(Map<String, String> value) {
        return new RequestPrincipal(type, accountId, arn, principalArn, userId, uniqueId, federatingUserArn,
                serviceLinkedRole, value, managementAccount, organizationId, canonicalUserId);
    }

    public RequestPrincipal withOrganization(String value, boolean isManagementAccount) {
        return new RequestPrincipal(type, accountId, arn, principalArn, userId, uniqueId, federatingUserArn,
                serviceLinkedRole, tags, isManagementAccount, value, canonicalUserId);
    }

    public RequestPrincipal withServiceLinkedRole(boolean value) {
        return new RequestPrincipal(type, accountId, arn, principalArn, userId, uniqueId, federatingUserArn, value,
                tags, managementAccount, organizationId, canonicalUserId);
    }

    public RequestPrincipal withCanonicalUserId(String value) {
        return new RequestPrincipal(type, accountId, arn, principalArn, userId, uniqueId, federatingUserArn,
                serviceLinkedRole, tags, managementAccount, organizationId, value);
    }

    /** {@code aws:username}: the friendly name, for IAM users only. */
    String userName() {
        if (type != PrincipalType.IAM_USER) {
            return null;
        }
        return arn.substring(arn.lastIndexOf('/') + 1);
    }
}
