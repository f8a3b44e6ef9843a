package io.strongroom.iampolicy;

import java.util.regex.Pattern;

/** Which entry of a Principal element names the caller, and how specifically (spec 1.2, 5.2). */
final class PrincipalMatcher {
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    private PrincipalMatcher() {
    }

    static PrincipalMatch match(PrincipalElement element, RequestPrincipal caller) {
        PrincipalMatch best = PrincipalMatch.NONE;
        for (String value : element.values("AWS")) {
            best = best.stronger(aws(value, caller));
        }
        for (String value : element.values("Service")) {
            if (caller.type() == PrincipalType.SERVICE && value.equals(caller.arn())) {
                best = best.stronger(PrincipalMatch.SERVICE);
            }
        }
        for (String value : element.values("Federated")) {
            if (caller.type() == PrincipalType.IDENTITY_PROVIDER && value.equals(caller.arn())) {
                best = best.stronger(PrincipalMatch.FEDERATED);
            }
        }
        for (String value : element.values("CanonicalUser")) {
            if (value.equals(caller.canonicalUserId())) {
                best = best.stronger(PrincipalMatch.CANONICAL_USER);
            }
        }
        return best;
    }

    /** ARNs and ids compare case-sensitively: user and role names in principals are case-sensitive. */
    private static PrincipalMatch aws(String value, RequestPrincipal caller) {
        if (value.equals("*")) {
            return PrincipalMatch.ANYONE;
        }
        PrincipalType type = caller.type();
        if (!type.accountPrincipal()) {
            return PrincipalMatch.NONE;
        }
        if (ACCOUNT.matcher(value).matches()) {
            return value.equals(caller.accountId()) ? PrincipalMatch.ACCOUNT : PrincipalMatch.NONE;
        }
        if (!Arns.isArn(value)) {
            if (value.equals(caller.uniqueId())) {
                return type == PrincipalType.ASSUMED_ROLE ? PrincipalMatch.ROLE : PrincipalMatch.USER;
            }
            return PrincipalMatch.NONE;
        }
        String service = Arns.segment(value, 2);
        String account = Arns.segment(value, 4);
        String resource = Arns.segment(value, 5);
        if (service.equals("iam") && resource.equals("root")) {
            return account.equals(caller.accountId()) ? PrincipalMatch.ACCOUNT : PrincipalMatch.NONE;
        }
        if (service.equals("iam") && resource.startsWith("user/")) {
            if (type == PrincipalType.IAM_USER && value.equals(caller.principalArn())) {
                return PrincipalMatch.USER;
            }
            if (type == PrincipalType.FEDERATED_USER && value.equals(caller.federatingUserArn())) {
                return PrincipalMatch.FEDERATING_USER;
            }
            return PrincipalMatch.NONE;
        }
        if (service.equals("iam") && resource.startsWith("role/")) {
            return type == PrincipalType.ASSUMED_ROLE && value.equals(caller.principalArn())
                    ? PrincipalMatch.ROLE : PrincipalMatch.NONE;
        }
        if (service.equals("sts") && (resource.startsWith("assumed-role/") || resource.startsWith("federated-user/"))) {
            return value.equals(caller.arn()) ? PrincipalMatch.SESSION : PrincipalMatch.NONE;
        }
        return PrincipalMatch.NONE;
    }

    /**
     * Whether a NotPrincipal list exempts the caller. A principal with a permissions boundary is never exempt
     * (documented); how far role and account entries reach is {@link EvaluationOptions}' choice.
     */
    static boolean exempted(PrincipalElement element, RequestPrincipal caller, boolean hasBoundary,
                            EvaluationOptions options) {
        if (hasBoundary) {
            return false;
        }
        PrincipalMatch match = match(element, caller);
        return switch (match) {
            case NONE -> false;
            case ROLE -> options.notPrincipalRoleCoversSessions();
            case ACCOUNT -> options.notPrincipalAccountCoversPrincipals() || caller.type() == PrincipalType.ROOT;
            default -> true;
        };
    }
}
