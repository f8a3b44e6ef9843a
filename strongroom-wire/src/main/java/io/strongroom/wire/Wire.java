package io.strongroom.wire;

import io.strongroom.kernel.ServiceException;
import io.strongroom.wire.codec.ProtocolCodec;
import io.strongroom.wire.codec.WireErrors;
import io.strongroom.wire.codec.awsjson.AwsJsonCodec;
import io.strongroom.wire.codec.query.QueryCodec;
import io.strongroom.wire.codec.restjson.RestJsonCodec;
import io.strongroom.wire.codec.restxml.RestXmlCodec;
import io.strongroom.wire.http.WireRequest;
import io.strongroom.wire.http.WireResponse;
import io.strongroom.wire.model.ModelTables;
import io.strongroom.wire.model.SdkOperationModel;
import io.strongroom.wire.model.SdkServiceModel;
import io.strongroom.wire.model.ServiceSpec;
import io.strongroom.wire.routing.ServiceResolver;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

/**
 * The wire layer's entry point: which service, which operation, SDK request in, SDK response or error out.
 * Everything protocol-specific sits behind one {@link ProtocolCodec} per protocol.
 */
public final class Wire {
    private final Map<String, SdkServiceModel> services = new LinkedHashMap<>();
    private final Map<Protocol, ProtocolCodec> codecs = new EnumMap<>(Protocol.class);
    private final ServiceResolver resolver;

    private Wire(List<SdkServiceModel> models) {
        models.forEach(m -> services.put(m.name(), m));
        codecs.put(Protocol.AWS_JSON_1_0, new AwsJsonCodec(Protocol.AWS_JSON_1_0));
        codecs.put(Protocol.AWS_JSON_1_1, new AwsJsonCodec(Protocol.AWS_JSON_1_1));
        codecs.put(Protocol.REST_JSON_1, new RestJsonCodec());
        codecs.put(Protocol.QUERY, new QueryCodec(false));
        codecs.put(Protocol.EC2, new QueryCodec(true));
        codecs.put(Protocol.REST_XML, new RestXmlCodec());
        resolver = new ServiceResolver(models);
    }

    /** @throws IllegalArgumentException for a name we have no table row for */
    public static Wire forServices(Collection<String> names) {
        List<SdkServiceModel> models = new ArrayList<>();
        for (String n : names) {
            ServiceSpec spec = ServiceSpec.named(n)
                    .orElseThrow(() -> new IllegalArgumentException("no wire model for service " + n));
            models.add(new SdkServiceModel(spec));
        }
        return new Wire(models);
    }

    public Optional<ServiceModel> service(String name) {
        return Optional.ofNullable(services.get(name));
    }

    public List<ServiceModel> services() {
        return List.copyOf(services.values());
    }

    /**
     * Which served service a request is for: the SigV4 credential-scope service when signed (null if unsigned),
     * else X-Amz-Target prefix, else Host header, else Action+Version for query.
     */
    public Optional<ServiceModel> resolveService(WireRequest request, String signingNameOrNull) {
        Map<String, String> params;
        try {
            params = QueryCodec.params(request);
        } catch (ServiceException e) {
            params = Map.of();
        }
        return resolver.resolve(request, signingNameOrNull, params).map(s -> s);
    }

    /**
     * Finds the operation and decodes its request.
     *
     * @throws ServiceException with the protocol's codes for an unknown operation or malformed input
     */
    public Call decode(ServiceModel service, WireRequest request) {
        SdkServiceModel s = model(service);
        ProtocolCodec codec = codecs.get(s.protocol());
        SdkOperationModel op = codec.route(s, request);
        try {
            return new Call(op, codec.decode(op, request));
        } catch (ServiceException e) {
            throw e;
        } catch (RuntimeException e) {
            // A value the SDK builder refuses is the caller's input, not our failure.
            throw malformed(s.protocol(), e);
        }
    }

    private static ServiceException malformed(Protocol protocol, RuntimeException cause) {
        return switch (protocol) {
            case AWS_JSON_1_0, AWS_JSON_1_1, REST_JSON_1 -> WireErrors.serialization("Malformed request body");
            case QUERY, EC2 -> WireErrors.invalidParameterValue("Malformed request parameters");
            case REST_XML -> WireErrors.malformedXml();
        };
    }

    public WireResponse encode(Call call, SdkResponse response, String requestId) {
        return encode(call, response, null, requestId);
    }

    /** For operations with a streaming output member (S3 GetObject): {@code streamingBody} is the payload. */
    public WireResponse encode(Call call, SdkResponse response, byte[] streamingBody, String requestId) {
        SdkOperationModel op = (SdkOperationModel) call.operation();
        return codecs.get(op.service().protocol()).encode(op, response, streamingBody, requestId);
    }

    /** Status from our tables per (service, code), else 400 for sender faults and 500 for server faults. */
    public WireResponse encodeError(ServiceModel service, ServiceException error, String requestId) {
        int status = ModelTables.get().errorStatus(service.name(), error.code())
                .orElse(error.errorCode().senderFault() ? 400 : 500);
        return encodeError(service, error, status, requestId);
    }

    /** With the status forced (authentication errors, whose status depends on the protocol). */
    public WireResponse encodeError(ServiceModel service, ServiceException error, int httpStatus, String requestId) {
        SdkServiceModel s = model(service);
        return codecs.get(s.protocol()).encodeError(s, error, httpStatus, requestId);
    }

    /** Decodes a request for an operation that is already known (tests, internal callers). */
    public SdkRequest decode(OperationModel operation, WireRequest request) {
        SdkOperationModel op = (SdkOperationModel) operation;
        return codecs.get(op.service().protocol()).decode(op, request);
    }

    private SdkServiceModel model(ServiceModel service) {
        SdkServiceModel s = services.get(service.name());
        if (s == null) {
            throw new IllegalArgumentException("service not served by this Wire: " + service.name());
        }
        return s;
    }
}
