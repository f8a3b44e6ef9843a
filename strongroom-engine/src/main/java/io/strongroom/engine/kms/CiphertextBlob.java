package io.strongroom.engine.kms;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The self-describing ciphertext KMS hands out (decision D35):
 * <pre>
 *   version (1 byte, 1) | ARN length (2 bytes, big-endian) | key ARN (UTF-8) | IV (12 bytes) | AES-256-GCM ciphertext + tag (16 bytes)
 * </pre>
 * The associated data is the header (version, length, ARN) followed by the canonical encryption context, so
 * the blob names its key (Decrypt needs no KeyId, ReEncrypt works across keys) and any change to the ARN, the
 * context or a single bit fails the tag.
 */
public record CiphertextBlob(String keyArn, byte[] iv, byte[] sealed) {
    private static final int VERSION = 1;
    /** Longest ARN accepted in a blob; KMS key ARNs are far shorter. */
    private static final int MAX_ARN = 512;

    /** Encrypts {@code plaintext} under {@code material}, bound to the key's ARN and the context. */
    static byte[] seal(String keyArn, byte[] material, byte[] iv, byte[] plaintext, Map<String, String> context) {
        byte[] header = header(keyArn);
        byte[] sealed = AesGcm.seal(material, iv, aad(header, context), plaintext);
        ByteBuffer out = ByteBuffer.allocate(header.length + iv.length + sealed.length);
        return out.put(header).put(iv).put(sealed).array();
    }

    /** Reads the blob's parts; empty when the bytes are not a blob of this format. */
    public static Optional<CiphertextBlob> parse(byte[] blob) {
        if (blob == null || blob.length < 3 || blob[0] != VERSION) {
            return Optional.empty();
        }
        int arnLength = ((blob[1] & 0xff) << 8) | (blob[2] & 0xff);
        int ivStart = 3 + arnLength;
        if (arnLength == 0 || arnLength > MAX_ARN || blob.length < ivStart + AesGcm.IV_BYTES + AesGcm.TAG_BYTES) {
            return Optional.empty();
        }
        String arn = new String(blob, 3, arnLength, StandardCharsets.UTF_8);
        if (!arn.startsWith("arn:aws:kms:") || !arn.contains(":key/")) {
            return Optional.empty();
        }
        return Optional.of(new CiphertextBlob(arn, Arrays.copyOfRange(blob, ivStart, ivStart + AesGcm.IV_BYTES),
                Arrays.copyOfRange(blob, ivStart + AesGcm.IV_BYTES, blob.length)));
    }

    /** The plaintext; empty when the key material, the context or the bytes do not match. */
    Optional<byte[]> open(byte[] material, Map<String, String> context) {
        return AesGcm.open(material, iv, aad(header(keyArn), context), sealed);
    }

    private static byte[] header(String keyArn) {
        byte[] arn = keyArn.getBytes(StandardCharsets.UTF_8);
        if (arn.length > MAX_ARN) {
            throw new IllegalArgumentException("key ARN too long for a ciphertext blob");
        }
        byte[] header = new byte[3 + arn.length];
        header[0] = VERSION;
        header[1] = (byte) (arn.length >>> 8);
        header[2] = (byte) arn.length;
        System.arraycopy(arn, 0, header, 3, arn.length);
        return header;
    }

    /** Header, then each context pair in key order, every string length-prefixed: no two contexts collide. */
    private static byte[] aad(byte[] header, Map<String, String> context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header);
        if (context != null) {
            for (Map.Entry<String, String> e : new TreeMap<>(context).entrySet()) {
                lengthPrefixed(out, e.getKey());
                lengthPrefixed(out, e.getValue());
            }
        }
        return out.toByteArray();
    }

    private static void lengthPrefixed(ByteArrayOutputStream out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }
}
