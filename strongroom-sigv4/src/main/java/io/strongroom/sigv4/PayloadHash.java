package io.strongroom.sigv4;

import java.util.Set;

/** The last line of the canonical request (spec 9.2 "Hashed payload"). */
final class PayloadHash {
    static final String CONTENT_SHA256_HEADER = "x-amz-content-sha256";
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    static final String STREAMING_SIGNED = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    static final String STREAMING_SIGNED_TRAILER = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
    static final String STREAMING_UNSIGNED_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
    private static final Set<String> S3_LITERALS =
            Set.of(UNSIGNED_PAYLOAD, STREAMING_SIGNED, STREAMING_SIGNED_TRAILER, STREAMING_UNSIGNED_TRAILER);

    private PayloadHash() {
    }

    /**
     * S3 signs whatever the client declared in x-amz-content-sha256 (the body may be streamed, unsigned
     * or chunk-signed) and checks the declaration against the body separately; presigned S3 URLs sign
     * UNSIGNED-PAYLOAD. Every other service signs the hash of the body it received.
     */
    static String forVerification(SignableRequest request, ClaimedSignature claimed, boolean s3)
            throws SigV4Exception {
        if (!s3) {
            return bodyHash(request);
        }
        if (claimed.presigned()) {
            return UNSIGNED_PAYLOAD;
        }
        String declared = request.header(CONTENT_SHA256_HEADER);
        if (declared == null) {
            throw SigV4Errors.missingContentSha256();
        }
        if (!S3_LITERALS.contains(declared) && !Hashing.isSha256Hex(declared)) {
            throw SigV4Errors.invalidContentSha256();
        }
        return declared;
    }

    static String forSigning(SignableRequest request, boolean s3, boolean presigned) {
        if (s3 && presigned) {
            return UNSIGNED_PAYLOAD;
        }
        String declared = s3 ? request.header(CONTENT_SHA256_HEADER) : null;
        return declared != null ? declared : bodyHash(request);
    }

    static String bodyHash(SignableRequest request) {
        return request.body() == null ? Hashing.EMPTY_SHA256 : Hashing.sha256Hex(request.body());
    }

    /** After the signature holds: a hex declaration must be the hash of the bytes actually sent. */
    static void checkDeclaredHash(SignableRequest request, boolean s3, boolean presigned) throws SigV4Exception {
        String declared = request.header(CONTENT_SHA256_HEADER);
        if (!s3 || presigned || request.body() == null || !Hashing.isSha256Hex(declared)) {
            return;
        }
        String computed = Hashing.sha256Hex(request.body());
        if (!computed.equalsIgnoreCase(declared)) {
            throw SigV4Errors.contentSha256Mismatch(declared, computed);
        }
    }
}
