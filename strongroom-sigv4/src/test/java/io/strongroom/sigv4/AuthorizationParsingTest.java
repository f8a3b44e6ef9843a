package io.strongroom.sigv4;

import static io.strongroom.sigv4.TestRequests.SECRET;
import static io.strongroom.sigv4.TestRequests.headers;
import static io.strongroom.sigv4.TestRequests.parse;
import static io.strongroom.sigv4.TestRequests.request;
import static io.strongroom.sigv4.TestRequests.time;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed Authorization headers, presigned queries and scopes, with the messages of spec 9. */
class AuthorizationParsingTest {
    static final Instant TIME = OfficialTestVectorTest.VANILLA_TIME;
    static final String SIG = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";
    static final String CREDENTIAL = "Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request";

    static SignableRequest withAuthorization(String authorization) {
        return OfficialTestVectorTest.getVanilla().withHeader("Authorization", authorization);
    }

    static SigV4Exception parseFailure(SignableRequest request) {
        SigV4Exception e = catchThrowableOfType(SigV4Exception.class, () -> SigV4.parse(request));
        assertThat(e).as("expected parse to fail").isNotNull();
        return e;
    }

    static SigV4Exception verifyFailure(SignableRequest request, String service) {
        SigV4Exception e = catchThrowableOfType(SigV4Exception.class,
                () -> SigV4.verify(request, parse(request), SECRET, service, false, TIME));
        assertThat(e).as("expected verify to fail").isNotNull();
        return e;
    }

    @Test
    void noAuthenticationAtAllIsEmpty() throws SigV4Exception {
        assertThat(SigV4.parse(OfficialTestVectorTest.getVanilla())).isEmpty();
        assertThat(SigV4.parse(request("GET", "/", "Action=ListUsers&X-Amz-Date=20150830T123600Z",
                headers("Host", "iam.amazonaws.com"), ""))).isEmpty();
    }

    @Test
    void commasWithoutSpacesAreAccepted() {
        SignableRequest request = withAuthorization("AWS4-HMAC-SHA256 " + CREDENTIAL
                + ",SignedHeaders=host;x-amz-date,Signature=" + SIG);
        assertThatCode(() -> SigV4.verify(request, parse(request), SECRET, "service", false, TIME))
                .doesNotThrowAnyException();
    }

