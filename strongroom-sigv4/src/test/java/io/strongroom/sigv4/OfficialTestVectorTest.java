package io.strongroom.sigv4;

import static io.strongroom.sigv4.TestRequests.AKID;
import static io.strongroom.sigv4.TestRequests.S3_AKID;
import static io.strongroom.sigv4.TestRequests.S3_SECRET;
import static io.strongroom.sigv4.TestRequests.SECRET;
import static io.strongroom.sigv4.TestRequests.headers;
import static io.strongroom.sigv4.TestRequests.parse;
import static io.strongroom.sigv4.TestRequests.parseAndVerify;
import static io.strongroom.sigv4.TestRequests.request;
import static io.strongroom.sigv4.TestRequests.time;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spec 9.9's vectors, each checked step by step and then end to end through parse + verify. */
class OfficialTestVectorTest {
    static final Instant VANILLA_TIME = time("20150830T123600Z");
    static final SignatureScope VANILLA_SCOPE = new SignatureScope("20150830", "us-east-1", "service");
    static final String VANILLA_AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/"
            + "aws4_request, SignedHeaders=host;x-amz-date, "
            + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";

    static SignableRequest getVanilla() {
        return request("GET", "/", null,
                headers("Host", "example.amazonaws.com", "X-Amz-Date", "20150830T123600Z"), "");
    }

    @Test
    void getVanillaCanonicalRequestStringToSignKeyAndSignature() {
        CanonicalRequest canonical = CanonicalRequest.of(getVanilla(), List.of("host", "x-amz-date"),
                Hashing.EMPTY_SHA256, false, false);

        assertThat(canonical.text()).isEqualTo("""
                GET
                /

                host:example.amazonaws.com
                x-amz-date:20150830T123600Z

                host;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""");
        String stringToSign = SigningKey.stringToSign(VANILLA_TIME, VANILLA_SCOPE, canonical);
        assertThat(stringToSign).isEqualTo("""
                AWS4-HMAC-SHA256
                20150830T123600Z
                20150830/us-east-1/service/aws4_request
                bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63""");
        SigningKey key = SigningKey.derive(SECRET, VANILLA_SCOPE);
        assertThat(key.hex()).isEqualTo("938127b5336810ddb6a5d6af445fcac9e371f9ed418ed386b022aed82901be75");
        assertThat(key.sign(stringToSign))
                .isEqualTo("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    }

    @Test
    void getVanillaAuthorizationHeaderIsReproducedAndVerifies() throws SigV4Exception {
        assertThat(SigV4.authorizationHeader(getVanilla(), AKID, SECRET, VANILLA_SCOPE, VANILLA_TIME,
                List.of("host", "x-amz-date"), Hashing.EMPTY_SHA256)).isEqualTo(VANILLA_AUTHORIZATION);

        SignableRequest request = getVanilla().withHeader("Authorization", VANILLA_AUTHORIZATION);
        ClaimedSignature claimed = parse(request);

        assertThat(claimed).isEqualTo(new ClaimedSignature(AKID, VANILLA_SCOPE, List.of("host", "x-amz-date"),
                "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", VANILLA_TIME, null, false, null));
        assertThatCode(() -> SigV4.verify(request, claimed, SECRET, "service", false, VANILLA_TIME))
                .doesNotThrowAnyException();
    }

    @Test
    void getVanillaQueryOrderKeyCase() {
        SignableRequest request = request("GET", "/", "Param2=value2&Param1=value1",
                headers("Host", "example.amazonaws.com", "X-Amz-Date", "20150830T123600Z"), "");

        assertThat(CanonicalQuery.of(request.rawQuery(), false)).isEqualTo("Param1=value1&Param2=value2");
        String authorization = SigV4.authorizationHeader(request, AKID, SECRET, VANILLA_SCOPE, VANILLA_TIME,
                List.of("host", "x-amz-date"), Hashing.EMPTY_SHA256);
        assertThat(authorization)
                .endsWith("Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
        assertThatCode(() -> parseAndVerify(request.withHeader("Authorization", authorization), SECRET, "service",
                false, VANILLA_TIME)).doesNotThrowAnyException();
    }

    static SignableRequest iamListUsers() {
        return request("GET", "/", "Action=ListUsers&Version=2010-05-08",
                headers("Content-Type", "application/x-www-form-urlencoded; charset=utf-8",
                        "Host", "iam.amazonaws.com", "X-Amz-Date", "20150830T123600Z"), "");
    }

    @Test
    void iamListUsers_canonicalHashAndSignature() {
        SignatureScope scope = new SignatureScope("20150830", "us-east-1", "iam");
        List<String> signed = List.of("content-type", "host", "x-amz-date");
        CanonicalRequest canonical = CanonicalRequest.of(iamListUsers(), signed, Hashing.EMPTY_SHA256, false, false);

        assertThat(canonical.hash()).isEqualTo("f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59");
        String authorization = SigV4.authorizationHeader(iamListUsers(), AKID, SECRET, scope, VANILLA_TIME, signed,
                Hashing.EMPTY_SHA256);
        assertThat(authorization).isEqualTo("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/"
                + "aws4_request, SignedHeaders=content-type;host;x-amz-date, "
                + "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
        assertThatCode(() -> parseAndVerify(iamListUsers().withHeader("Authorization", authorization), SECRET, "iam",
                false, VANILLA_TIME)).doesNotThrowAnyException();
    }

    @Test
    void keyDerivationForIam20120215() {
        assertThat(SigningKey.derive(SECRET, new SignatureScope("20120215", "us-east-1", "iam")).hex())
                .isEqualTo("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
    }

    static final String S3_PRESIGNED_QUERY = "X-Amz-Algorithm=AWS4-HMAC-SHA256"
            + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
            + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
            + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";

    static SignableRequest s3Presigned() {
        return new SignableRequest("GET", "/test.txt", S3_PRESIGNED_QUERY,
                headers("Host", "examplebucket.s3.amazonaws.com"), new byte[0]);
    }

    @Test
    void s3PresignedGet() throws SigV4Exception {
        SignableRequest unsigned = new SignableRequest("GET", "/test.txt", null,
                headers("Host", "examplebucket.s3.amazonaws.com"), new byte[0]);
        String query = SigV4.presignedQuery(unsigned, S3_AKID, S3_SECRET,
                new SignatureScope("20130524", "us-east-1", "s3"), time("20130524T000000Z"), 86400, List.of("host"),
                null);
        assertThat(query).isEqualTo(S3_PRESIGNED_QUERY);

        ClaimedSignature claimed = parse(s3Presigned());
        assertThat(claimed.presigned()).isTrue();
        assertThat(claimed.expiresSeconds()).isEqualTo(86400L);
        assertThat(claimed.accessKeyId()).isEqualTo(S3_AKID);
        assertThatCode(() -> SigV4.verify(s3Presigned(), claimed, S3_SECRET, "s3", true,
                time("20130524T120000Z"))).doesNotThrowAnyException();
    }

    static SignableRequest s3RangeGet() {
        SignableRequest request = request("GET", "/test.txt", null,
                headers("Host", "examplebucket.s3.amazonaws.com", "Range", "bytes=0-9",
                        "x-amz-content-sha256", Hashing.EMPTY_SHA256, "x-amz-date", "20130524T000000Z"), "");
        return request.withHeader("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/"
                + "us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    }

    @Test
    void s3GetWithRangeHeaderAuth() {
        assertThatCode(() -> parseAndVerify(s3RangeGet(), S3_SECRET, "s3", true, time("20130524T000000Z")))
                .doesNotThrowAnyException();
    }
}
