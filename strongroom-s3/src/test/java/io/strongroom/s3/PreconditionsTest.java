package io.strongroom.s3;

import io.strongroom.kernel.ServiceException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PreconditionsTest {
    private static final Instant MODIFIED = Instant.parse("2027-02-01T10:00:00.400Z");
    private static final ObjectVersion OBJECT = new ObjectVersion("b", "k", "null", 1, false, "\"abc\"", 3, MODIFIED,
            "text/plain", Map.of(), Map.of(), List.of());

    private static String code(Runnable check) {
        ServiceException e = catchThrowableOfType(check::run, ServiceException.class);
        return e == null ? "passes" : e.code();
    }

    @Test
    void entityTagsMatchQuotedOrNotWeakOrNotInListsAndStar() {
        assertThat(Preconditions.matches("\"abc\"", "\"abc\"")).isTrue();
        assertThat(Preconditions.matches("abc", "\"abc\"")).isTrue();
        assertThat(Preconditions.matches("W/\"abc\"", "\"abc\"")).isTrue();
        assertThat(Preconditions.matches("\"x\", \"abc\"", "\"abc\"")).isTrue();
        assertThat(Preconditions.matches("*", "\"abc\"")).isTrue();
        assertThat(Preconditions.matches("\"abcd\"", "\"abc\"")).isFalse();
    }

    @Test
    void readsFollowIfMatchOverIfUnmodifiedSinceAndIfNoneMatchOverIfModifiedSince() {
        Instant before = MODIFIED.minusSeconds(60);
        Instant sameSecond = Instant.parse("2027-02-01T10:00:00Z");
        assertThat(code(() -> new Preconditions("\"other\"", null, null, null).checkRead(OBJECT)))
                .isEqualTo("PreconditionFailed");
        assertThat(code(() -> new Preconditions("\"abc\"", null, null, before).checkRead(OBJECT))).isEqualTo("passes");
        assertThat(code(() -> new Preconditions(null, null, null, before).checkRead(OBJECT)))
                .isEqualTo("PreconditionFailed");
        assertThat(code(() -> new Preconditions(null, null, null, sameSecond).checkRead(OBJECT))).isEqualTo("passes");
        assertThat(code(() -> new Preconditions(null, "\"abc\"", before, null).checkRead(OBJECT)))
                .isEqualTo("NotModified");
        assertThat(code(() -> new Preconditions(null, "\"other\"", sameSecond, null).checkRead(OBJECT)))
                .isEqualTo("passes");
        assertThat(code(() -> new Preconditions(null, null, sameSecond, null).checkRead(OBJECT)))
                .isEqualTo("NotModified");
        assertThat(code(() -> new Preconditions(null, null, before, null).checkRead(OBJECT))).isEqualTo("passes");
    }

    @Test
    void writesNeedNoObjectForIfNoneMatchAndTheSameEtagForIfMatch() {
        ObjectVersion marker = new ObjectVersion("b", "k", "v2", 2, true, null, 0, MODIFIED, null, Map.of(), Map.of(),
                List.of());
        assertThat(code(() -> Preconditions.ofWrite(null, "*").checkWrite("k", Optional.of(OBJECT))))
                .isEqualTo("PreconditionFailed");
        assertThatCode(() -> Preconditions.ofWrite(null, "*").checkWrite("k", Optional.of(marker)))
                .doesNotThrowAnyException();
        assertThat(code(() -> Preconditions.ofWrite("\"abc\"", null).checkWrite("k", Optional.empty())))
                .isEqualTo("NoSuchKey");
        assertThat(code(() -> Preconditions.ofWrite("\"zzz\"", null).checkWrite("k", Optional.of(OBJECT))))
                .isEqualTo("PreconditionFailed");
        assertThat(code(() -> Preconditions.ofWrite("\"abc\"", null).checkWrite("k", Optional.of(OBJECT))))
                .isEqualTo("passes");
    }
}
