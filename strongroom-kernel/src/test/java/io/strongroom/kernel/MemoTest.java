package io.strongroom.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoTest {
    @Test
    void aRecurringArgumentIsComputedOnceUntilTheMemoIsFull() {
        List<Integer> computed = new ArrayList<>();
        Memo<Integer, String> memo = new Memo<>(2, n -> {
            computed.add(n);
            return "v" + n;
        });

        assertThat(List.of(memo.get(1), memo.get(1), memo.get(2), memo.get(1))).containsExactly("v1", "v1", "v2", "v1");
        assertThat(computed).containsExactly(1, 2);

        memo.get(3); // full: starts afresh
        memo.get(1);
        assertThat(computed).containsExactly(1, 2, 3, 1);
    }
}
