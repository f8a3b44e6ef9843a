package io.strongroom.api;

import software.amazon.awssdk.core.SdkResponse;

/**
 * A handler's answer: the SDK response, plus the payload of an operation whose model streams its output
 * (S3 GetObject); {@code payload} is null for every other operation.
 */
public record Served(SdkResponse response, byte[] payload) {
    public static Served of(SdkResponse response) {
        return new Served(response, null);
    }
}
