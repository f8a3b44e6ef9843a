package io.strongroom.sigv4;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link SignableRequest}s tersely for tests. */
final class TestRequests {
    static final String AKID = "AKIDEXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    static final String S3_AKID = "AKIAIOSFODNN7EXAMPLE";
    static final String S3_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private TestRequests() {
    }

    /** Headers from name/value pairs; a repeated name becomes a multi-valued header. */
    static Map<String, List<String>> headers(String... nameValues) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            headers.computeIfAbsent(nameValues[i], k -> new ArrayList<>()).add(nameValues[i + 1]);
        }
        return headers;
    }

    static SignableRequest request(String method, String path, String query, Map<String, List<String>> headers,
                                   String body) {
        return new SignableRequest(method, path, query, headers,
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
    }

    static Instant time(String amzDate) {
        return AmzDate.parseBasic(amzDate).orElseThrow();
    }

    static SignableRequest signed(SignableRequest request, String akid, String secret, SignatureScope scope,
                                  Instant time, List<String> signedHeaders, String payloadHash) {
        return request.withHeader("Authorization",
                SigV4.authorizationHeader(request, akid, secret, scope, time, signedHeaders, payloadHash));
    }

    static ClaimedSignature parse(SignableRequest request) throws SigV4Exception {
        return SigV4.parse(request).orElseThrow();
    }

    static void parseAndVerify(SignableRequest request, String secret, String service, boolean s3, Instant now)
            throws SigV4Exception {
        SigV4.verify(request, parse(request), secret, service, s3, now);
    }
}
