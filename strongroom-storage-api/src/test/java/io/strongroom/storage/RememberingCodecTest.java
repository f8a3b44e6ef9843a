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

        @Override
        public byte[] encode(StringBuilder value) {
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
    void otherBytesAreDecodedEvenWhenTheirHashCollides() {
        // "Aa" and "BB" have the same String hash and, as these bytes, the same Arrays.hashCode
        byte[] aa = "Aa".getBytes(StandardCharsets.UTF_8);
        byte[] bb = "BB".getBytes(StandardCharsets.UTF_8);
        assertThat(java.util.Arrays.hashCode(aa)).isEqualTo(java.util.Arrays.hashCode(bb));

        codec.decode(aa);
        assertThat(codec.decode(bb).toString()).isEqualTo("BB");
        assertThat(inner.decoded).containsExactly("Aa", "BB");
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
