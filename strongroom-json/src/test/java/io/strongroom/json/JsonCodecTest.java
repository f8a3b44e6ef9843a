package io.strongroom.json;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The envelope read straight from the stream gives what the tree did, in either field order. */
class JsonCodecTest {
    record Sample(String name, Instant at, Map<String, String> tags, List<Long> counts, Sample inner) {
    }

    static final JsonCodec<Sample> CODEC = JsonCodec.of(Sample.class);

    @Test
    void aRecordRoundTrips() {
        Sample s = new Sample("a", Instant.parse("2027-02-01T02:00:00.5Z"), Map.of("k", "v"), List.of(1L, 2L),
                new Sample("b", null, Map.of(), List.of(), null));
        assertThat(CODEC.decode(CODEC.encode(s))).isEqualTo(s);
    }

    @Test
    void anEnvelopeWithItsFieldsTheOtherWayRoundReadsTheSame() {
        byte[] reversed = "{\"d\":{\"name\":\"a\",\"tags\":{},\"counts\":[3]},\"v\":1}".getBytes(StandardCharsets.UTF_8);
        assertThat(CODEC.decode(reversed)).isEqualTo(new Sample("a", null, Map.of(), List.of(3L), null));
    }

    @Test
    void anotherSchemaVersionIsRefusedInEitherOrder() {
        assertThatThrownBy(() -> CODEC.decode("{\"v\":2,\"d\":{}}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("stored at schema version 2");
        assertThatThrownBy(() -> CODEC.decode("{\"d\":{},\"v\":2}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("stored at schema version 2");
    }
}
