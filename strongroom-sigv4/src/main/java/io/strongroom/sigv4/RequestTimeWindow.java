package io.strongroom.sigv4;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Spec 9.6: a header-signed request must be within 15 minutes of the server clock either way; a
 * presigned URL is good from its X-Amz-Date (allowing the same skew for the signer's clock) until
 * X-Amz-Date + X-Amz-Expires. Both edges are inclusive.
 */
final class RequestTimeWindow {
    private RequestTimeWindow() {
    }

    static void check(ClaimedSignature claimed, Instant wallNow) throws SigV4Exception {
        // AWS's messages print whole seconds; comparing at the same precision keeps them consistent.
        Instant now = wallNow.truncatedTo(ChronoUnit.SECONDS);
        Instant requestTime = claimed.requestTime();
        if (requestTime.isAfter(now.plusMillis(SigV4Errors.MAX_SKEW_MILLIS))) {
            throw SigV4Errors.signatureNotYetCurrent(requestTime, now);
        }
        if (claimed.presigned()) {
            long expires = claimed.expiresSeconds() == null ? 0 : claimed.expiresSeconds();
            Instant expiry = requestTime.plusSeconds(expires);
            if (now.isAfter(expiry)) {
                throw SigV4Errors.presignedExpired(expires, expiry, now);
            }
        } else if (requestTime.isBefore(now.minusMillis(SigV4Errors.MAX_SKEW_MILLIS))) {
            throw SigV4Errors.signatureExpired(requestTime, now);
        }
    }
}
