package io.strongroom.storage;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A codec that answers the decoding of bytes it recently encoded or decoded with the value it already has, compared
 * byte for byte, so it can never answer for other bytes. A record read back soon after it was written (a job moving
 * through its states, a point its job completes) is decoded once instead of at every read. For immutable values
 * only: every reader gets the same instance. About {@code limit} values are kept; then it starts afresh.
 */
public final class RememberingCodec<V> implements Codec<V> {
    private record Entry<V>(byte[] bytes, V value) {
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final int SIZE_CHECK_EVERY = 64;

    private final Codec<V> codec;
    private final int limit;
    /** How many puts pass between looks at the size: few against the limit, so a small limit still holds. */
    private final int sizeCheckEvery;
    private final Map<Integer, Entry<V>> recent = new ConcurrentHashMap<>();
    /** The value this thread encoded last: a record put into two collections (an index, a current copy) is encoded once. */
    private final ThreadLocal<Entry<V>> lastEncoded = new ThreadLocal<>();
    /** Puts since the size was last looked at (racy: a miscount only moves the next look). */
    private int sinceSizeCheck;

    public RememberingCodec(Codec<V> codec, int limit) {
        this.codec = codec;
        this.limit = limit;
        this.sizeCheckEvery = Math.max(1, Math.min(SIZE_CHECK_EVERY, limit / 64));
    }

    @Override
    public byte[] encode(V value) {
        Entry<V> last = lastEncoded.get();
        if (last != null && last.value() == value) {
            return last.bytes(); // the same immutable instance: the same bytes
        }
        byte[] bytes = codec.encode(value);
        remember(bytes, value);
        lastEncoded.set(new Entry<>(bytes, value));
        return bytes;
    }

    @Override
    public V decode(byte[] bytes) {
        Entry<V> known = recent.get(hash(bytes));
        if (known != null && Arrays.equals(known.bytes(), bytes)) {
            return known.value();
        }
        V value = codec.decode(bytes);
        remember(bytes, value);
        return value;
    }

    private void remember(byte[] bytes, V value) {
        // The map's size sums counters the other threads write too: a look every so many puts, not at every one
        // (it was 4 % of the clock thread's samples), lets the map pass its limit by at most that many.
        if (++sinceSizeCheck >= sizeCheckEvery) {
            sinceSizeCheck = 0;
            if (recent.size() >= limit) {
                recent.clear();
            }
        }
        recent.put(hash(bytes), new Entry<>(bytes, value));
    }

    /**
     * A hash of all the bytes, eight at a time (records are kilobytes; Arrays.hashCode's byte loop was a tenth of
     * the clock thread's time). Equal bytes give equal hashes; a collision only costs a decode.
     */
    static int hash(byte[] bytes) {
        long h = bytes.length;
        int i = 0;
        for (; i + Long.BYTES <= bytes.length; i += Long.BYTES) {
            h = (h ^ (long) LONGS.get(bytes, i)) * 0x9E3779B97F4A7C15L;
        }
        for (; i < bytes.length; i++) {
            h = (h ^ bytes[i]) * 0x9E3779B97F4A7C15L;
        }
        return (int) (h ^ (h >>> 32));
    }
}
