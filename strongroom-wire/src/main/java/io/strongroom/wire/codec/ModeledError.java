package io.strongroom.wire.codec;

import io.strongroom.kernel.ServiceException;
import software.amazon.awssdk.core.SdkPojo;

/**
 * A service error whose model shape has members beyond its message, such as DynamoDB's
 * {@code TransactionCanceledException} with its {@code CancellationReasons}. {@code members} is the SDK's
 * exception (or any model object of its shape): the JSON protocols write its members into the error body beside
 * the message, so SDKs read them as they read AWS's. The XML protocols write the message only.
 */
public final class ModeledError extends ServiceException {
    private final SdkPojo members;

    /** The domain's error, answered with {@code members} as well. */
    public ModeledError(ServiceException error, SdkPojo members) {
        super(error.errorCode(), error.getMessage(), error.details());
        this.members = members;
    }

    public SdkPojo members() {
        return members;
    }
}
