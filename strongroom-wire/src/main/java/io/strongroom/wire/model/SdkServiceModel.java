package io.strongroom.wire.model;

import io.strongroom.wire.OperationModel;
import io.strongroom.wire.Protocol;
import io.strongroom.wire.ServiceModel;
import io.strongroom.wire.sdk.OperationBinding;
import io.strongroom.wire.sdk.SdkIntrospector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link ServiceModel} built from our {@link ServiceSpec} row, the SDK classes and the model tables. */
public final class SdkServiceModel implements ServiceModel {
    private final ServiceSpec spec;
    private final String xmlNamespace;
    private final String apiVersion;
    private final String targetPrefix;
    private final String endpointPrefix;
    private final Map<String, SdkOperationModel> operations = new LinkedHashMap<>();

    public SdkServiceModel(ServiceSpec spec) {
        this.spec = spec;
        ModelTables tables = ModelTables.get();
        String ns = tables.fact(spec.name(), "xmlNamespace").orElse(null);
        if (spec.protocol() == Protocol.REST_XML && ns == null) {
            ns = "http://s3.amazonaws.com/doc/2006-03-01/";
        }
        // botocore drops EC2's trailing slash; AWS sends it.
        this.xmlNamespace = ns != null && !ns.endsWith("/") ? ns + "/" : ns;
        this.apiVersion = tables.fact(spec.name(), "apiVersion").orElse(null);
        this.targetPrefix = tables.fact(spec.name(), "targetPrefix").orElse(null);
        this.endpointPrefix = tables.fact(spec.name(), "endpointPrefix").orElse(spec.signingName());
        for (OperationBinding b : SdkIntrospector.operations(spec.sdkPackage(), spec.clientName())) {
            operations.put(b.name(), new SdkOperationModel(this, b));
        }
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public String signingName() {
        return spec.signingName();
    }

    @Override
    public Protocol protocol() {
        return spec.protocol();
    }

    @Override
    public String xmlNamespace() {
        return xmlNamespace;
    }

    @Override
    public String apiVersion() {
        return apiVersion;
    }

    @Override
    public String eventSource() {
        return endpointPrefix + ".amazonaws.com";
    }

    /** The X-Amz-Target prefix of awsJson services (before the dot). */
    public String targetPrefix() {
        return targetPrefix;
    }

    /** The host label AWS endpoints start with (sts., s3., elasticfilesystem.). */
    public String endpointPrefix() {
        return endpointPrefix;
    }

    @Override
    public List<OperationModel> operations() {
        return new ArrayList<>(operations.values());
    }

    public List<SdkOperationModel> sdkOperations() {
        return new ArrayList<>(operations.values());
    }

    @Override
    public Optional<OperationModel> operation(String name) {
        return Optional.ofNullable(operations.get(name));
    }

    @Override
    public String toString() {
        return spec.name();
    }
}
