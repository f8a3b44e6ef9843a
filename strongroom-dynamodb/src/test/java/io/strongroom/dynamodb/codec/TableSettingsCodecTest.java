package io.strongroom.dynamodb.codec;

import io.strongroom.dynamodb.PointInTimeRecovery;
import io.strongroom.dynamodb.TableSettings;
import io.strongroom.dynamodb.TimeToLive;
import io.strongroom.dynamodb.TimeToLiveSweep;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TableSettingsCodecTest {
    private static final Instant AT = Instant.parse("2027-02-01T00:00:00Z");

    @Test
    void settingsRoundTripAndAbsentMembersAreANewTablesSettings() {
        for (TableSettings settings : new TableSettings[]{TableSettings.NEVER_SET,
                new TableSettings(new PointInTimeRecovery(true, 7, AT), new TimeToLive(true, "expires_at", AT)),
                new TableSettings(new PointInTimeRecovery(true, 7, AT, AT.plusSeconds(86_400)), TimeToLive.NEVER_SET),
                new TableSettings(PointInTimeRecovery.DISABLED, new TimeToLive(false, null, AT))}) {
            assertThat(DynamoDbCodecs.SETTINGS.decode(DynamoDbCodecs.SETTINGS.encode(settings))).isEqualTo(settings);
        }
        assertThat(DynamoDbCodecs.SETTINGS.decode("{\"v\":1,\"d\":{}}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(TableSettings.NEVER_SET);
    }

    @Test
    void aSweepsPassRoundTripsWhateverItsKeyHolds() {
        TimeToLiveSweep.Pass pass = new TimeToLiveSweep.Pass("id", "111111111111", "eu-west-1", "t", "a\nb",
                "id/\u0001x\n");
        assertThat(DynamoDbCodecs.TTL_PASS.decode(DynamoDbCodecs.TTL_PASS.encode(pass))).isEqualTo(pass);
    }
}
