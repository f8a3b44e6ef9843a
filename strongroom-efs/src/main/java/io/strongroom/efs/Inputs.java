package io.strongroom.efs;

import java.util.Map;

/** Operation inputs as the engine takes them, independent of SDK shapes. */
public final class Inputs {
    private Inputs() {
    }

    public record CreateFileSystem(String creationToken, String performanceMode, Boolean encrypted, String kmsKeyId,
                                   String throughputMode, Double provisionedThroughputInMibps,
                                   Map<String, String> tags) {
    }
}
