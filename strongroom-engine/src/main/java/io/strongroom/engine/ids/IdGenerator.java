package io.strongroom.engine.ids;

import io.strongroom.storage.Tx;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Ids that look like AWS's but come from a seed and a durable sequence, so a run with the same seed
 * and the same calls produces the same ids. Not for secrets: see {@link SecretSource}.
 */
public final class IdGenerator {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final String SEQUENCE = "ids";
    /** One per thread: every call's CloudTrail event takes an id, and looking SHA-256 up costs more than using it. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private final String seed;

    public IdGenerator(String seed) {
        this.seed = seed;
    }

    /** 32 bytes of deterministic material for the next id. */
    private byte[] next(Tx tx) {
        return digest(Long.toString(tx.nextSequence(SEQUENCE)));
    }

    /** SHA-256 of the seed and {@code material}. */
    private byte[] digest(String material) {
        MessageDigest sha = SHA256.get();
        sha.reset();
        return sha.digest((seed + ":" + material).getBytes(StandardCharsets.UTF_8));
    }

    /** A version-4-shaped UUID (CloudTrail event ids, job ids). */
    public String uuid(Tx tx) {
        byte[] b = next(tx);
        return uuidOf(b, 0x40);
    }

    /**
     * A version-7-shaped UUID: the first 48 bits are {@code at} in milliseconds, the rest as {@link #uuid}. Records
     * keyed or indexed by such ids (jobs, recovery points) are written next to those of the same moment instead of
     * at random places of the store's B-tree, so a day's thousands of jobs touch a few pages, not one each (D78).
     */
    public String timeOrderedUuid(Tx tx, java.time.Instant at) {
        return timeOrdered(next(tx), at);
    }

    private static String timeOrdered(byte[] b, java.time.Instant at) {
        long millis = Math.max(0, at.toEpochMilli());
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) (millis >>> (40 - 8 * i));
        }
        return uuidOf(b, 0x70);
    }

    /**
     * As {@link #timeOrderedUuid}, from an id already made (a job's, for its recovery point) instead of from the
     * sequence: one statement less per point, and as unique as {@code from} is among the ids derived this way.
     */
    public String timeOrderedUuidOf(String from, java.time.Instant at) {
        return timeOrdered(digest("of:" + from), at);
    }

    /**
     * A version-7-shaped UUID that sorts by {@code at}'s milliseconds and then by the order ids were made: the 62 bits
     * after the time and version are the sequence's value (around the variant), the last 12 the seed's digest. Keys
     * ending in such ids keep what happened within one millisecond in its order (CloudTrail events of one instant
     * of the simulated clock, D88).
     */
    public String sequencedUuid(Tx tx, java.time.Instant at) {
        long n = tx.nextSequence(SEQUENCE);
        byte[] digest = digest(Long.toString(n));
        long millis = Math.max(0, at.toEpochMilli()) & 0xFFFF_FFFF_FFFFL;
        long high = millis << 16 | 0x7000L | (n >>> 50 & 0xFFF);
        long low = 1L << 63 | (n & (1L << 50) - 1) << 12 | ((digest[0] & 0xFFL) << 4 | (digest[1] & 0xF));
        // version and variant are already in place: uuidOf only formats
        return uuidOf(java.nio.ByteBuffer.allocate(16).putLong(high).putLong(low).array(), 0x70);
    }

    /** The first 16 bytes as a UUID of {@code version} (0x40, 0x70) with the RFC 4122 variant. */
    private static String uuidOf(byte[] b, int version) {
        b[6] = (byte) ((b[6] & 0x0f) | version);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        String hex = hex(b, 16);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20, 32);
    }

    /** {@code length} lowercase hex characters (length up to 64). */
    public String hex(Tx tx, int length) {
        return hex(next(tx), 32).substring(0, length);
    }

    /** An IAM-style unique id: the prefix plus characters of [A-Z2-7] up to {@code totalLength}. */
    public String iamId(Tx tx, String prefix, int totalLength) {
        byte[] b = next(tx);
        StringBuilder out = new StringBuilder(prefix);
        for (int i = 0; out.length() < totalLength; i++) {
            out.append(BASE32[(b[i % b.length] & 0xff) % 32]);
        }
        return out.toString();
    }

    private static String hex(byte[] bytes, int count) {
        char[] out = new char[count * 2];
        for (int i = 0; i < count; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }
}
