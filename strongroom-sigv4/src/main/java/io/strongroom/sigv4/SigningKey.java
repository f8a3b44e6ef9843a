package io.strongroom.sigv4;

import io.strongroom.kernel.Memo;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** kSigning of spec 9.3, and the signatures made with it. */
final class SigningKey {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";

    /**
     * Derived keys by secret and scope: a client signs every request of a day with the same one, and deriving it is
     * four HMACs.
     */
    private static final Memo<Derivation, SigningKey> DERIVED = new Memo<>(4096,
            d -> computed(d.secretAccessKey(), d.scope()));

    private record Derivation(String secretAccessKey, SignatureScope scope) {
    }

    private final byte[] key;

    private SigningKey(byte[] key) {
        this.key = key;
    }

    static SigningKey derive(String secretAccessKey, SignatureScope scope) {
        return DERIVED.get(new Derivation(secretAccessKey, scope));
    }

    private static SigningKey computed(String secretAccessKey, SignatureScope scope) {
        byte[] kDate = Hashing.hmacSha256(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), scope.date());
        byte[] kRegion = Hashing.hmacSha256(kDate, scope.region());
        byte[] kService = Hashing.hmacSha256(kRegion, scope.service());
        return new SigningKey(Hashing.hmacSha256(kService, SignatureScope.TERMINATOR));
    }

    static String stringToSign(Instant requestTime, SignatureScope scope, CanonicalRequest canonicalRequest) {
        return ALGORITHM + '\n' + AmzDate.format(requestTime) + '\n' + scope.credentialScope() + '\n'
                + canonicalRequest.hash();
    }

    String sign(String stringToSign) {
        return Hashing.hex(Hashing.hmacSha256(key, stringToSign));
    }

    String hex() {
        return Hashing.hex(key);
    }
}
