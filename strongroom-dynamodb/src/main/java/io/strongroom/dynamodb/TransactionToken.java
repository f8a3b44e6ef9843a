package io.strongroom.dynamodb;

import java.time.Instant;

/**
 * A ClientRequestToken a TransactWriteItems call completed with: the digest of what the call asked
 * ({@link RequestFingerprint}) and when the token stops naming it.
 */
public record TransactionToken(String fingerprint, Instant expires) {
}
