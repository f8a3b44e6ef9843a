package io.strongroom.sigv4;

import static io.strongroom.sigv4.TestRequests.AKID;
import static io.strongroom.sigv4.TestRequests.SECRET;
import static io.strongroom.sigv4.TestRequests.headers;
import static io.strongroom.sigv4.TestRequests.parseAndVerify;
import static io.strongroom.sigv4.TestRequests.time;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spec 9.6: the 15-minute window both ways, AWS's exact messages, and presigned expiry. */
class RequestTimeWindowTest {
    static final Instant SERVER_NOW = time("20261128T123000Z");

    static SignableRequest stsRequestAt(String amzDate) {
        SignableRequest request = TestRequests.request("POST", "/", null, headers("Host", "sts.amazonaws.com",
                "X-Amz-Date", amzDate, "Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                "Action=GetCallerIdentity&Version=2011-06-15");
        return TestRequests.signed(request, AKID, SECRET,
                new SignatureScope(amzDate.substring(0, 8), "us-east-1", "sts"), time(amzDate),
                List.of("content-type", "host", "x-amz-date"), Hashing.sha256Hex(request.body()));
    }

    static SigV4Exception failure(SignableRequest request, Instant now) {
        return catchThrowableOfType(SigV4Exception.class, () -> parseAndVerify(request, SECRET, "sts", false, now));
    }

    @Test
    void specExampleOfAnExpiredSignature() {
        SigV4Exception e = failure(stsRequestAt("20261128T120000Z"), SERVER_NOW);

        assertThat(e.failure()).isEqualTo(AuthFailure.REQUEST_TIME_SKEWED);
        assertThat(e.getMessage()).isEqualTo(
                "Signature expired: 20261128T120000Z is now earlier than 20261128T121500Z (20261128T123000Z - 15 min.)");
        assertThat(e.details()).containsExactly(Map.entry("RequestTime", "20261128T120000Z"),
                Map.entry("ServerTime", "2026-11-28T12:30:00Z"), Map.entry("MaxAllowedSkewMilliseconds", "900000"));
    }

    @Test
    void specExampleOfASignatureNotYetCurrent() {
        SigV4Exception e = failure(stsRequestAt("20261128T130000Z"), SERVER_NOW);

        assertThat(e.failure()).isEqualTo(AuthFailure.REQUEST_TIME_SKEWED);
        assertThat(e.getMessage()).isEqualTo("Signature not yet current: 20261128T130000Z is still later than"
                + " 20261128T124500Z (20261128T123000Z + 15 min.)");
    }

    @Test
    void exactlyFifteenMinutesEitherWayIsAccepted() {
        assertThatCode(() -> parseAndVerify(stsRequestAt("20261128T121500Z"), SECRET, "sts", false, SERVER_NOW))
                .doesNotThrowAnyException();
        assertThatCode(() -> parseAndVerify(stsRequestAt("20261128T124500Z"), SECRET, "sts", false, SERVER_NOW))
                .doesNotThrowAnyException();
        // Sub-second server precision does not tip a boundary request over.
        assertThatCode(() -> parseAndVerify(stsRequestAt("20261128T121500Z"), SECRET, "sts", false,
                SERVER_NOW.plusMillis(999))).doesNotThrowAnyException();
    }

    @Test
    void oneSecondBeyondFifteenMinutesIsRejected() {
        assertThat(failure(stsRequestAt("20261128T121459Z"), SERVER_NOW).getMessage()).isEqualTo(
                "Signature expired: 20261128T121459Z is now earlier than 20261128T121500Z (20261128T123000Z - 15 min.)");
        assertThat(failure(stsRequestAt("20261128T124501Z"), SERVER_NOW).getMessage()).isEqualTo(
                "Signature not yet current: 20261128T124501Z is still later than 20261128T124500Z"
                        + " (20261128T123000Z + 15 min.)");
    }

    @Test
    void skewIsReportedAsEachFamilyReportsIt() {
        SigV4Exception e = failure(stsRequestAt("20261128T120000Z"), SERVER_NOW);
        assertThat(AuthErrors.of(e.failure(), ProtocolFamily.QUERY, e.getMessage()))
                .isEqualTo(new AuthError("SignatureDoesNotMatch", 403, e.getMessage()));
        assertThat(AuthErrors.of(e.failure(), ProtocolFamily.S3, e.getMessage())).isEqualTo(new AuthError(
                "RequestTimeTooSkewed", 403,
                "The difference between the request time and the current time is too large."));
    }

    static SignableRequest presignedAt(String amzDate, long expires) {
        SignableRequest request = new SignableRequest("GET", "/bucket/key.txt", null,
                headers("Host", "s3.amazonaws.com"), new byte[0]);
        return request.withRawQuery(SigV4.presignedQuery(request, AKID, SECRET,
                new SignatureScope(amzDate.substring(0, 8), "us-east-1", "s3"), time(amzDate), expires,
                List.of("host"), null));
    }

    static SigV4Exception presignedFailure(SignableRequest request, Instant now) {
        return catchThrowableOfType(SigV4Exception.class, () -> parseAndVerify(request, SECRET, "s3", true, now));
    }

    @Test
    void presignedUrlIsValidUntilDatePlusExpiresInclusive() {
        SignableRequest request = presignedAt("20261128T120000Z", 3600);
        assertThatCode(() -> parseAndVerify(request, SECRET, "s3", true, time("20261128T130000Z")))
                .doesNotThrowAnyException();

        SigV4Exception e = presignedFailure(request, time("20261128T130001Z"));

        assertThat(e.failure()).isEqualTo(AuthFailure.PRESIGNED_EXPIRED);
        assertThat(e.getMessage()).isEqualTo("Request has expired");
        assertThat(e.details()).containsExactly(Map.entry("X-Amz-Expires", "3600"),
                Map.entry("Expires", "2026-11-28T13:00:00Z"), Map.entry("ServerTime", "2026-11-28T13:00:01Z"));
        assertThat(AuthErrors.of(e.failure(), ProtocolFamily.S3, e.getMessage()))
                .isEqualTo(new AuthError("AccessDenied", 403, "Request has expired"));
    }

    @Test
    void presignedUrlOutlivesTheFifteenMinuteWindowUpToAWeek() {
        SignableRequest request = presignedAt("20261128T120000Z", 604800);
        assertThatCode(() -> parseAndVerify(request, SECRET, "s3", true, time("20261205T120000Z")))
                .doesNotThrowAnyException();
        assertThat(presignedFailure(request, time("20261205T120001Z")).failure())
                .isEqualTo(AuthFailure.PRESIGNED_EXPIRED);
    }

    @Test
    void presignedUrlFromTheFutureIsNotYetCurrent() {
        SignableRequest request = presignedAt("20261128T124500Z", 60);
        assertThatCode(() -> parseAndVerify(request, SECRET, "s3", true, SERVER_NOW)).doesNotThrowAnyException();

        SigV4Exception e = presignedFailure(presignedAt("20261128T124501Z", 60), SERVER_NOW);
        assertThat(e.failure()).isEqualTo(AuthFailure.REQUEST_TIME_SKEWED);
        assertThat(e.getMessage()).startsWith("Signature not yet current: 20261128T124501Z");
    }

    @Test
    void expiresBeyondAWeekIsAQueryParameterError() {
        SignableRequest request = presignedAt("20261128T120000Z", 604800);
        SignableRequest tooLong = request.withRawQuery(
                request.rawQuery().replace("X-Amz-Expires=604800", "X-Amz-Expires=604801"));

        SigV4Exception e = catchThrowableOfType(SigV4Exception.class, () -> SigV4.parse(tooLong));

        assertThat(e.failure()).isEqualTo(AuthFailure.MALFORMED_PRESIGNED_QUERY);
        assertThat(e.getMessage()).isEqualTo("X-Amz-Expires must be less than a week (in seconds) that is; 604800");
        assertThat(AuthErrors.of(e.failure(), ProtocolFamily.S3, e.getMessage()).code())
                .isEqualTo("AuthorizationQueryParametersError");
    }
}
