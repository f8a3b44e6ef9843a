package io.strongroom.wire.sdk;

import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/** What the SDK uses for "not set" collections. */
final class SdkValues {
    private SdkValues() {
    }

    static boolean isAutoConstruct(Object v) {
        return v instanceof SdkAutoConstructList || v instanceof SdkAutoConstructMap;
    }
}
