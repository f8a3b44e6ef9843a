package io.strongroom.sigv4;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The chained signatures of an aws-chunked body (spec 9.4): each chunk signs its data together with the
 * previous signature, starting from the seed signature of the headers, so chunks cannot be dropped,
 * reordered or spliced from another upload.
 */
final class ChunkSignatureChain {
    private final SigningKey key;
    private final String amzDate;
    private final String scope;
    private String previous;
    private String lastStringToSign = "";

    ChunkSignatureChain(SigningKey key, Instant requestTime, SignatureScope scope, String seedSignature) {
        this.key = key;
        this.amzDate = AmzDate.format(requestTime);
        this.scope = scope.credentialScope();
        this.previous = seedSignature;
    }

    /** The signature the next chunk must carry; advances the chain. */
    String nextChunk(byte[] data, int offset, int length) {
        return advance("AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + '\n' + scope + '\n' + previous + '\n'
                + Hashing.EMPTY_SHA256 + '\n' + Hashing.hex(Hashing.sha256(data, offset, length)));
    }

    /** The signature of the trailing headers, given as {@code name:value\n} lines. */
    String trailer(String canonicalTrailers) {
        return advance("AWS4-HMAC-SHA256-TRAILER\n" + amzDate + '\n' + scope + '\n' + previous + '\n'
                + Hashing.sha256Hex(canonicalTrailers.getBytes(StandardCharsets.UTF_8)));
    }

    String lastStringToSign() {
        return lastStringToSign;
    }

    private String advance(String stringToSign) {
        lastStringToSign = stringToSign;
        previous = key.sign(stringToSign);
        return previous;
    }
}
