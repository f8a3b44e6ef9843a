package io.strongroom.wire.model;

import io.strongroom.wire.OperationModel;
import io.strongroom.wire.sdk.OperationBinding;
import io.strongroom.wire.sdk.Shape;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

/** An {@link OperationModel} backed by the SDK's operation binding, plus our per-operation facts. */
public final class SdkOperationModel implements OperationModel {
    private final SdkServiceModel service;
    private final OperationBinding binding;

    SdkOperationModel(SdkServiceModel service, OperationBinding binding) {
        this.service = service;
        this.binding = binding;
    }

    @Override
    public String name() {
        return binding.name();
    }

    @Override
    public SdkServiceModel service() {
        return service;
    }

    @Override
    public String httpMethod() {
        return binding.httpMethod();
    }

    @Override
    public String requestUri() {
        return binding.requestUri();
    }

    @Override
    public Class<? extends SdkRequest> requestType() {
        return binding.requestType();
    }

    @Override
    public Class<? extends SdkResponse> responseType() {
        return binding.responseType();
    }

    public OperationBinding binding() {
        return binding;
    }

    public Shape input() {
        return binding.requestShape();
    }

    public Shape output() {
        return binding.responseShape();
    }

    /** The HTTP status of a success (S3 DeleteObject 204, EFS CreateFileSystem 201...). */
    public int successStatus() {
        return ModelTables.get().operationFact(service.name(), name(), "status").map(Integer::valueOf).orElse(200);
    }

    /** The query protocol's result element name. */
    public String resultWrapper() {
        return ModelTables.get().operationFact(service.name(), name(), "resultWrapper").orElse(name() + "Result");
    }

    /** True when a string payload is sent wrapped in the root element rather than as raw text. */
    public boolean xmlRootIsPayloadElement() {
        return ModelTables.get().operationFact(service.name(), name(), "payloadElement").isPresent();
    }

    /** The restXml response root element when no member is the payload. */
    public String xmlRoot() {
        return ModelTables.get().operationFact(service.name(), name(), "root").orElse(name() + "Result");
    }

    @Override
    public String toString() {
        return service.name() + ":" + name();
    }
}
