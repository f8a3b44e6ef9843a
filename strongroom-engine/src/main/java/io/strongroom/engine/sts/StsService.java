package io.strongroom.engine.sts;

import io.strongroom.engine.identity.Credential;
import io.strongroom.engine.identity.IdentityService;
import io.strongroom.engine.identity.Principal;
import io.strongroom.storage.Tx;

import java.time.Duration;

/** The Security Token Service. */
public final class StsService {
    private static final int DEFAULT_SESSION_SECONDS = 43200;
    private static final int MIN_SESSION_SECONDS = 900;
    private static final int MAX_USER_SESSION_SECONDS = 129600;
    private static final int MAX_ROOT_SESSION_SECONDS = 3600;

    private final IdentityService identity;

    public StsService(IdentityService identity) {
        this.identity = identity;
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
        if (mfaSerialNumber != null) {
            // No MFA device can be associated with a caller yet, so every serial number is unknown.
            throw StsErrors.mfaUnknownDevice();
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
        return identity.createSessionCredential(tx, caller, Duration.ofSeconds(seconds));
    }
}
