package io.strongroom.storage;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RememberingCodecTest {
    /** Decodes text into a fresh object each time, counting the decodes. */
    static final class Text implements Codec<StringBuilder> {
        final List<String> decoded = new ArrayList<>();
        int encodes;

        @Override
        public byte[] encode(StringBuilder value) {
            encodes++;
            return value.toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public StringBuilder decode(byte[] bytes) {
            String s = new String(bytes, StandardCharsets.UTF_8);
            decoded.add(s);
            return new StringBuilder(s);
        }
    }

    final Text inner = new Text();
    final RememberingCodec<StringBuilder> codec = new RememberingCodec<>(inner, 2);

    @Test
    void bytesItJustEncodedAreAnsweredWithTheSameValueWithoutDecoding() {
        StringBuilder job = new StringBuilder("job-1 RUNNING");
        byte[] stored = codec.encode(job);

        assertThat(codec.decode(stored.clone())).isSameAs(job);
        assertThat(inner.decoded).isEmpty();
    }

    @Test
    void theSameInstanceEncodedAgainIsEncodedOnce() {
        StringBuilder version = new StringBuilder("object v1");
        byte[] first = codec.encode(version);
        byte[] second = codec.encode(version);
        codec.encode(new StringBuilder("object v1"));

        assertThat(second).isEqualTo(first);
        assertThat(inner.encodes).as("a new instance is encoded, even with equal content").isEqualTo(2);
    }

    @Test
    void otherBytesAreDecodedEvenWhenTheirHashCollides() {
        // two keys whose bytes have the same hash (found by trying keys in order)
        byte[] one = "key-31556".getBytes(StandardCharsets.UTF_8);
        byte[] other = "key-84010".getBytes(StandardCharsets.UTF_8);
        assertThat(RememberingCodec.hash(one)).isEqualTo(RememberingCodec.hash(other));

        codec.decode(one);
        assertThat(codec.decode(other).toString()).isEqualTo("key-84010");
        assertThat(inner.decoded).containsExactly("key-31556", "key-84010");
    }

    @Test
    void theHashReadsEveryByteEightAtATimeAndTheRest() {
        byte[] record = "a record of thirty-one bytes, ok".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < record.length; i++) {
            byte[] changed = record.clone();
            changed[i]++;
            assertThat(RememberingCodec.hash(changed)).as("byte %d", i).isNotEqualTo(RememberingCodec.hash(record));
        }
        assertThat(RememberingCodec.hash(record.clone())).isEqualTo(RememberingCodec.hash(record));
    }

    @Test
    void pastItsLimitItForgetsAndDecodesAgain() {
        byte[] one = codec.encode(new StringBuilder("one"));
        codec.encode(new StringBuilder("two"));
        codec.encode(new StringBuilder("three"));

        assertThat(codec.decode(one).toString()).isEqualTo("one");
        assertThat(inner.decoded).containsExactly("one");
    }
}
