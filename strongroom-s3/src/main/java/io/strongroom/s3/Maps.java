package io.strongroom.s3;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Tags and metadata keep the order they were given in, as S3 answers them. */
final class Maps {
    private Maps() {
    }

    static Map<String, String> ordered(Map<String, String> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
