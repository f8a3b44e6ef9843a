package io.strongroom.json;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonCodecTest {
    record Point(String arn, Instant created, List<String> vaults, Point parent) {
    }

    private static final JsonCodec<Point> CODEC = new JsonCodec<>(Point.class, 2);

    @Test
    void aRecordComesBackAsItWasStored() {
        Point p = new Point("arn:aws:backup:eu-west-1:111122223333:recovery-point:1",
                Instant.parse("2027-02-01T02:00:00.123456789Z"), List.of("local", "central"),
                new Point("parent", Instant.EPOCH, List.of(), null));

        assertThat(CODEC.decode(CODEC.encode(p))).isEqualTo(p);
        assertThat(new String(CODEC.encode(p), StandardCharsets.UTF_8)).startsWith("{\"v\":2,\"d\":{");
    }

    @Test
    void theEnvelopesFieldsMayComeInAnyOrderAndUnknownOnesAreSkipped() {
        byte[] stored = "{\"x\":{\"y\":[1,2]},\"d\":{\"arn\":\"a\",\"vaults\":[\"v\"]},\"v\":2}"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(CODEC.decode(stored)).isEqualTo(new Point("a", null, List.of("v"), null));
    }

    @Test
    void aRecordOfAnotherSchemaVersionIsRefusedNotGuessed() {
        byte[] older = new JsonCodec<>(Point.class, 1).encode(new Point("a", null, List.of(), null));

        assertThatThrownBy(() -> CODEC.decode(older)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stored at schema version 1, this server reads version 2");
    }
}
