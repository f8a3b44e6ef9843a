package io.strongroom.sigv4;

import java.time.Instant;
import java.util.List;

/** The {@code X-Amz-*} query parameters of a presigned URL (spec 9.1). */
final class PresignedQueryParser {
    static final long MAX_EXPIRES_SECONDS = 604_800;
    private static final List<String> REQUIRED = List.of("X-Amz-Algorithm", "X-Amz-Credential",
            "X-Amz-Signature", "X-Amz-Date", "X-Amz-SignedHeaders", "X-Amz-Expires");

    private PresignedQueryParser() {
    }

    /** True when the query tries to authenticate, even if it then fails to. */
    static boolean attempts(QueryParameters query) {
        return query.has("X-Amz-Algorithm") || query.has("X-Amz-Credential") || query.has("X-Amz-Signature");
    }

    static ClaimedSignature parse(QueryParameters query) throws SigV4Exception {
        for (String name : REQUIRED) {
            if (query.first(name) == null || query.first(name).isEmpty()) {
                throw SigV4Errors.presignedParametersMissing();
            }
        }
        if (!query.first("X-Amz-Algorithm").equals(SigningKey.ALGORITHM)) {
            throw SigV4Errors.presignedAlgorithm();
        }
        CredentialParser.Credential credential = CredentialParser.parse(query.first("X-Amz-Credential"), true);
        Instant requestTime = AmzDate.parseBasic(query.first("X-Amz-Date"))
                .orElseThrow(SigV4Errors::presignedDate);
        long expires = expires(query.first("X-Amz-Expires"));
        List<String> signedHeaders = SignedHeaderList.parse(query.first("X-Amz-SignedHeaders"));
        return new ClaimedSignature(credential.accessKeyId(), credential.scope(), signedHeaders,
                query.first("X-Amz-Signature"), requestTime, query.first("X-Amz-Security-Token"), true, expires);
    }

    private static long expires(String value) throws SigV4Exception {
        long expires;
        try {
            expires = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw SigV4Errors.expiresNotANumber();
        }
        if (expires < 0) {
            throw SigV4Errors.expiresNegative();
        }
        if (expires > MAX_EXPIRES_SECONDS) {
            throw SigV4Errors.expiresTooLong();
        }
        return expires;
    }
}
