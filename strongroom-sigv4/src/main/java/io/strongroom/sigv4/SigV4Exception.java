package io.strongroom.sigv4;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An authentication failure. The message is the text AWS puts in the error's {@code Message}; details
 * are the extra elements some families add (S3 {@code StringToSign}, {@code RequestTime}, ...), in the
 * order AWS writes them.
 */
public final class SigV4Exception extends Exception {
    private final AuthFailure failure;
    private final Map<String, String> details;

    public SigV4Exception(AuthFailure failure, String message) {
        this(failure, message, Map.of());
    }

    public SigV4Exception(AuthFailure failure, String message, Map<String, String> details) {
        // Thrown for every badly signed request from the network: a stack trace would say nothing about
        // the request and would make rejecting a flood of them needlessly expensive.
        super(message, null, false, false);
        this.failure = failure;
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public AuthFailure failure() {
        return failure;
    }

    public Map<String, String> details() {
        return details;
    }

    @Override
    public String toString() {
        return "SigV4Exception[" + failure + "]: " + getMessage();
    }
}
