package io.strongroom.sigv4;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * S3's version-2 presigned URLs as botocore (boto3, the AWS CLI v1) writes them: the URLs below were made by
 * botocore's {@code HmacV1QueryAuth} with this key and an expiry of 1796079440.
 */
class SigV2PresignedTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Instant BEFORE_EXPIRY = Instant.ofEpochSecond(1796079440L - 60);

    private static SignableRequest request(String method, String url, Map<String, List<String>> headers) {
        int q = url.indexOf('?');
        return new SignableRequest(method, url.substring(0, q), url.substring(q + 1), headers, new byte[0]);
    }

    private static void verify(SignableRequest request, Instant now) throws SigV4Exception {
        ClaimedSignature claimed = SigV4.parse(request).orElseThrow();
        assertThat(claimed.version2()).isTrue();
        assertThat(claimed.accessKeyId()).isEqualTo("AKIDEXAMPLE");
        SigV4.verify(request, claimed, SECRET, "s3", true, now);
    }

    @Test
    void botocoresPresignedUrlsVerify() {
        assertThatCode(() -> verify(request("GET", "/reports-bucket/2027/02/report%20one.csv?AWSAccessKeyId="
                + "AKIDEXAMPLE&Signature=x4Kru8UYbw7HpLysYOMRRtdH1rU%3D&Expires=1796079440", Map.of()), BEFORE_EXPIRY))
                .doesNotThrowAnyException();
        // Sub-resources signed in name order with decoded values; the session token signed as an x-amz- header.
        assertThatCode(() -> verify(request("GET", "/reports-bucket/doc.txt?versionId=00000000000000000000000000000258"
                + "&response-content-type=text%2Fplain&AWSAccessKeyId=AKIDEXAMPLE&Signature=STULh0nGLFvi4mOvPzKZP77w"
                + "1hQ%3D&x-amz-security-token=FQoGZXIvYXdzEXAMPLETOKEN&Expires=1796079440", Map.of()), BEFORE_EXPIRY))
                .doesNotThrowAnyException();
        // The content type botocore moved into the query.
        assertThatCode(() -> verify(request("PUT", "/reports-bucket/upload.bin?AWSAccessKeyId=AKIDEXAMPLE&Signature="
                + "hHHLmNWcX4oLFc2CBdtmYM3UbRs%3D&content-type=application%2Foctet-stream&Expires=1796079440",
                Map.of()), BEFORE_EXPIRY)).doesNotThrowAnyException();
    }

    @Test
    void anotherPathOrAnExpiredUrlIsRefused() {
        SigV4Exception other = catchThrowableOfType(() -> verify(request("GET", "/reports-bucket/other.csv?"
                + "AWSAccessKeyId=AKIDEXAMPLE&Signature=x4Kru8UYbw7HpLysYOMRRtdH1rU%3D&Expires=1796079440", Map.of()),
                BEFORE_EXPIRY), SigV4Exception.class);
        assertThat(other.failure()).isEqualTo(AuthFailure.SIGNATURE_MISMATCH);
        SigV4Exception expired = catchThrowableOfType(() -> verify(request("GET", "/reports-bucket/2027/02/report%20one"
                + ".csv?AWSAccessKeyId=AKIDEXAMPLE&Signature=x4Kru8UYbw7HpLysYOMRRtdH1rU%3D&Expires=1796079440",
                Map.of()), Instant.ofEpochSecond(1796079441L)), SigV4Exception.class);
        assertThat(expired.failure()).isEqualTo(AuthFailure.PRESIGNED_EXPIRED);
        assertThat(expired.details()).containsEntry("Expires", "2026-11-30T22:57:20Z").doesNotContainKey("X-Amz-Expires");
        SigV4Exception otherService = catchThrowableOfType(() -> SigV4.verify(request("GET", "/?AWSAccessKeyId="
                + "AKIDEXAMPLE&Signature=x&Expires=1796079440", Map.of()), SigV4.parse(request("GET", "/?AWSAccessKeyId="
                + "AKIDEXAMPLE&Signature=x&Expires=1796079440", Map.of())).orElseThrow(), SECRET, "sts", false,
                BEFORE_EXPIRY), SigV4Exception.class);
        assertThat(otherService).isNotNull();
    }
}
