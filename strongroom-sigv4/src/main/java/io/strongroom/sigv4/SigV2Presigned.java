package io.strongroom.sigv4;

import java.time.Instant;
import java.util.List;

/**
 * S3's older query-string authentication (signature version 2: {@code AWSAccessKeyId}, {@code Expires},
 * {@code Signature}), which boto3 and the AWS CLI v1 still use for presigned URLs against a custom endpoint (D100).
 * The string to sign is {@link SigV2}'s with the expiry as its date line; headers the signer moved into the query
 * string (the session token, a content type) count as headers.
 */
final class SigV2Presigned {
    private SigV2Presigned() {
    }

    static boolean attempts(QueryParameters query) {
        return query.has("AWSAccessKeyId") || (query.has("Signature") && query.has("Expires"));
    }

    static ClaimedSignature parse(QueryParameters query) throws SigV4Exception {
        String keyId = query.first("AWSAccessKeyId");
        String signature = query.first("Signature");
        String expires = query.first("Expires");
        if (keyId == null || keyId.isEmpty() || signature == null || expires == null) {
            throw SigV4Errors.presignedParametersMissing();
        }
        long expiry;
        try {
            expiry = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            throw SigV4Errors.presignedParametersMissing();
        }
        Instant at = Instant.ofEpochSecond(Math.max(0, Math.min(expiry, 253402300799L)));
        return new ClaimedSignature(keyId, new SignatureScope(AmzDate.date(at), SigV2.REGION, "s3"), List.of(),
                signature, at, query.first("x-amz-security-token"), true, expiry, true);
    }

    /** Checks the expiry against the wall clock, then the signature. */
    static void verify(SignableRequest request, ClaimedSignature claimed, String secretAccessKey, Instant wallNow)
            throws SigV4Exception {
        if (wallNow.getEpochSecond() > claimed.expiresSeconds()) {
            throw SigV4Errors.presignedV2Expired(claimed.requestTime(), wallNow);
        }
        SigV2.checkSignature(claimed, secretAccessKey, stringToSign(request, claimed.expiresSeconds()));
    }

    static String stringToSign(SignableRequest request, long expires) {
        return SigV2.stringToSign(request, true, Long.toString(expires));
    }
}
