package io.strongroom.sigv4;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * AWS Signature Version 4 (spec 9), pure: no HTTP library and no clock reads, the caller passes the
 * wall-clock instant. The caller's sequence is {@link #parse}, look up the access key (and session token),
 * then {@link #verify} with that key's secret; S3 chunked bodies go through {@link AwsChunkedDecoder}.
 */
public final class SigV4 {
    private SigV4() {
    }

    /**
     * Empty when the request carries no SigV4 authentication at all; throws when it tries and fails to
     * (MALFORMED_AUTHORIZATION, INCOMPLETE_SIGNATURE, MALFORMED_PRESIGNED_QUERY, INVALID_CREDENTIAL_SCOPE).
     */
    public static Optional<ClaimedSignature> parse(SignableRequest request) throws SigV4Exception {
        String authorization = request.header("authorization");
        QueryParameters query = QueryParameters.parse(request.rawQuery());
        boolean presigned = PresignedQueryParser.attempts(query);
        if (authorization != null && presigned) {
            throw SigV4Errors.bothAuthMechanisms();
        }
        if (authorization != null && SigV2Header.attempts(authorization)) {
            return Optional.of(SigV2Header.parse(authorization, request));
        }
        if (authorization != null) {
            return Optional.of(AuthorizationHeaderParser.parse(authorization, request));
        }
        if (presigned) {
            return Optional.of(PresignedQueryParser.parse(query));
        }
        if (SigV2Presigned.attempts(query)) {
            return Optional.of(SigV2Presigned.parse(query));
        }
        return Optional.empty();
    }

    /**
     * Checks what needs neither the secret nor the clock and must be answered before the access key is looked up:
     * S3's version-2 Authorization header (D131) is S3's alone, every other service answers it as an unsupported
     * mechanism, and it must name a key and a signature and carry a date.
     */
    public static void checkForm(SignableRequest request, ClaimedSignature claimed, boolean s3) throws SigV4Exception {
        if (claimed.version2() && !claimed.presigned()) {
            SigV2Header.checkForm(request, claimed, s3);
        }
    }

    /**
     * Verifies everything that needs the secret and the clock, in the order AWS reports them: scope date
     * and service, request time (or presigned expiry), the x-amz-content-sha256 declaration (S3), the
     * signature, and finally that a hex x-amz-content-sha256 matches the body (S3).
     *
     * @param expectedService the signing name of the service the request was routed to (e.g. "sts")
     * @param s3 true for S3's rules: path signed as sent, payload hash from x-amz-content-sha256
     */
    public static void verify(SignableRequest request, ClaimedSignature claimed, String secretAccessKey,
                              String expectedService, boolean s3, Instant wallNow) throws SigV4Exception {
        if (claimed.version2() && !claimed.presigned()) {
            SigV2Header.verify(request, claimed, secretAccessKey, s3, wallNow);
            return;
        }
        if (claimed.version2()) {
            if (!s3) {
                throw SigV4Errors.wrongService(expectedService);
            }
            SigV2Presigned.verify(request, claimed, secretAccessKey, wallNow);
            return;
        }
        if (!claimed.scope().date().equals(AmzDate.date(claimed.requestTime()))) {
            throw SigV4Errors.scopeDateMismatch();
        }
        if (!claimed.scope().service().equals(expectedService)) {
            throw SigV4Errors.wrongService(expectedService);
        }
        RequestTimeWindow.check(claimed, wallNow);
        String payloadHash = PayloadHash.forVerification(request, claimed, s3);
        CanonicalRequest canonical =
                CanonicalRequest.of(request, claimed.signedHeaders(), payloadHash, s3, claimed.presigned());
        String stringToSign = SigningKey.stringToSign(claimed.requestTime(), claimed.scope(), canonical);
        String expected = SigningKey.derive(secretAccessKey, claimed.scope()).sign(stringToSign);
        if (!Hashing.sameSignature(expected, claimed.signature())) {
            throw SigV4Errors.signatureMismatch(claimed.accessKeyId(), stringToSign, claimed.signature(),
                    canonical.text());
        }
        PayloadHash.checkDeclaredHash(request, s3, claimed.presigned());
    }

    /**
     * For clients and tests: signs a request (header form), returning the Authorization header value. The
     * request must already carry the headers named in {@code signedHeaders} (normally host and x-amz-date).
     * S3's rules apply when the scope's service is "s3".
     */
    public static String authorizationHeader(SignableRequest request, String accessKeyId, String secret,
                                             SignatureScope scope, Instant time, List<String> signedHeaders,
                                             String payloadHash) {
        String signature = signature(request, secret, scope, time, signedHeaders, payloadHash, false);
        return SigningKey.ALGORITHM + " Credential=" + accessKeyId + "/" + scope.credentialScope()
                + ", SignedHeaders=" + String.join(";", signedHeaders) + ", Signature=" + signature;
    }

    /**
     * For clients and tests: the request's query with the presigned-URL parameters appended, ready to be
     * sent as the raw query. The payload is UNSIGNED-PAYLOAD for S3 and the body's hash elsewhere.
     */
    public static String presignedQuery(SignableRequest request, String accessKeyId, String secret,
                                        SignatureScope scope, Instant time, long expiresSeconds,
                                        List<String> signedHeaders, String securityToken) {
        StringBuilder query = new StringBuilder(request.rawQuery() == null ? "" : request.rawQuery());
        appendParameter(query, "X-Amz-Algorithm", SigningKey.ALGORITHM);
        appendParameter(query, "X-Amz-Credential", accessKeyId + "/" + scope.credentialScope());
        appendParameter(query, "X-Amz-Date", AmzDate.format(time));
        appendParameter(query, "X-Amz-Expires", Long.toString(expiresSeconds));
        appendParameter(query, "X-Amz-SignedHeaders", String.join(";", signedHeaders));
        if (securityToken != null) {
            appendParameter(query, "X-Amz-Security-Token", securityToken);
        }
        SignableRequest unsigned = request.withRawQuery(query.toString());
        boolean s3 = isS3(scope);
        String signature = signature(unsigned, secret, scope, time, signedHeaders,
                PayloadHash.forSigning(unsigned, s3, true), true);
        appendParameter(query, CanonicalQuery.SIGNATURE_PARAMETER, signature);
        return query.toString();
    }

    private static String signature(SignableRequest request, String secret, SignatureScope scope, Instant time,
                                    List<String> signedHeaders, String payloadHash, boolean presigned) {
        CanonicalRequest canonical = CanonicalRequest.of(request, signedHeaders, payloadHash, isS3(scope), presigned);
        return SigningKey.derive(secret, scope).sign(SigningKey.stringToSign(time, scope, canonical));
    }

    private static boolean isS3(SignatureScope scope) {
        return scope.service().equals("s3");
    }

    private static void appendParameter(StringBuilder query, String name, String value) {
        if (query.length() > 0) {
            query.append('&');
        }
        query.append(name).append('=').append(Percent.encode(value, false));
    }
}
