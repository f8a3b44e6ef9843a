package io.strongroom.benchmarks;

import io.strongroom.sigv4.ClaimedSignature;
import io.strongroom.sigv4.SigV4;
import io.strongroom.sigv4.SignableRequest;
import io.strongroom.sigv4.SignatureScope;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The cost of parsing and verifying one SigV4-signed STS request, paid by every API call. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SigV4Benchmark {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private SignableRequest signed;
    private Instant now;

    @Setup
    public void sign() {
        now = Instant.parse("2027-02-01T00:00:00Z");
        byte[] body = "Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("host", List.of("127.0.0.1:4599"));
        headers.put("x-amz-date", List.of("20270201T000000Z"));
        headers.put("content-type", List.of("application/x-www-form-urlencoded; charset=utf-8"));
        SignableRequest unsigned = new SignableRequest("POST", "/", null, headers, body);
        String authorization = SigV4.authorizationHeader(unsigned, "AKIAIOSFODNN7EXAMPLE", SECRET,
                new SignatureScope("20270201", "eu-west-1", "sts"), now,
                List.of("content-type", "host", "x-amz-date"), sha256Hex(body));
        Map<String, List<String>> withAuth = new HashMap<>(headers);
        withAuth.put("authorization", List.of(authorization));
        signed = new SignableRequest("POST", "/", null, withAuth, body);
    }

    private static String sha256Hex(byte[] body) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Benchmark
    public ClaimedSignature parseAndVerify() throws Exception {
        ClaimedSignature claimed = SigV4.parse(signed).orElseThrow();
        SigV4.verify(signed, claimed, SECRET, "sts", false, now);
        return claimed;
    }
}
