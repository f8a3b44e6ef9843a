package io.strongroom.sigv4;

/**
 * Why authentication failed, independent of how a protocol family reports it ({@link AuthErrors} maps
 * each one to the code, status and message of spec 9.8).
 */
public enum AuthFailure {
    /** No SigV4 authentication at all on a service that requires it. */
    MISSING_AUTHENTICATION,
    /** An Authorization header or presigned query that cannot be read as SigV4 at all. */
    MALFORMED_AUTHORIZATION,
    /** An Authorization header lacking Credential, SignedHeaders, Signature, a date or a signed host. */
    INCOMPLETE_SIGNATURE,
    /** A version-2 Authorization header without a readable {@code Date} or {@code x-amz-date} (S3 AccessDenied). */
    MISSING_DATE,
    /** Presigned query parameters missing or out of range (S3 {@code AuthorizationQueryParametersError}). */
    MALFORMED_PRESIGNED_QUERY,
    /** Credential scope with a bad terminator, region or date, or for another service (spec 9.7). */
    INVALID_CREDENTIAL_SCOPE,
    UNKNOWN_ACCESS_KEY,
    INVALID_SESSION_TOKEN,
    EXPIRED_SESSION_TOKEN,
    SIGNATURE_MISMATCH,
    REQUEST_TIME_SKEWED,
    PRESIGNED_EXPIRED,
    /** S3 header auth without {@code x-amz-content-sha256}. */
    MISSING_CONTENT_SHA256,
    /** S3 {@code x-amz-content-sha256} neither a hex SHA-256 nor one of the literals S3 accepts. */
    INVALID_CONTENT_SHA256,
    XAMZ_CONTENT_SHA256_MISMATCH,
    /** An aws-chunked body that does not follow the chunk grammar or its declared decoded length. */
    MALFORMED_CHUNKED_BODY
}
