package io.strongroom.engine.backup;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which recovery points a legal hold's selection reaches (D43). */
class LegalHoldTest {
    static final Instant HOLD_CREATED = Instant.parse("2026-03-10T00:00:00Z");

    static RecoveryPoint point(String vault, String resource, Instant created) {
        return point("111122223333", vault, resource, created);
    }

    static RecoveryPoint point(String account, String vault, String resource, Instant created) {
        return new RecoveryPoint("arn:point:" + resource + created, "s1", account, "eu-west-1", vault, null,
                resource, "DynamoDB", "t", Map.of(), null, RecoveryPoint.COMPLETED, null, created, created, 1, null,
                null, RecoveryPoint.WARM, null, Map.of(), Map.of(), "BACKUP_VAULT", Map.of());
    }

    static LegalHold hold(LegalHold.Selection selection) {
        return new LegalHold("h1", "111122223333", "eu-west-1", "t", "d", LegalHold.ACTIVE, HOLD_CREATED, selection,
                null, null, null, null, null);
    }

    @Test
    void anEmptySelectionHoldsEveryEarlierPointOfItsAccountAndRegionOnly() {
        LegalHold all = hold(new LegalHold.Selection(null, null, null, null));
        Instant before = HOLD_CREATED.minusSeconds(1);
        assertThat(all.selects(point("v", "r", before))).isTrue();
        assertThat(all.selects(point("v", "r", HOLD_CREATED))).isFalse();
        assertThat(all.selects(point("444455556666", "v", "r", before))).isFalse();
    }

    @Test
    void vaultsResourcesAndAnInclusiveDateRangeEachNarrowIt() {
        Instant from = Instant.parse("2026-03-01T00:00:00Z");
        Instant to = Instant.parse("2026-03-05T00:00:00Z");
        LegalHold narrow = hold(new LegalHold.Selection(
                List.of("a", "arn:aws:backup:eu-west-1:111122223333:backup-vault:b"), List.of("r1"), from, to));
        assertThat(narrow.selects(point("a", "r1", from))).isTrue();
        assertThat(narrow.selects(point("b", "r1", to))).isTrue();
        assertThat(narrow.selects(point("c", "r1", from))).isFalse();
        assertThat(narrow.selects(point("a", "r2", from))).isFalse();
        assertThat(narrow.selects(point("a", "r1", from.minusMillis(1)))).isFalse();
        assertThat(narrow.selects(point("a", "r1", to.plusMillis(1)))).isFalse();
    }
}
