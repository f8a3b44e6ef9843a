package io.strongroom.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecoveryPointArnsTest {
    private static final Instant AT = Instant.parse("2027-02-01T02:00:00Z");
    /** Two time-ordered ids of one moment: they share their first 12 digits. */
    private static final String ONE = "01a36e9f-bf60-79aa-9e9e-80d8afc16440";
    private static final String TWO = "01a36e9f-bf60-7561-ae13-5d1ca00d73fb";

    @Test
    void pointsOfOneMomentGetDistinctShortArnsInAwsShapes() {
        String first = RecoveryPointArns.of(ResourceTypes.DYNAMODB_BACKUP, "eu-west-1", "111122223333", ONE, "J",
                "orders", AT);
        String second = RecoveryPointArns.of(ResourceTypes.DYNAMODB_BACKUP, "eu-west-1", "111122223333", TWO, "J",
                "orders", AT);
        assertThat(first).matches("arn:aws:dynamodb:eu-west-1:111122223333:table/orders/backup/\\d{14}-[0-9a-f]{8}")
                .isNotEqualTo(second);
        String snapshot = RecoveryPointArns.of(ResourceTypes.EBS_SNAPSHOT, "eu-west-1", "111122223333", ONE, "J",
                "vol", AT);
        assertThat(snapshot).matches("arn:aws:ec2:eu-west-1::snapshot/snap-[0-9a-f]{17}")
                .isNotEqualTo(RecoveryPointArns.of(ResourceTypes.EBS_SNAPSHOT, "eu-west-1", "111122223333", TWO, "J",
                        "vol", AT));
    }

    @Test
    void zeroPaddingIsTheFormattersWithoutIt() {
        for (long value : new long[] {0, 7, 1_801_440_000_000L, 99_999_999_999_999L, 100_000_000_000_000L,
                Long.MAX_VALUE, -1, -1_801_440_000_000L, Long.MIN_VALUE}) {
            assertThat(RecoveryPointArns.zeroPadded(value, 14)).as(Long.toString(value))
                    .isEqualTo(String.format("%014d", value));
        }
    }
}
