package io.strongroom.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * The SDK's own AwsV4HttpSigner is an independent implementation: requests it signs, as the real clients
 * send them, must verify here, for a double-encoded non-S3 path, for S3 (single encoding and
 * x-amz-content-sha256), for aws-chunked uploads and for presigned URLs.
 */
class SdkSignerCrossCheckTest {
    static final String AKID = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final Instant NOW = Instant.parse("2026-11-28T12:30:00Z");
    static final String RECOVERY_POINT_PATH = "/backup-vaults/v1/recovery-points/"
            + "arn%3Aaws%3Abackup%3Aeu-west-1%3A111122223333%3Arecovery-point%3A1EB3B5E7-9EB0-435A-A80B-108B488B0D45";

    static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    static SignedRequest sign(SdkHttpRequest request, byte[] body, String service,
                              Consumer<SignRequest.Builder<AwsCredentialsIdentity>> options) {
        return SIGNER.sign(r -> {
            r.identity(AwsCredentialsIdentity.create(AKID, SECRET))
                    .request(request)
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                    .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC));
            if (body != null) {
                r.payload(ContentStreamProvider.fromByteArray(body));
            }
            options.accept(r);
        });
    }

    /** What our HTTP layer hands over: the path and query exactly as they travel, headers, body bytes. */
    static SignableRequest asReceived(SignedRequest signed) {
        SdkHttpRequest request = signed.request();
        byte[] body = signed.payload().map(SdkSignerCrossCheckTest::readAll).orElse(new byte[0]);
        return new SignableRequest(request.method().name(), request.encodedPath(), request.getUri().getRawQuery(),
                request.headers(), body);
    }

    static byte[] readAll(ContentStreamProvider provider) {
        try (InputStream in = provider.newStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SdkHttpRequest.Builder https(SdkHttpMethod method, String host, String encodedPath) {
        return SdkHttpRequest.builder().method(method).protocol("https").host(host).encodedPath(encodedPath);
    }

    static void verify(SignableRequest request, String service, boolean s3) throws SigV4Exception {
        SigV4.verify(request, SigV4.parse(request).orElseThrow(), SECRET, service, s3, NOW);
    }

    @Test
    void backupRestJsonWithAnArnInThePathIsDoubleEncoded() throws SigV4Exception {
        SdkHttpRequest request = https(SdkHttpMethod.POST, "backup.eu-west-1.amazonaws.com",
                RECOVERY_POINT_PATH + "/restore")
                .putRawQueryParameter("maxResults", "10")
                .putRawQueryParameter("nextToken", "a b+c/d=")
                .putHeader("Content-Type", "application/json")
                .build();
        byte[] body = "{\"IamRoleArn\":\"arn:aws:iam::111122223333:role/Restore\"}".getBytes(StandardCharsets.UTF_8);
        SignableRequest received = asReceived(sign(request, body, "backup", r -> r
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, true)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, true)));

        assertThat(received.rawPath()).contains("arn%3Aaws%3Abackup");
        assertThatCode(() -> verify(received, "backup", false)).doesNotThrowAnyException();
        // The same request under S3's single encoding must not verify: the difference is real.
        assertThat(catchThrowableOfType(SigV4Exception.class, () -> verify(received, "backup", true)))
                .isNotNull();
        SignableRequest tampered = new SignableRequest(received.method(), received.rawPath(), received.rawQuery(),
                received.headers(), "{\"IamRoleArn\":\"arn:aws:iam::111122223333:role/Admins\"}".getBytes());
        assertThat(catchThrowableOfType(SigV4Exception.class, () -> verify(tampered, "backup", false)).failure())
                .isEqualTo(AuthFailure.SIGNATURE_MISMATCH);
    }

    @Test
    void stsQueryPostWithSessionCredentials() throws SigV4Exception {
        SdkHttpRequest request = https(SdkHttpMethod.POST, "sts.eu-west-1.amazonaws.com", "/")
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .build();
        byte[] body = "Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8);
        SignedRequest signed = SIGNER.sign(r -> r
                .identity(AwsSessionCredentialsIdentity.create(AKID, SECRET, "FwoGZXIvYXdzEXAMPLE//+=="))
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC)));
        SignableRequest received = asReceived(signed);

        ClaimedSignature claimed = SigV4.parse(received).orElseThrow();
        assertThat(claimed.securityToken()).isEqualTo("FwoGZXIvYXdzEXAMPLE//+==");
        assertThat(claimed.signedHeaders()).contains("x-amz-security-token");
        SigV4.verify(received, claimed, SECRET, "sts", false, NOW);
    }

    @Test
    void s3PutIsSignedAsSentWithTheContentHashHeader() throws SigV4Exception {
        // A key with characters S3 clients encode once, plus "//" and "./" that S3 must not normalise.
        SdkHttpRequest request = https(SdkHttpMethod.PUT, "s3.eu-west-1.amazonaws.com",
                "/my-bucket/photos//2026/./a%20b%2Bc%3D%E2%82%AC.jpg")
                .putHeader("Content-Type", "image/jpeg")
                .putHeader("x-amz-storage-class", "STANDARD_IA")
                .build();
        byte[] body = "not really a jpeg".getBytes(StandardCharsets.UTF_8);
        SignableRequest received = asReceived(sign(request, body, "s3", r -> r
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)));

        assertThat(received.header("x-amz-content-sha256")).isEqualTo(Hashing.sha256Hex(body));
        assertThatCode(() -> verify(received, "s3", true)).doesNotThrowAnyException();
        assertThat(catchThrowableOfType(SigV4Exception.class, () -> verify(received, "s3", false))).isNotNull();
    }

    @Test
    void s3UnsignedPayload() throws SigV4Exception {
        SdkHttpRequest request = https(SdkHttpMethod.PUT, "my-bucket.s3.eu-west-1.amazonaws.com", "/notes.txt")
                .build();
        SignableRequest received = asReceived(sign(request, "hello".getBytes(StandardCharsets.UTF_8), "s3", r -> r
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)));

        assertThat(received.header("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
        verify(received, "s3", true);
    }

    static byte[] payload(int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) ('a' + i % 26);
        }
        return data;
    }

    SignableRequest chunkedUpload(byte[] data, boolean payloadSigning, boolean checksum) {
        SdkHttpRequest request = https(SdkHttpMethod.PUT, "s3.eu-west-1.amazonaws.com", "/my-bucket/big.bin")
                .putHeader("Content-Length", Integer.toString(data.length))
                .build();
        return asReceived(sign(request, data, "s3", r -> {
            r.putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                    .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                    .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, payloadSigning);
            if (checksum) {
                r.putProperty(AwsV4FamilyHttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32);
            }
        }));
    }

    AwsChunkedDecoder.Decoded verifyAndDecode(SignableRequest received) throws SigV4Exception {
        ClaimedSignature claimed = SigV4.parse(received).orElseThrow();
        SigV4.verify(received, claimed, SECRET, "s3", true, NOW);
        return AwsChunkedDecoder.decode(received, claimed, SECRET);
    }

    @Test
    void s3SignedChunks() throws SigV4Exception {
        byte[] data = payload(300_000);
        SignableRequest received = chunkedUpload(data, true, false);

        assertThat(received.header("x-amz-content-sha256")).isEqualTo("STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
        assertThat(verifyAndDecode(received).payload()).isEqualTo(data);

        byte[] tamperedBody = Arrays.copyOf(received.body(), received.body().length);
        tamperedBody[200_000] ^= 1;
        SignableRequest tampered = new SignableRequest(received.method(), received.rawPath(), received.rawQuery(),
                received.headers(), tamperedBody);
        assertThat(catchThrowableOfType(SigV4Exception.class, () -> verifyAndDecode(tampered)).failure())
                .isEqualTo(AuthFailure.SIGNATURE_MISMATCH);
    }

    @Test
    void s3SignedChunksWithSignedChecksumTrailer() throws SigV4Exception {
        byte[] data = payload(150_000);
        SignableRequest received = chunkedUpload(data, true, true);

        assertThat(received.header("x-amz-content-sha256")).isEqualTo("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER");
        AwsChunkedDecoder.Decoded decoded = verifyAndDecode(received);
        assertThat(decoded.payload()).isEqualTo(data);
        assertThat(decoded.trailers()).containsOnlyKeys("x-amz-checksum-crc32");
    }

    @Test
    void s3UnsignedPayloadWithChecksumTrailer() throws SigV4Exception {
        byte[] data = payload(70_000);
        SignableRequest received = chunkedUpload(data, false, true);

        assertThat(received.header("x-amz-content-sha256")).isEqualTo("STREAMING-UNSIGNED-PAYLOAD-TRAILER");
        AwsChunkedDecoder.Decoded decoded = verifyAndDecode(received);
        assertThat(decoded.payload()).isEqualTo(data);
        assertThat(decoded.trailers()).containsOnlyKeys("x-amz-checksum-crc32");
    }

    @Test
    void presignedS3GetAndStsGetCallerIdentity() throws SigV4Exception {
        SdkHttpRequest s3Get = https(SdkHttpMethod.GET, "my-bucket.s3.eu-west-1.amazonaws.com",
                "/reports/2026%2011.csv").putRawQueryParameter("versionId", "3/L4kqtJl40Nr8X8gdRQBpUMLUo").build();
        SignableRequest s3 = asReceived(sign(s3Get, null, "s3", r -> r
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                // As S3Presigner does: a presigned URL cannot know its payload, so S3 signs UNSIGNED-PAYLOAD.
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(10))));
        ClaimedSignature claimed = SigV4.parse(s3).orElseThrow();
        assertThat(claimed.presigned()).isTrue();
        assertThat(claimed.expiresSeconds()).isEqualTo(600L);
        SigV4.verify(s3, claimed, SECRET, "s3", true, NOW.plusSeconds(600));
        assertThat(catchThrowableOfType(SigV4Exception.class,
                () -> SigV4.verify(s3, claimed, SECRET, "s3", true, NOW.plusSeconds(601))).failure())
                .isEqualTo(AuthFailure.PRESIGNED_EXPIRED);

        SdkHttpRequest stsGet = https(SdkHttpMethod.GET, "sts.eu-west-1.amazonaws.com", "/")
                .putRawQueryParameter("Action", "GetCallerIdentity").putRawQueryParameter("Version", "2011-06-15")
                .build();
        SignableRequest sts = asReceived(sign(stsGet, null, "sts", r -> r
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(15))));
        verify(sts, "sts", false);
    }
}
