package io.strongroom.wire.codec.awsjson;

import io.strongroom.kernel.ServiceException;
import io.strongroom.wire.Protocol;
import io.strongroom.wire.codec.ProtocolCodec;
import io.strongroom.wire.codec.WireErrors;
import io.strongroom.wire.codec.json.JsonShapes;
import io.strongroom.wire.codec.json.JsonSupport;
import io.strongroom.wire.http.Headers;
import io.strongroom.wire.http.WireRequest;
import io.strongroom.wire.http.WireResponse;
import io.strongroom.wire.model.SdkOperationModel;
import io.strongroom.wire.model.SdkServiceModel;
import io.strongroom.wire.sdk.Shape;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

/** awsJson 1.0 / 1.1: POST /, operation in X-Amz-Target, every member in the JSON body. */
public final class AwsJsonCodec implements ProtocolCodec {
    private final Protocol protocol;

    public AwsJsonCodec(Protocol protocol) {
        this.protocol = protocol;
    }

    private String contentType() {
        return protocol == Protocol.AWS_JSON_1_0 ? "application/x-amz-json-1.0" : "application/x-amz-json-1.1";
    }

    @Override
    public SdkOperationModel route(SdkServiceModel service, WireRequest request) {
        String target = request.headers().firstOrNull("X-Amz-Target");
        if (target == null) {
            throw WireErrors.unknownOperation("Missing X-Amz-Target header");
        }
        for (SdkOperationModel op : service.sdkOperations()) {
            if (target.equals(op.binding().target())) {
                return op;
            }
        }
        throw WireErrors.unknownOperation("Unknown operation " + target);
    }

    @Override
    public SdkRequest decode(SdkOperationModel operation, WireRequest request) {
        Shape shape = operation.input();
        return (SdkRequest) JsonShapes.readStructure(shape, JsonSupport.parse(request.body()));
    }

    @Override
    public WireResponse encode(SdkOperationModel operation, SdkResponse response, byte[] streamingBody,
                               String requestId) {
        byte[] body = JsonSupport.write(g -> JsonShapes.writeStructure(g, Shape.ofValue(response), response));
        return new WireResponse(200, headers(requestId), body);
    }

    @Override
    public WireResponse encodeError(SdkServiceModel service, ServiceException error, int status, String requestId) {
        Headers h = headers(requestId).set("x-amzn-ErrorType", error.code());
        return new WireResponse(status, h, JsonSupport.errorBody(error, error.code()));
    }

    private Headers headers(String requestId) {
        return Headers.of("Content-Type", contentType(), "x-amzn-RequestId", requestId);
    }
}
