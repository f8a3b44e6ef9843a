package io.strongroom.wire.codec;

import io.strongroom.kernel.ServiceException;
import io.strongroom.wire.http.WireRequest;
import io.strongroom.wire.http.WireResponse;
import io.strongroom.wire.model.SdkOperationModel;
import io.strongroom.wire.model.SdkServiceModel;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

/** One AWS protocol: finds the operation, decodes its request, encodes its response or an error. */
public interface ProtocolCodec {
    /** @throws ServiceException the protocol's unknown-operation error */
    SdkOperationModel route(SdkServiceModel service, WireRequest request);

    /** @throws ServiceException the protocol's malformed-input error */
    SdkRequest decode(SdkOperationModel operation, WireRequest request);

    /** @param streamingBody the bytes of a streaming output member (S3 GetObject), else null */
    WireResponse encode(SdkOperationModel operation, SdkResponse response, byte[] streamingBody, String requestId);

    WireResponse encodeError(SdkServiceModel service, ServiceException error, int status, String requestId);
}
