package io.strongroom.storage;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A codec that answers the decoding of bytes it recently encoded or decoded with the value it already has, compared
 * byte for byte, so it can never answer for other bytes. A record read back soon after it was written (a job moving
 * through its states, a point its job completes) is decoded once instead of at every read. For immutable values
 * only: every reader gets the same instance. At most {@code limit} values are kept; then it starts afresh.
 */
public final class RememberingCodec<V> implements Codec<V> {
    private record Entry<V>(byte[] bytes, V value) {
    }

    private final Codec<V> codec;
    private final int limit;
    private final Map<Integer, Entry<V>> recent = new ConcurrentHashMap<>();

    public RememberingCodec(Codec<V> codec, int limit) {
        this.codec = codec;
        this.limit = limit;
    }

    @Override
    public byte[] encode(V value) {
        byte[] bytes = codec.encode(value);
        remember(bytes, value);
        return bytes;
    }

    @Override
    public V decode(byte[] bytes) {
        Entry<V> known = recent.get(Arrays.hashCode(bytes));
        if (known != null && Arrays.equals(known.bytes(), bytes)) {
            return known.value();
        }
        V value = codec.decode(bytes);
        remember(bytes, value);
        return value;
    }

    private void remember(byte[] bytes, V value) {
        if (recent.size() >= limit) {
            recent.clear();
        }
        recent.put(Arrays.hashCode(bytes), new Entry<>(bytes, value));
    }
}
