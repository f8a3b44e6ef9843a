package io.strongroom.sigv4;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * S3 aws-chunked bodies (spec 9.4). Decodes {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD} (verifying each
 * chunk signature chained from the seed signature), {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER}
 * (the same plus a signed trailer) and {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER} (no chunk signatures,
 * trailing checksum headers), returning the payload and the trailer headers.
 *
 * <pre>
 * chunk   = hex-size [";chunk-signature=" sig] CRLF data CRLF
 * last    = "0" [";chunk-signature=" sig] CRLF
 * trailer = *(name ":" value CRLF) ["x-amz-trailer-signature:" sig CRLF] CRLF
 * </pre>
 */
public final class AwsChunkedDecoder {
    /** Decoded payload bytes and trailing headers (names lower-case, in arrival order). */
    public record Decoded(byte[] payload, Map<String, String> trailers) {
    }

    static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";
    private static final String CHUNK_SIGNATURE = "chunk-signature=";
    private static final int MAX_LINE = 4096;

    private final byte[] body;
    private final boolean signedChunks;
    private final boolean trailerMode;
    private final ChunkSignatureChain chain;
    private final String accessKeyId;
    private int position;
    private byte[] payload;
    private int payloadLength;

    private AwsChunkedDecoder(byte[] body, String mode, ChunkSignatureChain chain, String accessKeyId,
                              int expectedLength) {
        this.body = body;
        // The declared decoded length sizes the payload so it is copied once; the body's own length bounds
        // it, since a decoded payload is never longer than its encoding.
        this.payload = new byte[Math.max(0, Math.min(expectedLength, body.length))];
        this.signedChunks = !mode.equals(PayloadHash.STREAMING_UNSIGNED_TRAILER);
        this.trailerMode = mode.endsWith("-TRAILER");
        this.chain = chain;
        this.accessKeyId = accessKeyId;
    }

    /** True when the request's body is aws-chunked, going by its x-amz-content-sha256 declaration. */
    public static boolean isChunked(SignableRequest request) {
        String declared = request.header(PayloadHash.CONTENT_SHA256_HEADER);
        return PayloadHash.STREAMING_SIGNED.equals(declared) || PayloadHash.STREAMING_SIGNED_TRAILER.equals(declared)
                || PayloadHash.STREAMING_UNSIGNED_TRAILER.equals(declared);
    }

    /**
     * Decodes a request whose headers {@link SigV4#verify} has already accepted. A body that is not
     * aws-chunked is returned as it is, with no trailers.
     */
    public static Decoded decode(SignableRequest request, ClaimedSignature claimed, String secretAccessKey)
            throws SigV4Exception {
        byte[] body = request.body() == null ? new byte[0] : request.body();
        if (!isChunked(request)) {
            return new Decoded(body, Map.of());
        }
        String mode = request.header(PayloadHash.CONTENT_SHA256_HEADER);
        ChunkSignatureChain chain = new ChunkSignatureChain(SigningKey.derive(secretAccessKey, claimed.scope()),
                claimed.requestTime(), claimed.scope(), claimed.signature());
        String declaredLength = request.header("x-amz-decoded-content-length");
        Decoded decoded = new AwsChunkedDecoder(body, mode, chain, claimed.accessKeyId(), parseLength(declaredLength))
                .decode();
        if (declaredLength != null && !declaredLength.trim().equals(Integer.toString(decoded.payload().length))) {
            throw SigV4Errors.malformedChunk("You did not provide the number of bytes specified by the"
                    + " x-amz-decoded-content-length HTTP header");
        }
        return decoded;
    }

