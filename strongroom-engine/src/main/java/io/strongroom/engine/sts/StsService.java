package io.strongroom.engine.sts;

import io.strongroom.engine.access.Authorizer;
import io.strongroom.engine.access.Decision;
import io.strongroom.engine.iam.IamDirectory;
import io.strongroom.engine.iam.IamRole;
import io.strongroom.engine.iam.MfaVerification;
import io.strongroom.engine.identity.Credential;
import io.strongroom.engine.identity.IdentityService;
import io.strongroom.engine.identity.Principal;
import io.strongroom.engine.identity.PrincipalType;
import io.strongroom.engine.identity.RoleSession;
import io.strongroom.storage.Tx;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The Security Token Service. */
public final class StsService {
    private static final int DEFAULT_SESSION_SECONDS = 43200;
    private static final int MIN_SESSION_SECONDS = 900;
    private static final int MAX_USER_SESSION_SECONDS = 129600;
    private static final int MAX_ROOT_SESSION_SECONDS = 3600;

    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]*");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::\\d{12}:role/.+");
    private static final int CHAINED_MAX_SECONDS = 3600;
    private static final int DEFAULT_ROLE_SESSION_SECONDS = 3600;

    private final IdentityService identity;
    private final IamDirectory iam;
    private final Authorizer authorizer;
    private final Clock clock;

    public StsService(IdentityService identity, IamDirectory iam, Authorizer authorizer, Clock clock) {
        this.identity = identity;
        this.iam = iam;
        this.authorizer = authorizer;
        this.clock = clock;
    }

    /** The account an access key belongs to, whoever asks (GetAccessKeyInfo). */
    public String accessKeyAccount(Tx tx, String accessKeyId) {
        if (accessKeyId == null || accessKeyId.length() < 16 || accessKeyId.length() > 128
                || !accessKeyId.matches("[\\w]*")) {
            throw StsErrors.validation("accessKeyId", accessKeyId,
                    "Member must satisfy regular expression pattern: [\\w]*");
        }
        return identity.credential(tx, accessKeyId).map(c -> c.principal().accountId())
                .orElseThrow(() -> StsErrors.accessDenied("The access key ID " + accessKeyId
                        + " does not exist in our records."));
    }

    /** Needs no permission and cannot be denied: it only tells the caller who they are. */
    public CallerIdentity getCallerIdentity(Principal caller) {
        return new CallerIdentity(caller.accountId(), caller.arn(), caller.principalId());
    }

    /**
     * Temporary credentials acting as the calling user or root. Only long-term keys may ask; a root
     * session is silently capped at one hour, as AWS does.
     */
    public Credential getSessionToken(Tx tx, Principal caller, Integer durationSeconds, String mfaSerialNumber,
                                      String mfaTokenCode) {
        if (caller.sessionCreated() != null) {
            throw StsErrors.sessionCredentialsCannotGetSessionToken();
        }
        if ((mfaSerialNumber == null) != (mfaTokenCode == null)) {
            throw StsErrors.mfaIncomplete();
        }
        boolean mfa = false;
        if (mfaSerialNumber != null) {
            if (caller.type() != PrincipalType.IAM_USER) {
                throw StsErrors.mfaUnknownDevice();
            }
            switch (iam.verifyMfa(tx, caller.arn(), mfaSerialNumber, mfaTokenCode, Instant.now(clock))) {
                case VALID -> mfa = true;
                case UNKNOWN_DEVICE -> throw StsErrors.mfaUnknownDevice();
                default -> throw StsErrors.mfaInvalidCode();
            }
        }
        int seconds = durationSeconds == null ? DEFAULT_SESSION_SECONDS : durationSeconds;
        if (seconds < MIN_SESSION_SECONDS) {
            throw StsErrors.durationTooShort(seconds);
        }
        if (seconds > MAX_USER_SESSION_SECONDS) {
            throw StsErrors.durationTooLong(seconds);
        }
        if (caller.isRoot()) {
            seconds = Math.min(seconds, MAX_ROOT_SESSION_SECONDS);
        }
        return identity.createSessionCredential(tx, caller, Duration.ofSeconds(seconds), mfa);
    }

    /**
     * Issues a role session when the role's trust policy and the caller's own permissions allow it
     * (spec 6.1-6.6): MFA checked as TOTP against the calling user's device, session tags over role tags,
     * transitive tags and source identity carried through chains, the one-hour chaining limit.
     */
    public AssumedRole assumeRole(Tx tx, Principal caller, AssumeRoleInput in) {
        validate(in);
        if (caller.isRoot()) {
            throw StsErrors.rootCannotAssumeRoles();
        }
        String denied = "User: " + caller.arn() + " is not authorized to perform: sts:AssumeRole on resource: "
                + in.roleArn();
        IamRole role = iam.roleByArn(tx, in.roleArn()).orElseThrow(() -> StsErrors.accessDenied(denied));
        Instant now = Instant.now(clock);
        boolean chained = caller.roleSession() != null;
        Boolean mfaPresent = mfaOfCall(tx, caller, in, now);
        Map<String, List<String>> context = context(caller, in, mfaPresent, now);
        Decision decision = authorizer.authorizeAssumeRole(tx, caller, role, context);
        if (!decision.allowed()) {
            throw StsErrors.accessDenied(decision.message());
        }
        // Passing tags or setting a source identity are permissions of their own in the trust policy.
        if (!in.tags().isEmpty() || !in.transitiveTagKeys().isEmpty()) {
            Decision tagging = authorizer.authorizeRoleAction(tx, caller, role, context, "sts:TagSession");
            if (!tagging.allowed()) {
                throw StsErrors.accessDenied(tagging.message());
            }
        }
        if (in.sourceIdentity() != null && (caller.roleSession() == null || caller.roleSession().sourceIdentity() == null)) {
            Decision identitySetting = authorizer.authorizeRoleAction(tx, caller, role, context, "sts:SetSourceIdentity");
            if (!identitySetting.allowed()) {
                throw StsErrors.accessDenied(identitySetting.message());
            }
        }
        int seconds = in.durationSeconds() == null ? DEFAULT_ROLE_SESSION_SECONDS : in.durationSeconds();
        if (chained && in.durationSeconds() != null && seconds > CHAINED_MAX_SECONDS) {
            throw StsErrors.durationExceedsChainingLimit();
        }
        if (seconds > role.maxSessionDuration()) {
            throw StsErrors.durationExceedsRoleMaximum();
        }
        RoleSession inherited = caller.roleSession();
        String sourceIdentity = inherited != null && inherited.sourceIdentity() != null
                ? inherited.sourceIdentity() : in.sourceIdentity();
        Map<String, String> tags = sessionTags(role, caller, in);
        Set<String> transitive = new HashSet<>(in.transitiveTagKeys());
        if (inherited != null) {
            transitive.addAll(inherited.transitiveTagKeys());
        }
        List<String> sessionPolicies = in.policy() == null ? List.of() : List.of(in.policy());
        String sessionArn = "arn:aws:sts::" + role.accountId() + ":assumed-role/" + role.name() + "/"
                + in.roleSessionName();
        Principal session = new Principal(PrincipalType.ASSUMED_ROLE, role.accountId(), sessionArn,
                role.roleId() + ":" + in.roleSessionName(), in.roleSessionName(), null, role.arn(), now,
                Boolean.TRUE.equals(mfaPresent), tags,
                new RoleSession(role.arn(), role.name(), role.roleId(), sourceIdentity, transitive, sessionPolicies,
                        chained, Boolean.TRUE.equals(mfaPresent), now));
        Credential credential = identity.issueTemporaryCredential(tx, session, now.plusSeconds(seconds));
        Integer packed = in.policy() != null || !in.policyArns().isEmpty() || !in.tags().isEmpty()
                ? Math.max(1, (in.policy() == null ? 0 : in.policy().length()) * 100 / 2048) : null;
        return new AssumedRole(credential, session.principalId(), sessionArn, packed, sourceIdentity);
    }

    private static void validate(AssumeRoleInput in) {
        if (in.roleArn() == null || in.roleArn().length() < 20 || in.roleArn().length() > 2048) {
            throw StsErrors.validation("roleArn", in.roleArn(), "Member must have length greater than or equal to 20");
        }
        String name = in.roleSessionName();
        if (name == null || name.length() < 2) {
            throw StsErrors.validation("roleSessionName", name, "Member must have length greater than or equal to 2");
        }
        if (name.length() > 64) {
            throw StsErrors.validation("roleSessionName", name, "Member must have length less than or equal to 64");
        }
        if (!SESSION_NAME.matcher(name).matches()) {
            throw StsErrors.validation("roleSessionName", name,
                    "Member must satisfy regular expression pattern: [\\w+=,.@-]*");
        }
        if (in.durationSeconds() != null && in.durationSeconds() < 900) {
            throw StsErrors.validation("durationSeconds", in.durationSeconds(),
                    "Member must have value greater than or equal to 900");
        }
        if (in.durationSeconds() != null && in.durationSeconds() > 43200) {
            throw StsErrors.validation("durationSeconds", in.durationSeconds(),
                    "Member must have value less than or equal to 43200");
        }
        if (in.sourceIdentity() != null && in.sourceIdentity().toLowerCase(Locale.ROOT).startsWith("aws:")) {
            throw StsErrors.validation("sourceIdentity", in.sourceIdentity(), "Member must not start with 'aws:'");
        }
        if (in.tags().size() > 50) {
            throw StsErrors.validation("tags", in.tags().size() + " tags", "Member must have length less than or equal to 50");
        }
        if (!ROLE_ARN.matcher(in.roleArn()).matches()) {
            throw StsErrors.validation("roleArn", in.roleArn(), "Member must satisfy the role ARN pattern");
        }
    }

    /**
     * Whether MFA accompanies this call: from SerialNumber/TokenCode on it (verified now), else from
     * GetSessionToken-with-MFA credentials; null when nothing says (long-term keys, role sessions).
     */
    private Boolean mfaOfCall(Tx tx, Principal caller, AssumeRoleInput in, Instant now) {
        if ((in.serialNumber() == null) != (in.tokenCode() == null)) {
            throw StsErrors.mfaIncomplete();
        }
        if (in.serialNumber() != null) {
            if (caller.type() != PrincipalType.IAM_USER) {
                throw StsErrors.mfaUnknownDevice();
            }
            MfaVerification result = iam.verifyMfa(tx, caller.arn(), in.serialNumber(), in.tokenCode(), now);
            switch (result) {
                case VALID -> {
                    return true;
                }
                case UNKNOWN_DEVICE -> throw StsErrors.mfaUnknownDevice();
                default -> throw StsErrors.mfaInvalidCode();
            }
        }
        if (caller.roleSession() != null) {
            return false;
        }
        return caller.sessionCreated() != null ? caller.mfaAuthenticated() : null;
    }

    private Map<String, List<String>> context(Principal caller, AssumeRoleInput in, Boolean mfaPresent, Instant now) {
        Map<String, List<String>> c = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (mfaPresent != null) {
            c.put("aws:MultiFactorAuthPresent", List.of(mfaPresent.toString()));
            if (mfaPresent) {
                c.put("aws:MultiFactorAuthAge", List.of(in.serialNumber() != null ? "0"
                        : Long.toString(Duration.between(caller.sessionCreated(), now).toSeconds())));
            }
        }
        if (in.externalId() != null) {
            c.put("sts:ExternalId", List.of(in.externalId()));
        }
        c.put("sts:RoleSessionName", List.of(in.roleSessionName()));
        String sourceIdentity = caller.roleSession() != null && caller.roleSession().sourceIdentity() != null
                ? caller.roleSession().sourceIdentity() : in.sourceIdentity();
        if (sourceIdentity != null) {
            c.put("sts:SourceIdentity", List.of(sourceIdentity));
        }
        in.tags().forEach((k, v) -> c.put("aws:RequestTag/" + k, List.of(v)));
        if (!in.tags().isEmpty()) {
            c.put("aws:TagKeys", new ArrayList<>(in.tags().keySet()));
        }
        if (!in.transitiveTagKeys().isEmpty()) {
            c.put("sts:TransitiveTagKeys", in.transitiveTagKeys());
        }
        if (in.sourceIp() != null) {
            c.put("aws:SourceIp", List.of(in.sourceIp()));
        }
        return c;
    }

    /**
     * The session's principal tags: the role's own tags, overridden by transitive tags inherited through
     * a chain, overridden by this call's session tags (keys compared without case, as IAM does).
     */
    private static Map<String, String> sessionTags(IamRole role, Principal caller, AssumeRoleInput in) {
        Map<String, String> tags = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (role.tags() != null) {
            role.tags().forEach(t -> tags.put(t.key(), t.value()));
        }
        if (caller.roleSession() != null) {
            for (String key : caller.roleSession().transitiveTagKeys()) {
                if (caller.tags().containsKey(key)) {
                    tags.put(key, caller.tags().get(key));
                }
            }
        }
        tags.putAll(in.tags());
        return tags;
    }
}
