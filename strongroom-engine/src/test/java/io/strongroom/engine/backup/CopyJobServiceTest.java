package io.strongroom.engine.backup;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The copy's effective lifecycle (decision D47): the one asked for, else the source's; -1 keeps the source's. */
class CopyJobServiceTest {
    static final Lifecycle SOURCE = new Lifecycle(30L, 365L, null);

    @Test
    void noCopyLifecycleTakesTheSources() {
        assertThat(CopyJobService.effectiveLifecycle(null, SOURCE)).isEqualTo(SOURCE);
        assertThat(CopyJobService.effectiveLifecycle(null, null)).isNull();
    }

    @Test
    void aCopyLifecycleReplacesTheSourcesField() {
        assertThat(CopyJobService.effectiveLifecycle(new Lifecycle(null, 2555L, null), SOURCE))
                .isEqualTo(new Lifecycle(null, 2555L, null));
    }

    @Test
    void minusOneKeepsTheSourcesValueOfThatField() {
        assertThat(CopyJobService.effectiveLifecycle(new Lifecycle(-1L, -1L, null), SOURCE))
                .isEqualTo(new Lifecycle(30L, 365L, null));
        assertThat(CopyJobService.effectiveLifecycle(new Lifecycle(null, -1L, null), null))
                .isEqualTo(new Lifecycle(null, null, null));
    }
}
