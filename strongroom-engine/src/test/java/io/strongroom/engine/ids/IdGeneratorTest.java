package io.strongroom.engine.ids;

import io.strongroom.storage.Store;
import io.strongroom.storage.jdbc.StoreFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
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
}
