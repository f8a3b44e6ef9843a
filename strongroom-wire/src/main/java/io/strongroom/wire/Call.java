package io.strongroom.wire;

import software.amazon.awssdk.core.SdkRequest;

/** A decoded request: which operation, with which SDK request object. */
public record Call(OperationModel operation, SdkRequest request) {
}
