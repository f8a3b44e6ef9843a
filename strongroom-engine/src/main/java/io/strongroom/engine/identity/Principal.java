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
 */
public record Principal(PrincipalType type, String accountId, String arn, String principalId, String userName,
                        String accessKeyId, String sessionIssuer, Instant sessionCreated,
                        boolean mfaAuthenticated, Map<String, String> tags) {
    public Principal {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public static Principal root(String accountId, String accessKeyId) {
        return new Principal(PrincipalType.ROOT, accountId, "arn:aws:iam::" + accountId + ":root", accountId,
                null, accessKeyId, null, null, false, Map.of());
    }

    public boolean isRoot() {
        return type == PrincipalType.ROOT;
    }
}
