package io.strongroom.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Spec 9.8's matrix, cell by cell; "<detail>" marks cells whose message is the failure's own text. */
class AuthErrorsTest {
    static final String DETAIL = "some request-specific text";
    static final String INVALID = "The security token included in the request is invalid.";
    static final String MISMATCH = "The request signature we calculated does not match the signature you provided."
            + " Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
    static final String EXPIRED = "The security token included in the request is expired";
    static final String MISSING = "Request is missing Authentication Token";

    @ParameterizedTest(name = "{0} / {1} -> {2} {3}")
    @CsvSource(delimiter = '|', textBlock = """
            UNKNOWN_ACCESS_KEY     | QUERY     | InvalidClientTokenId                | 403 | INVALID
            UNKNOWN_ACCESS_KEY     | JSON      | UnrecognizedClientException         | 400 | INVALID
            UNKNOWN_ACCESS_KEY     | REST_JSON | UnrecognizedClientException         | 403 | INVALID
            UNKNOWN_ACCESS_KEY     | S3        | InvalidAccessKeyId                  | 403 | The AWS Access Key Id you provided does not exist in our records.
            SIGNATURE_MISMATCH     | QUERY     | SignatureDoesNotMatch               | 403 | MISMATCH
            SIGNATURE_MISMATCH     | JSON      | InvalidSignatureException           | 400 | MISMATCH
            SIGNATURE_MISMATCH     | REST_JSON | InvalidSignatureException           | 403 | MISMATCH
            SIGNATURE_MISMATCH     | S3        | SignatureDoesNotMatch               | 403 | The request signature we calculated does not match the signature you provided. Check your key and signing method.
            INVALID_SESSION_TOKEN  | QUERY     | InvalidClientTokenId                | 403 | INVALID
            INVALID_SESSION_TOKEN  | JSON      | UnrecognizedClientException         | 400 | INVALID
            INVALID_SESSION_TOKEN  | REST_JSON | UnrecognizedClientException         | 403 | INVALID
            INVALID_SESSION_TOKEN  | S3        | InvalidToken                        | 400 | The provided token is malformed or otherwise invalid.
            EXPIRED_SESSION_TOKEN  | QUERY     | ExpiredToken                        | 403 | EXPIRED
            EXPIRED_SESSION_TOKEN  | JSON      | ExpiredTokenException               | 400 | EXPIRED
            EXPIRED_SESSION_TOKEN  | REST_JSON | ExpiredTokenException               | 403 | EXPIRED
            EXPIRED_SESSION_TOKEN  | S3        | ExpiredToken                        | 400 | The provided token has expired.
            MISSING_AUTHENTICATION | QUERY     | MissingAuthenticationToken          | 403 | MISSING
            MISSING_AUTHENTICATION | JSON      | MissingAuthenticationTokenException | 400 | MISSING
            MISSING_AUTHENTICATION | REST_JSON | MissingAuthenticationTokenException | 403 | MISSING
            MISSING_AUTHENTICATION | S3        | AccessDenied                        | 403 | Access Denied
            MALFORMED_AUTHORIZATION| QUERY     | IncompleteSignature                 | 400 | <detail>
            MALFORMED_AUTHORIZATION| JSON      | IncompleteSignatureException        | 400 | <detail>
            MALFORMED_AUTHORIZATION| REST_JSON | IncompleteSignatureException        | 400 | <detail>
            MALFORMED_AUTHORIZATION| S3        | AuthorizationHeaderMalformed        | 400 | <detail>
            INCOMPLETE_SIGNATURE   | QUERY     | IncompleteSignature                 | 400 | <detail>
            INCOMPLETE_SIGNATURE   | JSON      | IncompleteSignatureException        | 400 | <detail>
            INCOMPLETE_SIGNATURE   | REST_JSON | IncompleteSignatureException        | 400 | <detail>
            INCOMPLETE_SIGNATURE   | S3        | AuthorizationHeaderMalformed        | 400 | <detail>
            REQUEST_TIME_SKEWED    | QUERY     | SignatureDoesNotMatch               | 403 | <detail>
            REQUEST_TIME_SKEWED    | JSON      | InvalidSignatureException           | 400 | <detail>
            REQUEST_TIME_SKEWED    | REST_JSON | InvalidSignatureException           | 403 | <detail>
            REQUEST_TIME_SKEWED    | S3        | RequestTimeTooSkewed                | 403 | The difference between the request time and the current time is too large.
            """)
    void specMatrix(AuthFailure failure, ProtocolFamily family, String code, int status, String message) {
        String expected = switch (message) {
            case "INVALID" -> INVALID;
            case "MISMATCH" -> MISMATCH;
            case "EXPIRED" -> EXPIRED;
            case "MISSING" -> MISSING;
            case "<detail>" -> DETAIL;
            default -> message;
        };
        assertThat(AuthErrors.of(failure, family, DETAIL)).isEqualTo(new AuthError(code, status, expected));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            XAMZ_CONTENT_SHA256_MISMATCH | XAmzContentSHA256Mismatch         | 400 | The provided 'x-amz-content-sha256' header does not match what was computed.
            MISSING_CONTENT_SHA256       | InvalidRequest                    | 400 | <detail>
            INVALID_CONTENT_SHA256       | InvalidArgument                   | 400 | <detail>
            PRESIGNED_EXPIRED            | AccessDenied                      | 403 | Request has expired
            MALFORMED_PRESIGNED_QUERY    | AuthorizationQueryParametersError | 400 | <detail>
            INVALID_CREDENTIAL_SCOPE     | AuthorizationHeaderMalformed      | 400 | <detail>
            MALFORMED_CHUNKED_BODY       | IncompleteBody                    | 400 | <detail>
            """)
    void s3OnlyFailures(AuthFailure failure, String code, int status, String message) {
        assertThat(AuthErrors.of(failure, ProtocolFamily.S3, DETAIL))
                .isEqualTo(new AuthError(code, status, message.equals("<detail>") ? DETAIL : message));
    }

    @Test
    void scopeErrorsAreSignatureErrorsOutsideS3() {
        assertThat(AuthErrors.of(AuthFailure.INVALID_CREDENTIAL_SCOPE, ProtocolFamily.QUERY, DETAIL))
                .isEqualTo(new AuthError("SignatureDoesNotMatch", 403, DETAIL));
        assertThat(AuthErrors.of(AuthFailure.INVALID_CREDENTIAL_SCOPE, ProtocolFamily.REST_JSON, DETAIL))
                .isEqualTo(new AuthError("InvalidSignatureException", 403, DETAIL));
    }

    @Test
    void everyFailureHasAClientErrorInEveryFamily() {
        for (AuthFailure failure : AuthFailure.values()) {
            for (ProtocolFamily family : ProtocolFamily.values()) {
                AuthError error = AuthErrors.of(failure, family, DETAIL);
                assertThat(error.httpStatus()).as(failure + "/" + family).isBetween(400, 403);
                assertThat(error.code()).isNotBlank();
                assertThat(error.message()).isNotBlank();
            }
        }
    }
}
