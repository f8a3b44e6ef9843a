package io.strongroom.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stored instants read without a formatter are the instants jsr310 reads (D66). */
class StoredInstantsTest {
    static final ObjectMapper JSR310 = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void everyFormInstantToStringWritesParsesToTheSameInstant() {
        Random random = new Random(65);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = instant(random, i, false);
            assertThat(StoredInstants.parse(instant.toString())).isEqualTo(instant);
        }
    }

    /**
     * From 1900 to 2300 (or, with {@code anyYear}, every hundredth anywhere in Instant's range), at second, milli,
     * micro and nano precision in turn, so every fraction width toString gives comes up.
     */
    static Instant instant(Random random, int i, boolean anyYear) {
        long seconds = anyYear && i % 100 == 99 ? Instant.MIN.getEpochSecond()
                + (long) (random.nextDouble() * ((double) Instant.MAX.getEpochSecond() * 2))
                : -2_208_988_800L + (long) (random.nextDouble() * 12_623_000_000L);
        int nanos = switch (i % 4) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
        };
        return Instant.ofEpochSecond(seconds, nanos);
    }

    @Test
    void otherFormsAreLeftToJsr310AndReadAsItReadsThem() throws Exception {
        for (String text : List.of("2027-02-01T02:00:05.1Z", "2027-02-01T02:00:05.12345Z", "2027-02-01T02:00Z",
                "2027-02-01T02:00:05+01:00", "+12027-02-01T02:00:05Z", "2027-02-01T23:59:60Z", "1969-12-31T23:59:59Z")) {
            String json = "\"" + text + "\"";
            Instant expected;
            try {
                expected = JSR310.readValue(json, Instant.class);
            } catch (Exception refused) {
                assertThatThrownBy(() -> JsonCodec.MAPPER.readValue(json, Instant.class)).as(text)
                        .isInstanceOf(refused.getClass());
                continue;
            }
            assertThat(JsonCodec.MAPPER.readValue(json, Instant.class)).as(text).isEqualTo(expected);
        }
        assertThat(StoredInstants.parse("2027-02-30T02:00:05Z")).isNull();
        assertThat(StoredInstants.parse("2027-02-01T24:00:00Z")).isNull();
        assertThat(StoredInstants.parse("2027-02-01T02:00:05.Z")).isNull();
        assertThat(JsonCodec.MAPPER.readValue("1790000000.5", Instant.class))
                .isEqualTo(JSR310.readValue("1790000000.5", Instant.class));
    }

    @Test
    void instantsAreWrittenAsJsr310WritesThem() throws Exception {
        ObjectMapper jsr310Text = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        Random random = new Random(66);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = instant(random, i, true);
            assertThat(JsonCodec.MAPPER.writeValueAsString(instant)).as(instant.toString())
                    .isEqualTo(jsr310Text.writeValueAsString(instant));
        }
        for (Instant edge : List.of(Instant.EPOCH, Instant.MIN, Instant.MAX, Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("-0001-12-31T23:59:59Z"), Instant.ofEpochSecond(-1, 1))) {
            assertThat(JsonCodec.MAPPER.writeValueAsString(edge)).as(edge.toString())
                    .isEqualTo(jsr310Text.writeValueAsString(edge));
        }
    }
}
