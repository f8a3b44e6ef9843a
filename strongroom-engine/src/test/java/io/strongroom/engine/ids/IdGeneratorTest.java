package io.strongroom.engine.ids;

import io.strongroom.storage.Store;
import io.strongroom.storage.jdbc.StoreFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IdGeneratorTest {
    @TempDir
    Path dir;

    private List<String> ids(String file, String seed) {
        try (Store store = StoreFactory.open(dir.resolve(file).toString())) {
            IdGenerator ids = new IdGenerator(seed);
            return store.write(tx -> List.of(ids.uuid(tx), ids.hex(tx, 12), ids.iamId(tx, "AROA", 21)));
        }
    }

    @Test
    void sameSeedSameIdsOtherSeedOtherIds() {
        List<String> first = ids("a.db", "seed-1");
        List<String> again = ids("b.db", "seed-1");
        List<String> other = ids("c.db", "seed-2");

        assertThat(first).isEqualTo(again);
        assertThat(first).doesNotContainAnyElementsOf(other);
        assertThat(first.get(0)).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(first.get(1)).matches("[0-9a-f]{12}");
        assertThat(first.get(2)).matches("AROA[A-Z2-7]{17}");
    }

    @Test
    void timeOrderedIdsSortByTheirMomentAndDifferWithinIt() {
        Instant at = Instant.parse("2027-02-01T02:00:00Z");
        try (Store store = StoreFactory.open(dir.resolve("t.db").toString())) {
            IdGenerator ids = new IdGenerator("seed-1");
            List<String> sameMoment = store.write(tx -> List.of(ids.timeOrderedUuid(tx, at),
                    ids.timeOrderedUuid(tx, at)));
            String later = store.write(tx -> ids.timeOrderedUuid(tx, at.plusMillis(1)));
            String earlier = store.write(tx -> ids.timeOrderedUuid(tx, at.minusSeconds(86_400)));
            assertThat(sameMoment.get(0)).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
                    .startsWith(String.format("%08x-%s", at.toEpochMilli() >>> 16,
                            String.format("%012x", at.toEpochMilli()).substring(8)))
                    .isNotEqualTo(sameMoment.get(1));
            assertThat(List.of(earlier, sameMoment.get(0), later)).isSorted();
            assertThat(List.of(earlier, sameMoment.get(1), later)).isSorted();
        }
    }

    @Test
    void idsMadeFromAnotherIdAreStableTimeOrderedAndLeaveTheSequenceAlone() {
        Instant at = Instant.parse("2027-02-01T02:00:00Z");
        IdGenerator ids = new IdGenerator("seed-1");
        String ofJob = ids.timeOrderedUuidOf("JOB-1", at);

        assertThat(new IdGenerator("seed-1").timeOrderedUuidOf("JOB-1", at)).isEqualTo(ofJob);
        assertThat(ids.timeOrderedUuidOf("JOB-2", at)).isNotEqualTo(ofJob);
        assertThat(new IdGenerator("seed-2").timeOrderedUuidOf("JOB-1", at)).isNotEqualTo(ofJob);
        assertThat(ofJob).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(List.of(ids.timeOrderedUuidOf("JOB-9", at.minusMillis(1)), ofJob,
                ids.timeOrderedUuidOf("JOB-0", at.plusMillis(1)))).isSorted();
        List<String> withOneBetween;
        try (Store store = StoreFactory.open(dir.resolve("s.db").toString())) {
            withOneBetween = store.write(tx -> List.of(ids.uuid(tx), ids.timeOrderedUuidOf("JOB-3", at), ids.uuid(tx)));
        }
        try (Store store = StoreFactory.open(dir.resolve("t.db").toString())) {
            IdGenerator fresh = new IdGenerator("seed-1");
            List<String> twoInARow = store.write(tx -> List.of(fresh.uuid(tx), fresh.uuid(tx)));
            assertThat(twoInARow).as("the sequence's ids, as if none was made between")
                    .containsExactly(withOneBetween.get(0), withOneBetween.get(2));
        }
    }

    @Test
    void sequencedIdsSortByTheirMomentThenByTheOrderTheyWereMade() {
        Instant at = Instant.parse("2027-02-01T14:00:00Z");
        try (Store store = StoreFactory.open(dir.resolve("q.db").toString())) {
            IdGenerator ids = new IdGenerator("seed-1");
            List<String> made = store.write(tx -> {
                List<String> out = new java.util.ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    out.add(ids.sequencedUuid(tx, at));
                }
                out.add(ids.sequencedUuid(tx, at.plusMillis(1)));
                return out;
            });
            String earlier = store.write(tx -> ids.sequencedUuid(tx, at.minusMillis(1)));

            assertThat(made).isSorted().doesNotHaveDuplicates();
            assertThat(earlier).isLessThan(made.get(0));
            assertThat(made.get(0)).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
                    .startsWith(String.format("%08x", at.toEpochMilli() >>> 16));
        }
    }
}
