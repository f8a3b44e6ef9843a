package io.strongroom.sigv4;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * S3's version-2 {@code Authorization: AWS key:signature} header (D131) as botocore's {@code HmacV1Auth} (boto3 with
 * {@code signature_version='s3'}) writes it: the signatures below were made by it with this key and its Date fixed at
 * {@link #DATE} (the listing by a boto3 client itself, path style). The x-amz-date request is signed the way s3cmd does it, botocore's signer with an empty Date line.
 */
class SigV2HeaderTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String DATE = "Wed, 02 Dec 2026 01:00:00 GMT";
    private static final Instant SIGNED_AT = Instant.parse("2026-12-02T01:00:00Z");

    private static SignableRequest request(String method, String url, Map<String, List<String>> headers) {
        int q = url.indexOf('?');
        return new SignableRequest(method, q < 0 ? url : url.substring(0, q), q < 0 ? null : url.substring(q + 1),
                headers, new byte[0]);
    }

    private static SignableRequest get(String url, String signature) {
        return request("GET", url, Map.of("Date", List.of(DATE), "Authorization",
                List.of("AWS AKIDEXAMPLE:" + signature)));
    }

    private static ClaimedSignature verify(SignableRequest request, Instant now) throws SigV4Exception {
        ClaimedSignature claimed = SigV4.parse(request).orElseThrow();
        SigV4.checkForm(request, claimed, true);
        SigV4.verify(request, claimed, SECRET, "s3", true, now);
        return claimed;
    }

    @Test
    void botocoresSignedRequestsVerify() throws SigV4Exception {
        ClaimedSignature plain = verify(get("/reports-bucket/2027/02/report%20one.csv", "QGUWjvMFD6CRwMXtlrGXbyy5aP4="),
                SIGNED_AT);
        assertThat(plain.version2()).isTrue();
        assertThat(plain.accessKeyId()).isEqualTo("AKIDEXAMPLE");
        assertThat(plain.scope()).isEqualTo(new SignatureScope("20261202", "us-east-1", "s3"));
        assertThat(plain.requestTime()).isEqualTo(SIGNED_AT);
        assertThat(plain.routedByShape()).isTrue();
        // boto3's list_objects_v2: query parameters that are no sub-resource are not signed, and the bucket's
        // resource is /reports-bucket/ although the path sent is /reports-bucket.
        SignableRequest list = get("/reports-bucket?list-type=2&prefix=2027%2F&encoding-type=url",
                "QZP2EOn09OeWR/6FbaxG5t05+p0=");
        verify(list, SIGNED_AT);
        assertThat(SigV2Header.stringToSign(list)).isEqualTo("GET\n\n\n" + DATE + "\n/reports-bucket/");
    }

    @Test
    void anXAmzDateEmptiesTheDateLineAndIsSignedAsAnAmzHeader() throws SigV4Exception {
        SignableRequest request = request("GET", "/reports-bucket/doc.txt?versionId=00000000000000000000000000000258",
                Map.of("x-amz-date", List.of(DATE), "Authorization",
                        List.of("AWS AKIDEXAMPLE:BuRhuUATy0CAZk8uMC3ZLoYlJhA=")));
        assertThat(verify(request, SIGNED_AT.plusSeconds(600)).requestTime()).isEqualTo(SIGNED_AT);
        assertThat(SigV2Header.stringToSign(request)).isEqualTo("GET\n\n\n\nx-amz-date:" + DATE
                + "\n/reports-bucket/doc.txt?versionId=00000000000000000000000000000258");
        // A Date header beside it is ignored, as S3 ignores it.
        verify(request.withHeader("Date", "Thu, 01 Jan 2026 00:00:00 GMT"), SIGNED_AT);
    }

    @Test
    void aPutSignsContentMd5ContentTypeAndMetadata() {
        SignableRequest put = request("PUT", "/reports-bucket/upload.bin", Map.of("Content-MD5",
                List.of("XUFAKrxLKna5cZ2REBfFkg=="), "Content-Type", List.of("application/octet-stream"),
                "x-amz-meta-Owner", List.of("backup "), "Date", List.of(DATE), "Authorization",
                List.of("AWS AKIDEXAMPLE:aOLcmFwIZDf8cToJtRx2vqr/e3Y=")));
        assertThatCode(() -> verify(put, SIGNED_AT)).doesNotThrowAnyException();
        SigV4Exception otherType = catchThrowableOfType(() -> verify(put.withHeader("Content-Type", "text/plain"),
                SIGNED_AT), SigV4Exception.class);
        assertThat(otherType.failure()).isEqualTo(AuthFailure.SIGNATURE_MISMATCH);
        assertThat(otherType.details()).containsEntry("StringToSign", "PUT\nXUFAKrxLKna5cZ2REBfFkg==\ntext/plain\n"
                + DATE + "\nx-amz-meta-owner:backup\n/reports-bucket/upload.bin")
                .containsEntry("AWSAccessKeyId", "AKIDEXAMPLE")
                .containsEntry("SignatureProvided", "aOLcmFwIZDf8cToJtRx2vqr/e3Y=")
                .doesNotContainKey("CanonicalRequest");
    }

    @Test
    void theSessionTokenIsSignedAndClaimed() throws SigV4Exception {
        SignableRequest request = request("GET", "/reports-bucket/doc.txt?tagging", Map.of("Date", List.of(DATE),
                "x-amz-security-token", List.of("FQoGZXIvYXdzEXAMPLETOKEN"), "Authorization",
                List.of("AWS AKIDEXAMPLE:quykVMaeMIJiAC+z8lvg97iznh0=")));
        assertThat(verify(request, SIGNED_AT).securityToken()).isEqualTo("FQoGZXIvYXdzEXAMPLETOKEN");
        assertThat(SigV2Header.stringToSign(request)).isEqualTo("GET\n\n\n" + DATE
                + "\nx-amz-security-token:FQoGZXIvYXdzEXAMPLETOKEN\n/reports-bucket/doc.txt?tagging");
        SigV4Exception withoutTagging = catchThrowableOfType(() -> verify(get("/reports-bucket/doc.txt",
                "quykVMaeMIJiAC+z8lvg97iznh0="), SIGNED_AT), SigV4Exception.class);
        assertThat(withoutTagging.failure()).isEqualTo(AuthFailure.SIGNATURE_MISMATCH);
    }

    @Test
    void aWrongSecretIsASignatureMismatchWithTheStringToSign() {
        SignableRequest request = get("/reports-bucket/2027/02/report%20one.csv", "QGUWjvMFD6CRwMXtlrGXbyy5aP4=");
        SigV4Exception e = catchThrowableOfType(() -> SigV4.verify(request, SigV4.parse(request).orElseThrow(),
                "not-the-secret", "s3", true, SIGNED_AT), SigV4Exception.class);
        assertThat(e.failure()).isEqualTo(AuthFailure.SIGNATURE_MISMATCH);
        assertThat(e.details()).containsEntry("StringToSign", "GET\n\n\n" + DATE
                + "\n/reports-bucket/2027/02/report%20one.csv");
        AuthError s3 = AuthErrors.of(e.failure(), ProtocolFamily.S3, e.getMessage());
        assertThat(s3).isEqualTo(new AuthError("SignatureDoesNotMatch", 403, AuthErrors.S3_SIGNATURE_MISMATCH));
    }

    @Test
    void aDateMoreThanFifteenMinutesFromTheWallClockIsTooSkewed() {
        SignableRequest request = get("/reports-bucket/2027/02/report%20one.csv", "QGUWjvMFD6CRwMXtlrGXbyy5aP4=");
        assertThatCode(() -> verify(request, SIGNED_AT.plusSeconds(900))).doesNotThrowAnyException();
        assertThatCode(() -> verify(request, SIGNED_AT.minusSeconds(900))).doesNotThrowAnyException();
        SigV4Exception late = catchThrowableOfType(() -> verify(request, SIGNED_AT.plusSeconds(901)),
                SigV4Exception.class);
        assertThat(late.failure()).isEqualTo(AuthFailure.REQUEST_TIME_SKEWED);
        assertThat(late.details()).containsEntry("ServerTime", "2026-12-02T01:15:01Z")
                .containsEntry("MaxAllowedSkewMilliseconds", "900000");
        SigV4Exception early = catchThrowableOfType(() -> verify(request, SIGNED_AT.minusSeconds(901)),
                SigV4Exception.class);
        assertThat(early.failure()).isEqualTo(AuthFailure.REQUEST_TIME_SKEWED);
        assertThat(AuthErrors.of(late.failure(), ProtocolFamily.S3, late.getMessage())).isEqualTo(
                new AuthError("RequestTimeTooSkewed", 403, AuthErrors.S3_SKEWED));
    }

    @Test
    void aHeaderWithoutDateOrSignatureIsRefusedBeforeTheKeyIsLookedUp() throws SigV4Exception {
        SignableRequest undated = request("GET", "/reports-bucket/a", Map.of("Authorization",
                List.of("AWS AKIDEXAMPLE:QGUWjvMFD6CRwMXtlrGXbyy5aP4=")));
        SigV4Exception noDate = catchThrowableOfType(() -> SigV4.checkForm(undated,
                SigV4.parse(undated).orElseThrow(), true), SigV4Exception.class);
        assertThat(AuthErrors.of(noDate.failure(), ProtocolFamily.S3, noDate.getMessage())).isEqualTo(new AuthError(
                "AccessDenied", 403, "AWS authentication requires a valid Date or x-amz-date header"));
        SignableRequest unsigned = request("GET", "/reports-bucket/a", Map.of("Date", List.of(DATE),
                "Authorization", List.of("AWS AKIDEXAMPLE")));
        SigV4Exception malformed = catchThrowableOfType(() -> SigV4.checkForm(unsigned,
                SigV4.parse(unsigned).orElseThrow(), true), SigV4Exception.class);
        assertThat(malformed.failure()).isEqualTo(AuthFailure.MALFORMED_AUTHORIZATION);
    }

    @Test
    void onlyS3TakesTheHeaderOtherServicesAnswerAsBefore() throws SigV4Exception {
        SignableRequest request = get("/", "QGUWjvMFD6CRwMXtlrGXbyy5aP4=");
        ClaimedSignature claimed = SigV4.parse(request).orElseThrow();
        SigV4Exception e = catchThrowableOfType(() -> SigV4.checkForm(request, claimed, false), SigV4Exception.class);
        assertThat(e.failure()).isEqualTo(AuthFailure.MALFORMED_AUTHORIZATION);
        assertThat(e.getMessage()).isEqualTo(
                "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.");
        SigV4Exception verified = catchThrowableOfType(() -> SigV4.verify(request, claimed, SECRET, "sts", false,
                SIGNED_AT), SigV4Exception.class);
        assertThat(verified.getMessage()).isEqualTo(e.getMessage());
        // The version-4 header is not mistaken for it.
        assertThat(SigV2Header.attempts("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261202/us-east-1/s3/aws4_request"))
                .isFalse();
    }
}
