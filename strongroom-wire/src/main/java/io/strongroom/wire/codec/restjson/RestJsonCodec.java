package io.strongroom.wire.codec.restjson;

import com.fasterxml.jackson.databind.JsonNode;
import io.strongroom.kernel.ServiceException;
import io.strongroom.wire.codec.ProtocolCodec;
import io.strongroom.wire.codec.WireErrors;
import io.strongroom.wire.codec.json.JsonShapes;
import io.strongroom.wire.codec.json.JsonSupport;
import io.strongroom.wire.codec.rest.HttpBindings;
import io.strongroom.wire.http.Headers;
import io.strongroom.wire.http.WireRequest;
import io.strongroom.wire.http.WireResponse;
import io.strongroom.wire.model.SdkOperationModel;
import io.strongroom.wire.model.SdkServiceModel;
import io.strongroom.wire.routing.QueryString;
import io.strongroom.wire.routing.RestRouter;
import io.strongroom.wire.routing.RoutedRequests;
import io.strongroom.wire.sdk.Kind;
import io.strongroom.wire.sdk.Location;
import io.strongroom.wire.sdk.Member;
import io.strongroom.wire.sdk.Shape;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

/** restJson1 (Backup, EFS): URI templates, members in path/query/headers, the rest as a JSON body. */
public final class RestJsonCodec implements ProtocolCodec {
    private final Map<SdkServiceModel, RestRouter> routers = new ConcurrentHashMap<>();

    private final RoutedRequests routed = new RoutedRequests();

    @Override
    public SdkOperationModel route(SdkServiceModel service, WireRequest request) {
        RestRouter.Match m = match(service, request);
        if (m == null) {
            throw WireErrors.unknownOperation("No operation matches " + request.method() + " " + request.rawPath());
        }
        routed.remember(request, m);
        return m.operation();
    }

    private RestRouter.Match match(SdkServiceModel service, WireRequest request) {
        RestRouter router = routers.computeIfAbsent(service, s -> new RestRouter(s.sdkOperations()));
        return router.route(request.method(), request.rawPath(), query(request), request.headers(), op -> true,
                new boolean[1]);
    }

    private static Map<String, List<String>> query(WireRequest request) {
        try {
            return QueryString.parse(request.rawQuery());
        } catch (IllegalArgumentException e) {
            throw WireErrors.serialization("Malformed query string");
        }
    }

    @Override
    public SdkRequest decode(SdkOperationModel operation, WireRequest request) {
        RestRouter.Match match = routed.take(request).orElseGet(() -> match(operation.service(), request));
        Map<String, String> labels = match != null && match.operation() == operation ? match.labels() : Map.of();
        Shape shape = operation.input();
        Shape.Builder b = shape.newBuilder();
        try {
            HttpBindings.readNonBody(shape, labels, query(request), request.headers(), b);
        } catch (IllegalArgumentException e) {
            throw WireErrors.serialization("Invalid value in request: " + e.getMessage());
        }
        Optional<Member> payload = shape.payloadMember();
        if (payload.isPresent()) {
            Member p = payload.get();
            if (p.kind() == Kind.BLOB) {
                b.set(p, SdkBytes.fromByteArray(request.body()));
            } else if (p.kind() == Kind.STRING) {
                b.set(p, new String(request.body(), StandardCharsets.UTF_8));
            } else if (request.body().length > 0) {
                b.set(p, JsonShapes.read(p, JsonSupport.parse(request.body())));
            }
        } else if (hasBodyMembers(shape)) {
            JsonNode node = JsonSupport.parse(request.body());
            JsonShapes.readInto(shape, node, b);
        }
        return (SdkRequest) b.build();
    }

    private static boolean hasBodyMembers(Shape shape) {
        return shape.members().stream().anyMatch(m -> m.location() == Location.BODY);
    }

    @Override
    public WireResponse encode(SdkOperationModel operation, SdkResponse response, byte[] streamingBody,
                               String requestId) {
        Shape shape = Shape.ofValue(response);
        Headers h = Headers.of("Content-Type", "application/json", "x-amzn-RequestId", requestId);
        Integer status = HttpBindings.writeNonBody(shape, response, h);
        byte[] body;
        Optional<Member> payload = shape.payloadMember();
        if (streamingBody != null) {
            body = streamingBody;
            h.set("Content-Type", "application/octet-stream");
        } else if (payload.isPresent()) {
            Object v = payload.get().get(response);
            body = v == null ? new byte[0] : payloadBytes(payload.get(), v);
        } else {
            body = JsonSupport.write(g -> JsonShapes.writeStructure(g, shape, response));
        }
        return new WireResponse(status != null ? status : operation.successStatus(), h, body);
    }

    private static byte[] payloadBytes(Member p, Object v) {
        if (p.kind() == Kind.BLOB) {
            return ((SdkBytes) v).asByteArray();
        }
        if (p.kind() == Kind.STRING) {
            return ((String) v).getBytes(StandardCharsets.UTF_8);
        }
        return JsonSupport.write(g -> JsonShapes.write(g, p, v));
    }

    @Override
    public WireResponse encodeError(SdkServiceModel service, ServiceException error, int status, String requestId) {
        Headers h = Headers.of("Content-Type", "application/json", "x-amzn-RequestId", requestId,
                "x-amzn-ErrorType", error.code());
        return new WireResponse(status, h, JsonSupport.errorBody(error, null));
    }
}
