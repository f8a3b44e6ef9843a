package io.strongroom.sigv4;

import static io.strongroom.sigv4.TestRequests.S3_SECRET;
import static io.strongroom.sigv4.TestRequests.SECRET;
import static io.strongroom.sigv4.TestRequests.time;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every spec vector verifies as given, and changing one character of any signed part makes it fail with
 * SIGNATURE_MISMATCH: a verifier that ignored a part would let that part be tampered with.
 */
class FlippedCharacterTest {
    record Case(String name, SignableRequest request, String secret, String service, boolean s3, Instant now) {
        Case with(String what, UnaryOperator<SignableRequest> change) {
            return new Case(name + ": " + what, change.apply(request), secret, service, s3, now);
        }

        Case withSecret(String newSecret) {
            return new Case(name + ": secret", request, newSecret, service, s3, now);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> vectors() {
        Instant vanillaTime = OfficialTestVectorTest.VANILLA_TIME;
        SignableRequest queryOrder = TestRequests.signed(
                TestRequests.request("GET", "/", "Param2=value2&Param1=value1", TestRequests.headers(
                        "Host", "example.amazonaws.com", "X-Amz-Date", "20150830T123600Z"), ""),
                TestRequests.AKID, SECRET, OfficialTestVectorTest.VANILLA_SCOPE, vanillaTime,
                List.of("host", "x-amz-date"), Hashing.EMPTY_SHA256);
        SignableRequest iam = TestRequests.signed(OfficialTestVectorTest.iamListUsers(), TestRequests.AKID, SECRET,
                new SignatureScope("20150830", "us-east-1", "iam"), vanillaTime,
                List.of("content-type", "host", "x-amz-date"), Hashing.EMPTY_SHA256);
        return List.of(
                new Case("get-vanilla", OfficialTestVectorTest.getVanilla().withHeader("Authorization",
                        OfficialTestVectorTest.VANILLA_AUTHORIZATION), SECRET, "service", false, vanillaTime),
                new Case("get-vanilla-query-order-key-case", queryOrder, SECRET, "service", false, vanillaTime),
                new Case("iam-list-users", iam, SECRET, "iam", false, vanillaTime),
                new Case("s3-presigned-get", OfficialTestVectorTest.s3Presigned(), S3_SECRET, "s3", true,
                        time("20130524T000000Z")),
                new Case("s3-range-get", OfficialTestVectorTest.s3RangeGet(), S3_SECRET, "s3", true,
                        time("20130524T000000Z")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void vectorVerifiesAsGiven(Case c) {
        assertThatCode(() -> verify(c)).doesNotThrowAnyException();
    }

    static Stream<Case> tampered() {
        List<Case> cases = new ArrayList<>();
        for (Case c : vectors()) {
            SignableRequest r = c.request();
            cases.add(c.with("method", req -> new SignableRequest(flip(req.method()), req.rawPath(), req.rawQuery(),
                    req.headers(), req.body())));
            if (r.rawPath().length() > 1) {
                cases.add(c.with("path", req -> new SignableRequest(req.method(), flip(req.rawPath()),
                        req.rawQuery(), req.headers(), req.body())));
            }
            if (r.rawQuery() != null) {
                cases.add(c.with("query", req -> req.withRawQuery(c.request().rawQuery().startsWith("X-Amz")
                        ? req.rawQuery().replace("X-Amz-Expires=86400", "X-Amz-Expires=86401")
                        : flip(req.rawQuery()))));
            }
            cases.add(c.with("host header", req -> req.withHeader("host", flip(req.header("host")))));
            for (String signed : List.of("content-type", "range", "x-amz-content-sha256")) {
                if (r.header(signed) != null) {
                    cases.add(c.with(signed + " header", req -> req.withHeader(signed, flip(req.header(signed)))));
                }
            }
            if (!c.s3()) {
                cases.add(c.with("body", req -> new SignableRequest(req.method(), req.rawPath(), req.rawQuery(),
                        req.headers(), "x".getBytes(StandardCharsets.UTF_8))));
            }
            cases.add(c.withSecret(flip(c.secret())));
            cases.add(c.with("date", req -> req.header("x-amz-date") != null
                    ? req.withHeader("x-amz-date", flipSeconds(req.header("x-amz-date")))
                    : req.withRawQuery(req.rawQuery().replace("X-Amz-Date=20130524T000000Z",
                            "X-Amz-Date=20130524T000001Z"))));
            cases.add(c.with("signature", req -> req.header("authorization") != null
                    ? req.withHeader("authorization", flip(req.header("authorization")))
                    : req.withRawQuery(flip(req.rawQuery()))));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tampered")
    void oneFlippedCharacterIsASignatureMismatch(Case c) {
        SigV4Exception e = catchThrowableOfType(SigV4Exception.class, () -> verify(c));

        assertThat(e).as(c.name()).isNotNull();
        assertThat(e.failure()).as(e.getMessage()).isEqualTo(AuthFailure.SIGNATURE_MISMATCH);
        assertThat(e.getMessage()).isEqualTo(AuthErrors.SIGNATURE_MISMATCH);
    }

    private static void verify(Case c) throws SigV4Exception {
        TestRequests.parseAndVerify(c.request(), c.secret(), c.service(), c.s3(), c.now());
    }

    /** Changes the last character: digits count up, letters change case, anything else becomes 'x'. */
    static String flip(String value) {
        char last = value.charAt(value.length() - 1);
        char flipped = Character.isDigit(last) ? (char) ('0' + (last - '0' + 1) % 10)
                : Character.isUpperCase(last) ? Character.toLowerCase(last)
                : Character.isLowerCase(last) ? Character.toUpperCase(last) : 'x';
        return value.substring(0, value.length() - 1) + flipped;
    }

    /** 20150830T123600Z -> 20150830T123601Z: same scope date, still within the clock window. */
    static String flipSeconds(String amzDate) {
        return flip(amzDate.substring(0, amzDate.length() - 1)) + "Z";
    }
}