    /** The declared decoded length, or -1 when it is absent or not a number (checked after decoding). */
    private static int parseLength(String declared) {
        try {
            return declared == null ? -1 : Integer.parseInt(declared.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Decoded decode() throws SigV4Exception {
        while (true) {
            String header = readLine();
            int semicolon = header.indexOf(';');
            int size = chunkSize(semicolon < 0 ? header : header.substring(0, semicolon));
            if (signedChunks) {
                String provided = chunkSignature(semicolon < 0 ? "" : header.substring(semicolon + 1));
                if (size > body.length - position) {
                    throw SigV4Errors.malformedChunk("The request body terminated unexpectedly");
                }
                checkSignature(chain.nextChunk(body, position, size), provided);
            } else if (size > body.length - position) {
                throw SigV4Errors.malformedChunk("The request body terminated unexpectedly");
            }
            if (size == 0) {
                break;
            }
            append(size);
            position += size;
            expectCrlf();
        }
        Map<String, String> trailers = readTrailers();
        if (position != body.length) {
            throw SigV4Errors.malformedChunk("Unexpected data after the final chunk of an aws-chunked body");
        }
        byte[] decoded = payloadLength == payload.length ? payload : Arrays.copyOf(payload, payloadLength);
        return new Decoded(decoded, Collections.unmodifiableMap(trailers));
    }

    /** Copies the {@code size} bytes of chunk data at {@code position} onto the end of the payload. */
    private void append(int size) {
        if (payloadLength + size > payload.length) {
            payload = Arrays.copyOf(payload, Math.min(body.length, Math.max(payloadLength + size, 2 * payload.length)));
        }
        System.arraycopy(body, position, payload, payloadLength, size);
        payloadLength += size;
    }

    private Map<String, String> readTrailers() throws SigV4Exception {
        Map<String, String> trailers = new LinkedHashMap<>();
        StringBuilder canonical = new StringBuilder();
        String trailerSignature = null;
        // A final chunk with nothing after it is tolerated: some clients omit the closing empty line.
        while (position < body.length) {
            String line = readLine();
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !trailerMode) {
                throw SigV4Errors.malformedChunk("Malformed trailing header in an aws-chunked body");
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals(TRAILER_SIGNATURE)) {
                trailerSignature = value;
            } else {
                trailers.put(name, value);
                canonical.append(name).append(':').append(value).append('\n');
            }
        }
        if (trailerMode && signedChunks) {
            if (trailerSignature == null) {
                throw SigV4Errors.malformedChunk("Missing x-amz-trailer-signature in a signed aws-chunked trailer");
            }
            checkSignature(chain.trailer(canonical.toString()), trailerSignature);
        }
        return trailers;
    }

    private void checkSignature(String expected, String provided) throws SigV4Exception {
        if (!Hashing.sameSignature(expected, provided)) {
            throw SigV4Errors.signatureMismatch(accessKeyId, chain.lastStringToSign(), provided, null);
        }
    }

    private String chunkSignature(String extensions) throws SigV4Exception {
        for (String extension : extensions.split(";")) {
            String trimmed = extension.trim();
            if (trimmed.startsWith(CHUNK_SIGNATURE)) {
                return trimmed.substring(CHUNK_SIGNATURE.length());
            }
        }
        throw SigV4Errors.malformedChunk("Missing chunk-signature in a signed aws-chunked body");
    }

    private int chunkSize(String hex) throws SigV4Exception {
        String trimmed = hex.trim();
        if (trimmed.isEmpty() || trimmed.length() > 8) {
            throw SigV4Errors.malformedChunk("Invalid chunk size in an aws-chunked body");
        }
        try {
            long size = Long.parseLong(trimmed, 16);
            if (size > Integer.MAX_VALUE) {
                throw SigV4Errors.malformedChunk("Invalid chunk size in an aws-chunked body");
            }
            return (int) size;
        } catch (NumberFormatException e) {
            throw SigV4Errors.malformedChunk("Invalid chunk size in an aws-chunked body");
        }
    }

    private String readLine() throws SigV4Exception {
        int limit = Math.min(body.length - 1, position + MAX_LINE);
        for (int i = position; i < limit; i++) {
            if (body[i] == '\r' && body[i + 1] == '\n') {
                String line = new String(body, position, i - position, StandardCharsets.UTF_8);
                position = i + 2;
                return line;
            }
        }
        throw SigV4Errors.malformedChunk("The request body terminated unexpectedly");
    }

    private void expectCrlf() throws SigV4Exception {
        if (position + 1 >= body.length || body[position] != '\r' || body[position + 1] != '\n') {
            throw SigV4Errors.malformedChunk("Chunk data not followed by CRLF in an aws-chunked body");
        }
        position += 2;
    }
}
