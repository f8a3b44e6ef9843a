package io.strongroom.sigv4;

import static io.strongroom.sigv4.TestRequests.S3_AKID;
import static io.strongroom.sigv4.TestRequests.S3_SECRET;
import static io.strongroom.sigv4.TestRequests.headers;
import static io.strongroom.sigv4.TestRequests.parse;
import static io.strongroom.sigv4.TestRequests.time;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spec 9.4's official chunked upload, the trailer variants, and bodies that break the chunk grammar. */
class AwsChunkedDecoderTest {
    static final Instant TIME = time("20130524T000000Z");
    static final SignatureScope SCOPE = new SignatureScope("20130524", "us-east-1", "s3");
    static final String SEED = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
    static final String CHUNK1 = "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648";
    static final String CHUNK2 = "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497";
    static final String FINAL = "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9";
    static final List<String> SIGNED_HEADERS = List.of("content-encoding", "content-length", "host",
            "x-amz-content-sha256", "x-amz-date", "x-amz-decoded-content-length", "x-amz-storage-class");

    static byte[] as(int count) {
        byte[] data = new byte[count];
        Arrays.fill(data, (byte) 'a');
        return data;
    }

    static byte[] officialBody(String chunk1, String chunk2, String last) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("10000;chunk-signature=" + chunk1 + "\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(as(65536));
        body.writeBytes(("\r\n400;chunk-signature=" + chunk2 + "\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(as(1024));
        body.writeBytes(("\r\n0;chunk-signature=" + last + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    static SignableRequest officialRequest(byte[] body) {
        SignableRequest unsigned = new SignableRequest("PUT", "/examplebucket/chunkObject.txt", null, headers(
                "Host", "s3.amazonaws.com", "x-amz-date", "20130524T000000Z",
                "x-amz-storage-class", "REDUCED_REDUNDANCY",
                "x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "Content-Encoding", "aws-chunked",
                "x-amz-decoded-content-length", "66560", "Content-Length", Integer.toString(body.length)), body);
        return TestRequests.signed(unsigned, S3_AKID, S3_SECRET, SCOPE, TIME, SIGNED_HEADERS,
                "STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
    }

    @Test
    void officialExampleSeedAndChunkSignaturesVerify() throws SigV4Exception {
        byte[] body = officialBody(CHUNK1, CHUNK2, FINAL);
        assertThat(body).hasSize(66824);
        SignableRequest request = officialRequest(body);
        ClaimedSignature claimed = parse(request);
        assertThat(claimed.signature()).isEqualTo(SEED);
        SigV4.verify(request, claimed, S3_SECRET, "s3", true, TIME);

        AwsChunkedDecoder.Decoded decoded = AwsChunkedDecoder.decode(request, claimed, S3_SECRET);

        assertThat(decoded.payload()).isEqualTo(as(66560));
        assertThat(decoded.trailers()).isEmpty();
    }

    @Test
    void chainProducesTheOfficialChunkSignatures() {
        ChunkSignatureChain chain =
                new ChunkSignatureChain(SigningKey.derive(S3_SECRET, SCOPE), TIME, SCOPE, SEED);
        assertThat(chain.nextChunk(as(65536), 0, 65536)).isEqualTo(CHUNK1);
        assertThat(chain.nextChunk(as(1024), 0, 1024)).isEqualTo(CHUNK2);
        assertThat(chain.nextChunk(new byte[0], 0, 0)).isEqualTo(FINAL);
    }

    @Test
    void aChangedDataByteFailsThatChunksSignature() throws SigV4Exception {
        byte[] body = officialBody(CHUNK1, CHUNK2, FINAL);
        body[100] = 'b';
        SignableRequest request = officialRequest(body);

        SigV4Exception e = catchThrowableOfType(SigV4Exception.class,
                () -> AwsChunkedDecoder.decode(request, parse(request), S3_SECRET));

        assertThat(e.failure()).isEqualTo(AuthFailure.SIGNATURE_MISMATCH);
        assertThat(e.details()).containsEntry("SignatureProvided", CHUNK1)
                .hasEntrySatisfying("StringToSign", s -> assertThat(s).startsWith("AWS4-HMAC-SHA256-PAYLOAD\n"
                        + "20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n" + SEED + "\n"));
    }

    @Test
    void reorderedOrReplacedChunkSignaturesFail() throws SigV4Exception {
        for (byte[] body : List.of(officialBody(CHUNK2, CHUNK1, FINAL), officialBody(CHUNK1, CHUNK2, CHUNK2),
                officialBody(CHUNK1, CHUNK2, FlippedCharacterTest.flip(FINAL)))) {
            SignableRequest request = officialRequest(body);
            SigV4Exception e = catchThrowableOfType(SigV4Exception.class,
                    () -> AwsChunkedDecoder.decode(request, parse(request), S3_SECRET));
            assertThat(e.failure()).isEqualTo(AuthFailure.SIGNATURE_MISMATCH);
        }
    }

    @Test
    void theWrongSecretFailsTheSeedBeforeAnyChunk() throws SigV4Exception {
        SignableRequest request = officialRequest(officialBody(CHUNK1, CHUNK2, FINAL));
        SigV4Exception e = catchThrowableOfType(SigV4Exception.class,
                () -> SigV4.verify(request, parse(request), FlippedCharacterTest.flip(S3_SECRET), "s3", true, TIME));
        assertThat(e.failure()).isEqualTo(AuthFailure.SIGNATURE_MISMATCH);
    }

    static SignableRequest trailerRequest(String mode, byte[] body, String decodedLength) {
        SignableRequest unsigned = new SignableRequest("PUT", "/examplebucket/chunkObject.txt", null, headers(
                "Host", "s3.amazonaws.com", "x-amz-date", "20130524T000000Z", "x-amz-content-sha256", mode,
                "Content-Encoding", "aws-chunked", "x-amz-trailer", "x-amz-checksum-crc32",
                "x-amz-decoded-content-length", decodedLength), body);
        return TestRequests.signed(unsigned, S3_AKID, S3_SECRET, SCOPE, TIME,
                List.of("content-encoding", "host", "x-amz-content-sha256", "x-amz-date",
                        "x-amz-decoded-content-length", "x-amz-trailer"), mode);
    }

    @Test
    void unsignedPayloadTrailer() throws SigV4Exception {
        byte[] body = ("5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        SignableRequest request = trailerRequest("STREAMING-UNSIGNED-PAYLOAD-TRAILER", body, "11");
        ClaimedSignature claimed = parse(request);
        SigV4.verify(request, claimed, S3_SECRET, "s3", true, TIME);

        AwsChunkedDecoder.Decoded decoded = AwsChunkedDecoder.decode(request, claimed, S3_SECRET);

        assertThat(new String(decoded.payload(), StandardCharsets.US_ASCII)).isEqualTo("hello world");
        assertThat(decoded.trailers()).isEqualTo(Map.of("x-amz-checksum-crc32", "DUoRhQ=="));
    }

    static byte[] signedTrailerBody(String seed, String trailerSignatureOverride) {
        ChunkSignatureChain chain = new ChunkSignatureChain(SigningKey.derive(S3_SECRET, SCOPE), TIME, SCOPE, seed);
        byte[] data = "hello world".getBytes(StandardCharsets.US_ASCII);
        String first = chain.nextChunk(data, 0, data.length);
        String last = chain.nextChunk(new byte[0], 0, 0);
        String trailer = chain.trailer("x-amz-checksum-crc32:DUoRhQ==\n");
        String trailerSignature = trailerSignatureOverride != null ? trailerSignatureOverride : trailer;
        return ("b;chunk-signature=" + first + "\r\nhello world\r\n0;chunk-signature=" + last + "\r\n"
                + "x-amz-checksum-crc32:DUoRhQ==\r\nx-amz-trailer-signature:" + trailerSignature + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void signedPayloadTrailer() throws SigV4Exception {
        String mode = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
        String seed = parse(trailerRequest(mode, new byte[0], "11")).signature();
        SignableRequest request = trailerRequest(mode, signedTrailerBody(seed, null), "11");
        ClaimedSignature claimed = parse(request);
        SigV4.verify(request, claimed, S3_SECRET, "s3", true, TIME);

        AwsChunkedDecoder.Decoded decoded = AwsChunkedDecoder.decode(request, claimed, S3_SECRET);

        assertThat(new String(decoded.payload(), StandardCharsets.US_ASCII)).isEqualTo("hello world");
        assertThat(decoded.trailers()).containsExactly(Map.entry("x-amz-checksum-crc32", "DUoRhQ=="));

        SignableRequest badTrailer = trailerRequest(mode, signedTrailerBody(seed, SEED), "11");
        SigV4Exception e = catchThrowableOfType(SigV4Exception.class,
                () -> AwsChunkedDecoder.decode(badTrailer, parse(badTrailer), S3_SECRET));
        assertThat(e.failure()).isEqualTo(AuthFailure.SIGNATURE_MISMATCH);
        assertThat(e.details().get("StringToSign")).startsWith("AWS4-HMAC-SHA256-TRAILER\n");
    }

    @Test
    void malformedBodies() {
        String mode = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
        for (String body : List.of("zz\r\nhello\r\n0\r\n\r\n", "5\r\nhel", "5\r\nhelloXX0\r\n\r\n",
                "5\r\nhello\r\n0\r\n\r\ntrailing", "5\r\nhello\r\n0\r\nno-colon\r\n\r\n")) {
            SignableRequest request = trailerRequest(mode, body.getBytes(StandardCharsets.US_ASCII), "5");
            SigV4Exception e = catchThrowableOfType(SigV4Exception.class,
                    () -> AwsChunkedDecoder.decode(request, parse(request), S3_SECRET));
            assertThat(e).as(body).isNotNull();
            assertThat(e.failure()).as(body).isEqualTo(AuthFailure.MALFORMED_CHUNKED_BODY);
        }
    }

    @Test
    void decodedLengthMustMatchTheDeclaration() {
        SignableRequest request = trailerRequest("STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                "5\r\nhello\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII), "6");
        SigV4Exception e = catchThrowableOfType(SigV4Exception.class,
                () -> AwsChunkedDecoder.decode(request, parse(request), S3_SECRET));
        assertThat(e.failure()).isEqualTo(AuthFailure.MALFORMED_CHUNKED_BODY);
    }

    @Test
    void aDeclaredLengthBeyondTheBodyIsRejectedWithoutTrustingItForTheBuffer() {
        for (String declared : List.of("2000000000", "3", "not-a-number")) {
            SignableRequest request = trailerRequest("STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                    "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII), declared);
            SigV4Exception e = catchThrowableOfType(SigV4Exception.class,
                    () -> AwsChunkedDecoder.decode(request, parse(request), S3_SECRET));
            assertThat(e).as(declared).isNotNull();
            assertThat(e.failure()).as(declared).isEqualTo(AuthFailure.MALFORMED_CHUNKED_BODY);
        }
    }

    @Test
    void withoutADeclaredLengthEveryChunkStillArrives() throws SigV4Exception {
        String mode = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
        byte[] body = "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        SignableRequest request = TestRequests.signed(new SignableRequest("PUT", "/examplebucket/chunkObject.txt",
                null, headers("Host", "s3.amazonaws.com", "x-amz-date", "20130524T000000Z",
                        "x-amz-content-sha256", mode, "Content-Encoding", "aws-chunked"), body),
                S3_AKID, S3_SECRET, SCOPE, TIME, List.of("content-encoding", "host", "x-amz-content-sha256",
                        "x-amz-date"), mode);

        assertThat(new String(AwsChunkedDecoder.decode(request, parse(request), S3_SECRET).payload(),
                StandardCharsets.US_ASCII)).isEqualTo("hello world");
    }

    @Test
    void chunkSignaturesCoverOnlyTheChunksOwnBytes() {
        byte[] surrounded = new byte[65536 + 20];
        Arrays.fill(surrounded, (byte) 'x');
        System.arraycopy(as(65536), 0, surrounded, 7, 65536);
        ChunkSignatureChain chain =
                new ChunkSignatureChain(SigningKey.derive(S3_SECRET, SCOPE), TIME, SCOPE, SEED);
        assertThat(chain.nextChunk(surrounded, 7, 65536)).isEqualTo(CHUNK1);
    }

    @Test
    void signedChunksWithoutASignatureAreMalformed() {
        byte[] body = "5\r\nhello\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        SignableRequest request = trailerRequest("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", body, "5");
        SigV4Exception e = catchThrowableOfType(SigV4Exception.class,
                () -> AwsChunkedDecoder.decode(request, parse(request), S3_SECRET));
        assertThat(e.failure()).isEqualTo(AuthFailure.MALFORMED_CHUNKED_BODY);
    }

    @Test
    void aPlainBodyIsReturnedAsIs() throws SigV4Exception {
        SignableRequest request = OfficialTestVectorTest.s3RangeGet();
        assertThat(AwsChunkedDecoder.isChunked(request)).isFalse();
        assertThatCode(() -> AwsChunkedDecoder.decode(request, parse(request), S3_SECRET).payload()).doesNotThrowAnyException();
        assertThat(AwsChunkedDecoder.decode(request, parse(request), S3_SECRET).payload()).isEmpty();
    }
}
