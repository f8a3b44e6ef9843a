package io.strongroom.sigv4;

/**
 * Spec 9.8's matrix: the code, HTTP status and message each protocol family answers for an
 * authentication failure. Rows with a fixed AWS sentence ignore {@code detailMessage}; rows whose text
 * depends on the request (skew, malformed header, scope) pass it through.
 */
public final class AuthErrors {
    static final String INVALID_TOKEN = "The security token included in the request is invalid.";
    static final String SIGNATURE_MISMATCH = "The request signature we calculated does not match the signature"
            + " you provided. Check your AWS Secret Access Key and signing method. Consult the service"
            + " documentation for details.";
    static final String S3_SIGNATURE_MISMATCH = "The request signature we calculated does not match the"
            + " signature you provided. Check your key and signing method.";
    static final String EXPIRED_TOKEN = "The security token included in the request is expired";
    static final String MISSING_TOKEN = "Request is missing Authentication Token";
    static final String S3_UNKNOWN_KEY = "The AWS Access Key Id you provided does not exist in our records.";
    static final String S3_INVALID_TOKEN = "The provided token is malformed or otherwise invalid.";
    static final String S3_EXPIRED_TOKEN = "The provided token has expired.";
    static final String S3_SKEWED = "The difference between the request time and the current time is too large.";
    static final String S3_CONTENT_SHA256_MISMATCH =
            "The provided 'x-amz-content-sha256' header does not match what was computed.";
    static final String S3_PRESIGNED_EXPIRED = "Request has expired";
    static final String S3_ACCESS_DENIED = "Access Denied";

    private AuthErrors() {
    }

    public static AuthError of(AuthFailure failure, ProtocolFamily family, String detailMessage) {
        return switch (family) {
            case QUERY -> query(failure, detailMessage);
            case JSON -> json(failure, detailMessage, 400);
            // REST-JSON services answer like awsJson but with 403 wherever the caller is not the fault of
            // the syntax (spec 9.8: Lambda-style x-amzn-ErrorType, [OBS]/[UNCONFIRMED] for Backup itself).
            case REST_JSON -> json(failure, detailMessage, 403);
            case S3 -> s3(failure, detailMessage);
        };
    }

    private static AuthError query(AuthFailure failure, String detail) {
        return switch (failure) {
            case UNKNOWN_ACCESS_KEY, INVALID_SESSION_TOKEN -> new AuthError("InvalidClientTokenId", 403, INVALID_TOKEN);
            case SIGNATURE_MISMATCH, XAMZ_CONTENT_SHA256_MISMATCH ->
                    new AuthError("SignatureDoesNotMatch", 403, SIGNATURE_MISMATCH);
            case EXPIRED_SESSION_TOKEN -> new AuthError("ExpiredToken", 403, EXPIRED_TOKEN);
            case MISSING_AUTHENTICATION -> new AuthError("MissingAuthenticationToken", 403, MISSING_TOKEN);
            // Spec 9.7 leaves SignatureDoesNotMatch vs IncompleteSignature open for scope errors; AWS
            // answers the common "wrong service/region in scope" mistakes with SignatureDoesNotMatch.
            case REQUEST_TIME_SKEWED, PRESIGNED_EXPIRED, INVALID_CREDENTIAL_SCOPE ->
                    new AuthError("SignatureDoesNotMatch", 403, detail);
            case MALFORMED_AUTHORIZATION, INCOMPLETE_SIGNATURE, MALFORMED_PRESIGNED_QUERY, MISSING_CONTENT_SHA256,
                    INVALID_CONTENT_SHA256, MALFORMED_CHUNKED_BODY, MISSING_DATE ->
                    new AuthError("IncompleteSignature", 400, detail);
        };
    }

    private static AuthError json(AuthFailure failure, String detail, int callerStatus) {
        return switch (failure) {
            case UNKNOWN_ACCESS_KEY, INVALID_SESSION_TOKEN ->
                    new AuthError("UnrecognizedClientException", callerStatus, INVALID_TOKEN);
            case SIGNATURE_MISMATCH, XAMZ_CONTENT_SHA256_MISMATCH ->
                    new AuthError("InvalidSignatureException", callerStatus, SIGNATURE_MISMATCH);
            case EXPIRED_SESSION_TOKEN -> new AuthError("ExpiredTokenException", callerStatus, EXPIRED_TOKEN);
            case MISSING_AUTHENTICATION ->
                    new AuthError("MissingAuthenticationTokenException", callerStatus, MISSING_TOKEN);
            case REQUEST_TIME_SKEWED, PRESIGNED_EXPIRED, INVALID_CREDENTIAL_SCOPE ->
                    new AuthError("InvalidSignatureException", callerStatus, detail);
            // A syntactically broken header is a 400 in both JSON families (spec 9.8 "same").
            case MALFORMED_AUTHORIZATION, INCOMPLETE_SIGNATURE, MALFORMED_PRESIGNED_QUERY, MISSING_CONTENT_SHA256,
                    INVALID_CONTENT_SHA256, MALFORMED_CHUNKED_BODY, MISSING_DATE ->
                    new AuthError("IncompleteSignatureException", 400, detail);
        };
    }

    private static AuthError s3(AuthFailure failure, String detail) {
        return switch (failure) {
            case UNKNOWN_ACCESS_KEY -> new AuthError("InvalidAccessKeyId", 403, S3_UNKNOWN_KEY);
            case SIGNATURE_MISMATCH -> new AuthError("SignatureDoesNotMatch", 403, S3_SIGNATURE_MISMATCH);
            case INVALID_SESSION_TOKEN -> new AuthError("InvalidToken", 400, S3_INVALID_TOKEN);
            case EXPIRED_SESSION_TOKEN -> new AuthError("ExpiredToken", 400, S3_EXPIRED_TOKEN);
            // S3 treats a request without credentials as anonymous; when a caller still needs an answer
            // (anonymous access refused) it is the plain AccessDenied of authorisation.
            case MISSING_AUTHENTICATION -> new AuthError("AccessDenied", 403, S3_ACCESS_DENIED);
            case MALFORMED_AUTHORIZATION, INCOMPLETE_SIGNATURE, INVALID_CREDENTIAL_SCOPE ->
                    new AuthError("AuthorizationHeaderMalformed", 400, detail);
            case MALFORMED_PRESIGNED_QUERY -> new AuthError("AuthorizationQueryParametersError", 400, detail);
            case REQUEST_TIME_SKEWED -> new AuthError("RequestTimeTooSkewed", 403, S3_SKEWED);
            case PRESIGNED_EXPIRED -> new AuthError("AccessDenied", 403, S3_PRESIGNED_EXPIRED);
            case MISSING_DATE -> new AuthError("AccessDenied", 403, detail);
            case MISSING_CONTENT_SHA256 -> new AuthError("InvalidRequest", 400, detail);
            case INVALID_CONTENT_SHA256 -> new AuthError("InvalidArgument", 400, detail);
            case XAMZ_CONTENT_SHA256_MISMATCH ->
                    new AuthError("XAmzContentSHA256Mismatch", 400, S3_CONTENT_SHA256_MISMATCH);
            case MALFORMED_CHUNKED_BODY -> new AuthError("IncompleteBody", 400, detail);
        };
    }
}
