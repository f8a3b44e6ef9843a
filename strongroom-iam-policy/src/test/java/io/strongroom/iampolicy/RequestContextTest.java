package io.strongroom.iampolicy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class RequestContextTest {
    @Test
    void resourceTagsAreReadOnceAndOnlyWhenAConditionAsks() {
        AtomicInteger reads = new AtomicInteger();
        RequestContext context = new RequestContext(Map.of("aws:username", List.of("alice"),
                "aws:ResourceTag/Owner", List.of("supplied")), () -> {
            reads.incrementAndGet();
            return Map.of("Team", "payments", "Owner", "stored");
        });

        assertThat(context.values("aws:username")).contains(List.of("alice"));
        assertThat(context.values("aws:ResourceTag/Owner")).as("what the call supplied wins")
                .contains(List.of("supplied"));
        assertThat(reads).hasValue(0);
        assertThat(context.values("AWS:resourcetag/TEAM")).contains(List.of("payments"));
        assertThat(context.single("aws:ResourceTag/Team")).contains("payments");
        assertThat(context.values("aws:ResourceTag/Missing")).isEmpty();
        assertThat(reads).hasValue(1);
    }
}