    @Test
    void sessionTokenHeaderIsClaimed() throws SigV4Exception {
        SignableRequest request = withAuthorization(OfficialTestVectorTest.VANILLA_AUTHORIZATION)
                .withHeader("X-Amz-Security-Token", "FQoGZXIvYXdzEXAMPLE");
        assertThat(parse(request).securityToken()).isEqualTo("FQoGZXIvYXdzEXAMPLE");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SignedHeaders=host;x-amz-date, Signature=" + SIG
                + " | Authorization header requires 'Credential' parameter.",
        CREDENTIAL + ", SignedHeaders=host;x-amz-date"
                + " | Authorization header requires 'Signature' parameter.",
        CREDENTIAL + ", Signature=" + SIG
                + " | Authorization header requires 'SignedHeaders' parameter.",
        "'' | Authorization header requires 'Credential' parameter. Authorization header requires 'Signature'"
                + " parameter. Authorization header requires 'SignedHeaders' parameter.",
    })
    void missingPartsAreAnIncompleteSignatureListingEachPart(String rest, String sentences) {
        String header = "AWS4-HMAC-SHA256 " + rest;
        SigV4Exception e = parseFailure(withAuthorization(header));

        assertThat(e.failure()).isEqualTo(AuthFailure.INCOMPLETE_SIGNATURE);
        assertThat(e.getMessage()).isEqualTo(sentences + " Authorization=" + header);
        assertThat(AuthErrors.of(e.failure(), ProtocolFamily.QUERY, e.getMessage()))
                .isEqualTo(new AuthError("IncompleteSignature", 400, e.getMessage()));
    }

    @Test
    void missingDateIsAnIncompleteSignature() {
        SignableRequest request = request("GET", "/", null, headers("Host", "example.amazonaws.com",
                "Authorization", OfficialTestVectorTest.VANILLA_AUTHORIZATION), "");
        SigV4Exception e = parseFailure(request);

        assertThat(e.failure()).isEqualTo(AuthFailure.INCOMPLETE_SIGNATURE);
        assertThat(e.getMessage()).isEqualTo("Authorization header requires existence of either a 'X-Amz-Date' or"
                + " a 'Date' header. Authorization=" + OfficialTestVectorTest.VANILLA_AUTHORIZATION);
    }

    @Test
    void httpDateHeaderServesWhenThereIsNoXAmzDate() throws SigV4Exception {
        SignableRequest request = request("GET", "/", null, headers("Host", "example.amazonaws.com",
                "Date", "Sun, 30 Aug 2015 12:36:00 GMT"), "");
        SignableRequest signed = TestRequests.signed(request, TestRequests.AKID, SECRET,
                OfficialTestVectorTest.VANILLA_SCOPE, TIME, List.of("date", "host"), Hashing.EMPTY_SHA256);

        assertThat(parse(signed).requestTime()).isEqualTo(TIME);
        assertThatCode(() -> SigV4.verify(signed, parse(signed), SECRET, "service", false, TIME))
                .doesNotThrowAnyException();
    }

    @Test
    void unparseableXAmzDate() {
        SigV4Exception e = parseFailure(withAuthorization(OfficialTestVectorTest.VANILLA_AUTHORIZATION)
                .withHeader("X-Amz-Date", "2015-08-30T12:36:00Z"));
        assertThat(e.failure()).isEqualTo(AuthFailure.INCOMPLETE_SIGNATURE);
        assertThat(e.getMessage()).isEqualTo("Date must be in ISO-8601 'basic format'. Got '2015-08-30T12:36:00Z'."
                + " See http://en.wikipedia.org/wiki/ISO_8601");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "AWS4-HMAC-SHA512 " + CREDENTIAL + ", SignedHeaders=host, Signature=" + SIG,
        "AWS3-HTTPS AWSAccessKeyId=AKIDEXAMPLE,Algorithm=HmacSHA256,Signature=frJIUN8DYpKDtOLCwo//yllqDzg=",
        "Bearer abc",
    })
    // S3's version-2 "AWS key:signature" parses (D131); SigV2HeaderTest holds that other services refuse it so.
    void otherAlgorithmsAreMalformed(String header) {
        SigV4Exception e = parseFailure(withAuthorization(header));

        assertThat(e.failure()).isEqualTo(AuthFailure.MALFORMED_AUTHORIZATION);
        assertThat(e.getMessage()).isEqualTo(
                "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.");
    }

    @Test
    void aPairWithoutEqualSignIsMalformed() {
        String header = "AWS4-HMAC-SHA256 " + CREDENTIAL + ", SignedHeaders, Signature=" + SIG;
        SigV4Exception e = parseFailure(withAuthorization(header));

        assertThat(e.failure()).isEqualTo(AuthFailure.MALFORMED_AUTHORIZATION);
        assertThat(e.getMessage()).isEqualTo("'SignedHeaders' not a valid key=value pair (missing equal-sign) in"
                + " Authorization header: '" + header + "'.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "AKIDEXAMPLE/20150830/us-east-1/service",
        "AKIDEXAMPLE/20150830/us-east-1/service/aws4_request/extra",
        "/20150830/us-east-1/service/aws4_request",
        "AKIDEXAMPLE",
    })
    void credentialWithTheWrongShapeIsMalformed(String credential) {
        SigV4Exception e = parseFailure(withAuthorization("AWS4-HMAC-SHA256 Credential=" + credential
                + ", SignedHeaders=host;x-amz-date, Signature=" + SIG));

        assertThat(e.failure()).isEqualTo(AuthFailure.MALFORMED_AUTHORIZATION);
        assertThat(e.getMessage()).isEqualTo("The authorization header is malformed; the Credential is mal-formed;"
                + " expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
    }

    @Test
    void badTerminator() {
        SigV4Exception e = parseFailure(withAuthorization("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/"
                + "us-east-1/service/aws4_reqest, SignedHeaders=host;x-amz-date, Signature=" + SIG));

        assertThat(e.failure()).isEqualTo(AuthFailure.INVALID_CREDENTIAL_SCOPE);
        assertThat(e.getMessage()).isEqualTo("Credential should be scoped with a valid terminator: 'aws4_request'");
    }

    @Test
    void syntacticallyInvalidRegion() {
        SigV4Exception e = parseFailure(withAuthorization("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/"
                + "US_EAST/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + SIG));

        assertThat(e.failure()).isEqualTo(AuthFailure.INVALID_CREDENTIAL_SCOPE);
        assertThat(e.getMessage()).isEqualTo("Credential should be scoped to a valid Region, not US_EAST");
    }

    @Test
    void anyWellFormedRegionIsServed() {
        SignatureScope scope = new SignatureScope("20150830", "ap-southeast-7", "service");
        SignableRequest request = TestRequests.signed(OfficialTestVectorTest.getVanilla(), TestRequests.AKID,
                SECRET, scope, TIME, List.of("host", "x-amz-date"), Hashing.EMPTY_SHA256);
        assertThatCode(() -> SigV4.verify(request, parse(request), SECRET, "service", false, TIME))
                .doesNotThrowAnyException();
    }

    @Test
    void scopeDateNotMatchingTheRequestDate() {
        SignableRequest request = withAuthorization("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150831/"
                + "us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + SIG);
        SigV4Exception e = verifyFailure(request, "service");

        assertThat(e.failure()).isEqualTo(AuthFailure.INVALID_CREDENTIAL_SCOPE);
        assertThat(e.getMessage()).isEqualTo(
                "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP");
    }

    @Test
    void scopeDateThatIsNoDate() {
        SigV4Exception e = parseFailure(withAuthorization("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/2015-08-30/"
                + "us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + SIG));
        assertThat(e.getMessage()).isEqualTo(
                "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP");
    }

    @Test
    void scopeForAnotherService() {
        SigV4Exception e = verifyFailure(withAuthorization(OfficialTestVectorTest.VANILLA_AUTHORIZATION), "sts");

        assertThat(e.failure()).isEqualTo(AuthFailure.INVALID_CREDENTIAL_SCOPE);
        assertThat(e.getMessage()).isEqualTo("Credential should be scoped to correct service: 'sts'");
        assertThat(AuthErrors.of(e.failure(), ProtocolFamily.JSON, e.getMessage()))
                .isEqualTo(new AuthError("InvalidSignatureException", 400, e.getMessage()));
    }

    @Test
    void hostMustBeSigned() {
        SigV4Exception e = parseFailure(withAuthorization(
                "AWS4-HMAC-SHA256 " + CREDENTIAL + ", SignedHeaders=x-amz-date, Signature=" + SIG));

        assertThat(e.failure()).isEqualTo(AuthFailure.INCOMPLETE_SIGNATURE);
        assertThat(e.getMessage()).isEqualTo("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }

    @Test
    void headerAndPresignedAuthTogetherAreMalformed() {
        SignableRequest request = OfficialTestVectorTest.s3Presigned()
                .withHeader("Authorization", OfficialTestVectorTest.VANILLA_AUTHORIZATION);
        SigV4Exception e = parseFailure(request);

        assertThat(e.failure()).isEqualTo(AuthFailure.MALFORMED_AUTHORIZATION);
        assertThat(e.getMessage()).startsWith("Only one auth mechanism allowed");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "X-Amz-Expires=86400 | X-Amz-Expires=abc | X-Amz-Expires should be a number",
        "X-Amz-Expires=86400 | X-Amz-Expires=-1 | X-Amz-Expires must be non-negative",
        "X-Amz-Algorithm=AWS4-HMAC-SHA256 | X-Amz-Algorithm=AWS4-HMAC-SHA1 | "
                + "X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"",
        "X-Amz-Date=20130524T000000Z | X-Amz-Date=20130524 | "
                + "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"",
        "&X-Amz-SignedHeaders=host | '' | Query-string authentication version 4 requires the X-Amz-Algorithm,"
                + " X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.",
        "X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524 | X-Amz-Credential=AKIAIOSFODNN7EXAMPLE | "
                + "Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting"
                + " \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".",
    })
    void malformedPresignedQueries(String from, String to, String message) {
        SignableRequest request = OfficialTestVectorTest.s3Presigned();
        String query = request.rawQuery().replace(from, to);
        if (from.startsWith("X-Amz-Credential")) {
            query = query.replace("%2Fus-east-1%2Fs3%2Faws4_request", "");
        }
        SigV4Exception e = parseFailure(request.withRawQuery(query));

        assertThat(e.failure()).isEqualTo(AuthFailure.MALFORMED_PRESIGNED_QUERY);
        assertThat(e.getMessage()).isEqualTo(message);
        assertThat(AuthErrors.of(e.failure(), ProtocolFamily.S3, e.getMessage()))
                .isEqualTo(new AuthError("AuthorizationQueryParametersError", 400, message));
    }

    @Test
    void presignedSessionTokenIsPartOfTheCanonicalQuery() throws SigV4Exception {
        SignableRequest request = new SignableRequest("GET", "/", "Action=GetCallerIdentity&Version=2011-06-15",
                headers("Host", "sts.amazonaws.com"), new byte[0]);
        SignatureScope scope = new SignatureScope("20150830", "us-east-1", "sts");
        String token = "IQoJb3JpZ2luX2VjEXAMPLE+/=";
        SignableRequest presigned = request.withRawQuery(SigV4.presignedQuery(request, "ASIAEXAMPLE", SECRET, scope,
                TIME, 60, List.of("host"), token));

        ClaimedSignature claimed = parse(presigned);
        assertThat(claimed.securityToken()).isEqualTo(token);
        assertThat(presigned.rawQuery()).contains("X-Amz-Security-Token=IQoJb3JpZ2luX2VjEXAMPLE%2B%2F%3D");
        SigV4.verify(presigned, claimed, SECRET, "sts", false, time("20150830T123700Z"));

        SignableRequest otherToken = presigned.withRawQuery(presigned.rawQuery().replace("EXAMPLE%2B", "EXAMPLE%2C"));
        assertThat(catchThrowableOfType(SigV4Exception.class,
                () -> SigV4.verify(otherToken, parse(otherToken), SECRET, "sts", false, TIME)).failure())
                .isEqualTo(AuthFailure.SIGNATURE_MISMATCH);
    }
}
