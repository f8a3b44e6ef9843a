package io.strongroom.dynamodb;

import io.strongroom.dynamodb.codec.DynamoDbCodecs;
import io.strongroom.storage.Collection;
import io.strongroom.storage.ScanPage;
import io.strongroom.storage.ScanQuery;
import io.strongroom.storage.StoredRecord;
import io.strongroom.storage.Tx;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The ClientRequestTokens of TransactWriteItems calls that completed in the last ten minutes (D105), in
 * {@code dynamodb.transaction-tokens} under {@code <account>/<region>/<digest of the token>} (a digest: a token may
 * hold any characters, a store key not), with an index by expiry in {@code dynamodb.transaction-token-expiry}. The
 * SDKs send a fresh token with every call, so each completed call removes a few expired tokens: the collection holds
 * about ten minutes of calls.
 */
final class TransactionTokens {
    static final Duration KEPT = Duration.ofMinutes(10);
    private static final String EXPIRY = "dynamodb.transaction-token-expiry";
    private static final int SWEPT_PER_CALL = 16;

    private final Collection<TransactionToken> tokens = new Collection<>("dynamodb.transaction-tokens",
            DynamoDbCodecs.TRANSACTION_TOKEN);
    private final Clock clock;

    TransactionTokens(Clock clock) {
        this.clock = clock;
    }

    static void validate(String token) {
        if (token != null && token.isEmpty()) {
            throw DynamoDbErrors.constraint(token, "clientRequestToken",
                    "Member must have length greater than or equal to 1");
        }
        if (token != null && token.length() > 36) {
            throw DynamoDbErrors.constraint(token, "clientRequestToken",
                    "Member must have length less than or equal to 36");
        }
    }

    /**
     * True when {@code token} completed a call asking exactly {@code fingerprint} less than ten minutes ago: the call
     * succeeds again without being applied again. A token that completed another request in that time is refused.
     */
    boolean completed(Tx tx, String account, String region, String token, String fingerprint) {
        TransactionToken known = tokens.get(tx, key(account, region, token)).orElse(null);
        if (known == null || !Instant.now(clock).isBefore(known.expires())) {
            return false;
        }
        if (!known.fingerprint().equals(fingerprint)) {
            throw DynamoDbErrors.idempotentParameterMismatch();
        }
        return true;
    }

    /** The call with {@code token} completed now, in the transaction that applied it. */
    void remember(Tx tx, String account, String region, String token, String fingerprint) {
        Instant now = Instant.now(clock);
        forgetExpired(tx, account, region, now);
        Instant expires = now.plus(KEPT);
        String key = key(account, region, token);
        tokens.put(tx, key, new TransactionToken(fingerprint, expires));
        tx.put(EXPIRY, expiryKey(account, region, expires, key), new byte[0], Tx.ANY);
    }

    /** The oldest few expired tokens of the account's Region, a token used again since keeping its new record. */
    private void forgetExpired(Tx tx, String account, String region, Instant now) {
        String prefix = account + "/" + region + "/";
        ScanPage page = tx.scan(ScanQuery.prefix(EXPIRY, prefix, SWEPT_PER_CALL));
        for (StoredRecord r : page.records()) {
            String rest = r.key().substring(prefix.length());
            int slash = rest.indexOf('/');
            Instant expires = Instant.ofEpochMilli(Long.parseLong(rest.substring(0, slash)));
            if (now.isBefore(expires)) {
                return;
            }
            String tokenKey = rest.substring(slash + 1);
            tx.delete(EXPIRY, r.key(), Tx.ANY);
            tokens.get(tx, tokenKey).filter(t -> t.expires().equals(expires)).ifPresent(t -> tokens.delete(tx, tokenKey));
        }
    }

    private static String key(String account, String region, String token) {
        return account + "/" + region + "/" + RequestFingerprint.digest(token);
    }

    /** Milliseconds padded to a fixed width, so that keys sort by expiry. */
    private static String expiryKey(String account, String region, Instant expires, String tokenKey) {
        return account + "/" + region + "/" + String.format("%015d", expires.toEpochMilli()) + "/" + tokenKey;
    }
}
