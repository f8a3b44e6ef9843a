package io.strongroom.sigv4;

import static io.strongroom.sigv4.TestRequests.S3_AKID;
import static io.strongroom.sigv4.TestRequests.S3_SECRET;
import static io.strongroom.sigv4.TestRequests.headers;
import static io.strongroom.sigv4.TestRequests.parseAndVerify;
import static io.strongroom.sigv4.TestRequests.time;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** S3's x-amz-content-sha256 rules (spec 9.2 "Hashed payload"). */
class S3PayloadHashTest {
    static final Instant TIME = time("20130524T000000Z");
    static final SignatureScope SCOPE = new SignatureScope("20130524", "us-east-1", "s3");
    static final byte[] BODY = "Welcome to Amazon S3.".getBytes(StandardCharsets.UTF_8);

    static SignableRequest put(String contentSha256, byte[] body) {
        List<String> signed = new ArrayList<>(List.of("host", "x-amz-date"));
        SignableRequest request = new SignableRequest("PUT", "/examplebucket/test%24file.text", null,
                headers("Host", "s3.amazonaws.com", "x-amz-date", "20130524T000000Z"), body);
        if (contentSha256 != null) {
            request = request.withHeader("x-amz-content-sha256", contentSha256);
            signed.add(1, "x-amz-content-sha256");
        }
        return TestRequests.signed(request, S3_AKID, S3_SECRET, SCOPE, TIME, signed,
                contentSha256 != null ? contentSha256 : Hashing.sha256Hex(body));
    }

    static SigV4Exception failure(SignableRequest request) {
        return catchThrowableOfType(SigV4Exception.class, () -> parseAndVerify(request, S3_SECRET, "s3", true, TIME));
    }

    @Test
    void hexHashOfTheBodyVerifies() {
        assertThatCode(() -> parseAndVerify(put(Hashing.sha256Hex(BODY), BODY), S3_SECRET, "s3", true, TIME))
                .doesNotThrowAnyException();
    }

    @Test
    void unsignedPayloadAcceptsAnyBody() {
        SignableRequest request = put("UNSIGNED-PAYLOAD", BODY);
        SignableRequest otherBody = new SignableRequest(request.method(), request.rawPath(), null, request.headers(),
                "something else".getBytes(StandardCharsets.UTF_8));
        assertThatCode(() -> parseAndVerify(otherBody, S3_SECRET, "s3", true, TIME)).doesNotThrowAnyException();
    }

    @Test
    void aBodyThatIsNotWhatWasDeclaredIsAContentMismatch() {
        SignableRequest request = put(Hashing.sha256Hex(BODY), BODY);
        SignableRequest tampered = new SignableRequest(request.method(), request.rawPath(), null, request.headers(),
                "Welcome to Amazon S4.".getBytes(StandardCharsets.UTF_8));

        SigV4Exception e = failure(tampered);

        assertThat(e.failure()).isEqualTo(AuthFailure.XAMZ_CONTENT_SHA256_MISMATCH);
        assertThat(e.details()).containsEntry("ClientComputedContentSHA256", Hashing.sha256Hex(BODY))
                .containsEntry("S3ComputedContentSHA256", Hashing.sha256Hex(tampered.body()));
        assertThat(AuthErrors.of(e.failure(), ProtocolFamily.S3, e.getMessage())).isEqualTo(new AuthError(
                "XAmzContentSHA256Mismatch", 400,
                "The provided 'x-amz-content-sha256' header does not match what was computed."));
    }

    @Test
    void aStreamedBodyLeavesTheContentCheckToItsReader() {
        SignableRequest request = put(Hashing.sha256Hex(BODY), BODY);
        SignableRequest streamed = new SignableRequest(request.method(), request.rawPath(), null, request.headers(),
                null);
        assertThatCode(() -> parseAndVerify(streamed, S3_SECRET, "s3", true, TIME)).doesNotThrowAnyException();
    }

    @Test
    void headerAuthWithoutTheHeaderIsRejected() {
        SigV4Exception e = failure(put(null, BODY));

        assertThat(e.failure()).isEqualTo(AuthFailure.MISSING_CONTENT_SHA256);
        assertThat(AuthErrors.of(e.failure(), ProtocolFamily.S3, e.getMessage())).isEqualTo(new AuthError(
                "InvalidRequest", 400, "Missing required header for this request: x-amz-content-sha256"));
    }

    @Test
    void aValueThatIsNeitherHashNorLiteralIsRejected() {
        SigV4Exception e = failure(put("STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-X", BODY));

        assertThat(e.failure()).isEqualTo(AuthFailure.INVALID_CONTENT_SHA256);
        assertThat(AuthErrors.of(e.failure(), ProtocolFamily.S3, e.getMessage()).code()).isEqualTo("InvalidArgument");
        assertThat(e.getMessage()).startsWith("x-amz-content-sha256 must be UNSIGNED-PAYLOAD");
    }

    @Test
    void signatureMismatchCarriesWhatS3EchoesBack() {
        SigV4Exception e = catchThrowableOfType(SigV4Exception.class,
                () -> parseAndVerify(put("UNSIGNED-PAYLOAD", BODY), "wrong-secret", "s3", true, TIME));

        assertThat(e.failure()).isEqualTo(AuthFailure.SIGNATURE_MISMATCH);
        assertThat(e.details()).containsKeys("AWSAccessKeyId", "StringToSign", "SignatureProvided",
                "StringToSignBytes", "CanonicalRequest", "CanonicalRequestBytes");
        assertThat(e.details().get("CanonicalRequest")).isEqualTo("""
                PUT
                /examplebucket/test%24file.text

                host:s3.amazonaws.com
                x-amz-content-sha256:UNSIGNED-PAYLOAD
                x-amz-date:20130524T000000Z

                host;x-amz-content-sha256;x-amz-date
                UNSIGNED-PAYLOAD""");
        assertThat(e.details().get("StringToSignBytes")).startsWith("41 57 53 34 2d 48 4d 41 43");
        assertThat(e.details().get("AWSAccessKeyId")).isEqualTo(S3_AKID);
    }

    @Test
    void nonS3ServicesHashTheBodyThemselves() {
        SignableRequest request = new SignableRequest("POST", "/", null, headers("Host", "kms.us-east-1.amazonaws.com",
                "X-Amz-Date", "20130524T000000Z", "X-Amz-Target", "TrentService.ListKeys"), "{}".getBytes());
        SignableRequest signed = TestRequests.signed(request, S3_AKID, S3_SECRET,
                new SignatureScope("20130524", "us-east-1", "kms"), TIME, List.of("host", "x-amz-date", "x-amz-target"),
                Hashing.sha256Hex("{}"));
        assertThatCode(() -> parseAndVerify(signed, S3_SECRET, "kms", false, TIME)).doesNotThrowAnyException();
    }
}
