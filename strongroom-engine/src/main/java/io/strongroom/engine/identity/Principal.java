package io.strongroom.engine.identity;

import java.time.Instant;
import java.util.Map;

/**
 * Who is calling, as policies and the audit trail see them.
 *
 * @param principalId  the unique id ({@code AIDA...}, {@code AROA...:session}, or the account id for root)
 * @param userName     the user or role-session name; null for root
 * @param accessKeyId  the key the call was signed with; null for the engine's own calls
 * @param sessionIssuer for temporary credentials: the ARN of the user or role that issued them, else null
 * @param sessionCreated when temporary credentials were issued, else null
 * @param roleSession  for an assumed-role session, the role and session details; else null
 */
public record Principal(PrincipalType type, String accountId, String arn, String principalId, String userName,
                        String accessKeyId, String sessionIssuer, Instant sessionCreated,
                        boolean mfaAuthenticated, Map<String, String> tags, RoleSession roleSession) {
    public Principal {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public Principal(PrincipalType type, String accountId, String arn, String principalId, String userName,
                     String accessKeyId, String sessionIssuer, Instant sessionCreated, boolean mfaAuthenticated,
                     Map<String, String> tags) {
        this(type, accountId, arn, principalId, userName, accessKeyId, sessionIssuer, sessionCreated,
                mfaAuthenticated, tags, null);
    }

    public Principal withAccessKey(String keyId) {
        return new Principal(type, accountId, arn, principalId, userName, keyId, sessionIssuer, sessionCreated,
                mfaAuthenticated, tags, roleSession);
    }

    /** The ARN policies see as aws:PrincipalArn: a role session's role (with its path), else the caller. */
    public String principalArn() {
        return roleSession != null ? roleSession.roleArn() : arn;
    }

    /** An IAM user. */
    public static Principal user(String accountId, String arn, String userId, String userName, String accessKeyId,
                                 Map<String, String> tags) {
        return new Principal(PrincipalType.IAM_USER, accountId, arn, userId, userName, accessKeyId, null, null, false,
                tags, null);
    }

    public static Principal root(String accountId, String accessKeyId) {
        return new Principal(PrincipalType.ROOT, accountId, "arn:aws:iam::" + accountId + ":root", accountId,
                null, accessKeyId, null, null, false, Map.of());
    }

    /**
     * A session an AWS service opens on a role of the account to act in it (AWS Backup running a job as the job's
     * role, writing a report as its service-linked role): no MFA, no session tags, no session policies.
     */
    public static Principal serviceRoleSession(String accountId, String roleArn, String roleName, String roleId,
                                               String sessionName, Instant issued) {
        return new Principal(PrincipalType.ASSUMED_ROLE, accountId,
                "arn:aws:sts::" + accountId + ":assumed-role/" + roleName + "/" + sessionName,
                roleId + ":" + sessionName, sessionName, null, roleArn, issued, false, Map.of(),
                new RoleSession(roleArn, roleName, roleId, null, null, null, false, false, issued));
    }

    public boolean isRoot() {
        return type == PrincipalType.ROOT;
    }
}
