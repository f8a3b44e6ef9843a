package io.strongroom.sigv4;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every authentication message text (wording from spec 9 and AWS's own responses), in one place. */
final class SigV4Errors {
    static final String CREDENTIAL_FORMAT = "\"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\"";
    static final long MAX_SKEW_MILLIS = 900_000;

    private SigV4Errors() {
    }

    static SigV4Exception bothAuthMechanisms() {
        return new SigV4Exception(AuthFailure.MALFORMED_AUTHORIZATION, "Only one auth mechanism allowed; only the"
                + " X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header"
                + " should be specified");
    }

    static SigV4Exception unsupportedAlgorithm() {
        return new SigV4Exception(AuthFailure.MALFORMED_AUTHORIZATION,
                "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.");
    }

    static SigV4Exception malformedV2Header() {
        return new SigV4Exception(AuthFailure.MALFORMED_AUTHORIZATION,
                "AWS authorization header is invalid.  Expected AwsAccessKeyId:signature");
    }

    static SigV4Exception v2DateMissing() {
        return new SigV4Exception(AuthFailure.MISSING_DATE, "AWS authentication requires a valid Date or x-amz-date"
                + " header");
    }

    static SigV4Exception missingEqualSign(String pair, String header) {
        return new SigV4Exception(AuthFailure.MALFORMED_AUTHORIZATION,
                "'" + pair + "' not a valid key=value pair (missing equal-sign) in Authorization header: '"
                        + header + "'.");
    }

    /** AWS lists every missing part, one sentence each, then echoes the header. */
    static SigV4Exception incompleteHeader(List<String> missing, String header) {
        StringBuilder message = new StringBuilder();
        for (String part : missing) {
            message.append(part.equals("date")
                    ? "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
                    : "Authorization header requires '" + part + "' parameter. ");
        }
        message.append("Authorization=").append(header);
        return new SigV4Exception(AuthFailure.INCOMPLETE_SIGNATURE, message.toString());
    }

    static SigV4Exception badAmzDate(String value) {
        return new SigV4Exception(AuthFailure.INCOMPLETE_SIGNATURE, "Date must be in ISO-8601 'basic format'. Got '"
                + value + "'. See http://en.wikipedia.org/wiki/ISO_8601");
    }

    static SigV4Exception hostNotSigned() {
        return new SigV4Exception(AuthFailure.INCOMPLETE_SIGNATURE,
                "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }

    static SigV4Exception malformedCredential(boolean presigned) {
        return presigned
                ? new SigV4Exception(AuthFailure.MALFORMED_PRESIGNED_QUERY, "Error parsing the X-Amz-Credential"
                        + " parameter; the Credential is mal-formed; expecting " + CREDENTIAL_FORMAT + ".")
                : new SigV4Exception(AuthFailure.MALFORMED_AUTHORIZATION, "The authorization header is malformed;"
                        + " the Credential is mal-formed; expecting " + CREDENTIAL_FORMAT + ".");
    }

    static SigV4Exception badTerminator() {
        return new SigV4Exception(AuthFailure.INVALID_CREDENTIAL_SCOPE,
                "Credential should be scoped with a valid terminator: 'aws4_request'");
    }

    static SigV4Exception badRegion(String region) {
        return new SigV4Exception(AuthFailure.INVALID_CREDENTIAL_SCOPE,
                "Credential should be scoped to a valid Region, not " + region);
    }

    static SigV4Exception scopeDateMismatch() {
        return new SigV4Exception(AuthFailure.INVALID_CREDENTIAL_SCOPE,
                "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP");
    }

    static SigV4Exception wrongService(String expectedService) {
        return new SigV4Exception(AuthFailure.INVALID_CREDENTIAL_SCOPE,
                "Credential should be scoped to correct service: '" + expectedService + "'");
    }

    static SigV4Exception presignedParametersMissing() {
        return new SigV4Exception(AuthFailure.MALFORMED_PRESIGNED_QUERY, "Query-string authentication version 4"
                + " requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date,"
                + " X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
    }

    static SigV4Exception presignedAlgorithm() {
        return new SigV4Exception(AuthFailure.MALFORMED_PRESIGNED_QUERY,
                "X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
    }

    static SigV4Exception presignedDate() {
        return new SigV4Exception(AuthFailure.MALFORMED_PRESIGNED_QUERY,
                "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
    }

    static SigV4Exception expiresNotANumber() {
        return new SigV4Exception(AuthFailure.MALFORMED_PRESIGNED_QUERY, "X-Amz-Expires should be a number");
    }

    static SigV4Exception expiresNegative() {
        return new SigV4Exception(AuthFailure.MALFORMED_PRESIGNED_QUERY, "X-Amz-Expires must be non-negative");
    }

    static SigV4Exception expiresTooLong() {
        return new SigV4Exception(AuthFailure.MALFORMED_PRESIGNED_QUERY,
                "X-Amz-Expires must be less than a week (in seconds) that is; 604800");
    }

    static SigV4Exception signatureExpired(Instant requestTime, Instant now) {
        return new SigV4Exception(AuthFailure.REQUEST_TIME_SKEWED, "Signature expired: " + AmzDate.format(requestTime)
                + " is now earlier than " + AmzDate.format(now.minusMillis(MAX_SKEW_MILLIS)) + " ("
                + AmzDate.format(now) + " - 15 min.)", skewDetails(requestTime, now));
    }

    static SigV4Exception signatureNotYetCurrent(Instant requestTime, Instant now) {
        return new SigV4Exception(AuthFailure.REQUEST_TIME_SKEWED, "Signature not yet current: "
                + AmzDate.format(requestTime) + " is still later than "
                + AmzDate.format(now.plusMillis(MAX_SKEW_MILLIS)) + " (" + AmzDate.format(now) + " + 15 min.)",
                skewDetails(requestTime, now));
    }

    private static Map<String, String> skewDetails(Instant requestTime, Instant now) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("RequestTime", AmzDate.format(requestTime));
        details.put("ServerTime", AmzDate.iso(now));
        details.put("MaxAllowedSkewMilliseconds", Long.toString(MAX_SKEW_MILLIS));
        return details;
    }

    static SigV4Exception presignedExpired(long expiresSeconds, Instant expiry, Instant now) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("X-Amz-Expires", Long.toString(expiresSeconds));
        details.put("Expires", AmzDate.iso(expiry));
        details.put("ServerTime", AmzDate.iso(now));
        return new SigV4Exception(AuthFailure.PRESIGNED_EXPIRED, AuthErrors.S3_PRESIGNED_EXPIRED, details);
    }

    /** A version-2 presigned URL past its Expires: S3 reports the expiry and the server's time, no X-Amz-Expires. */
    static SigV4Exception presignedV2Expired(Instant expiry, Instant now) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("Expires", AmzDate.iso(expiry));
        details.put("ServerTime", AmzDate.iso(now));
        return new SigV4Exception(AuthFailure.PRESIGNED_EXPIRED, AuthErrors.S3_PRESIGNED_EXPIRED, details);
    }

    static SigV4Exception missingContentSha256() {
        return new SigV4Exception(AuthFailure.MISSING_CONTENT_SHA256,
                "Missing required header for this request: x-amz-content-sha256");
    }

    static SigV4Exception invalidContentSha256() {
        return new SigV4Exception(AuthFailure.INVALID_CONTENT_SHA256, "x-amz-content-sha256 must be"
                + " UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD,"
                + " STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER or a valid sha256 value.");
    }

    static SigV4Exception contentSha256Mismatch(String claimed, String computed) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("ClientComputedContentSHA256", claimed);
        details.put("S3ComputedContentSHA256", computed);
        return new SigV4Exception(AuthFailure.XAMZ_CONTENT_SHA256_MISMATCH, AuthErrors.S3_CONTENT_SHA256_MISMATCH,
                details);
    }

    /** Carries what S3 puts in its SignatureDoesNotMatch body so a client can see where it diverged. */
    static SigV4Exception signatureMismatch(String accessKeyId, String stringToSign, String provided,
                                            String canonicalRequest) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("AWSAccessKeyId", accessKeyId);
        details.put("StringToSign", stringToSign);
        details.put("SignatureProvided", provided);
        details.put("StringToSignBytes", Hashing.spacedHex(stringToSign));
        if (canonicalRequest != null) {
            details.put("CanonicalRequest", canonicalRequest);
            details.put("CanonicalRequestBytes", Hashing.spacedHex(canonicalRequest));
        }
        return new SigV4Exception(AuthFailure.SIGNATURE_MISMATCH, AuthErrors.SIGNATURE_MISMATCH, details);
    }

    static SigV4Exception malformedChunk(String why) {
        return new SigV4Exception(AuthFailure.MALFORMED_CHUNKED_BODY, why);
    }
}
