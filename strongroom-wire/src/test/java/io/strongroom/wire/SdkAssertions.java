package io.strongroom.wire;

import static org.assertj.core.api.Assertions.assertThat;

import software.amazon.awssdk.core.SdkPojo;

final class SdkAssertions {
    private SdkAssertions() {
    }

    /** Responses' equals also compares the HTTP response they came with; the members are what we produce. */
    static void assertSameMembers(SdkPojo actual, SdkPojo expected) {
        assertThat(actual.equalsBySdkFields(expected)).as("%s%n  expected %s", actual, expected).isTrue();
    }
}
