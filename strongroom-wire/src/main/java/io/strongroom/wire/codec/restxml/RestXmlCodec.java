package io.strongroom.wire.codec.restxml;

import io.strongroom.kernel.ServiceException;
import io.strongroom.wire.codec.ProtocolCodec;
import io.strongroom.wire.codec.WireErrors;
import io.strongroom.wire.codec.rest.HttpBindings;
import io.strongroom.wire.codec.xml.XmlReader;
import io.strongroom.wire.codec.xml.XmlShapes;
import io.strongroom.wire.codec.xml.XmlWriter;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.w3c.dom.Element;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

/**
 * restXml (S3). The SDK's URI templates leave the bucket out (it goes to host or path at endpoint resolution),
 * so the bucket is taken off first and an operation matches only if it takes a bucket exactly when one is given.
 */
public final class RestXmlCodec implements ProtocolCodec {
    private static final String BUCKET = "Bucket";
    private final Map<SdkServiceModel, RestRouter> routers = new ConcurrentHashMap<>();
    /** Per operation of the cached routers (so bounded): asked for every candidate of every request. */
    private final Map<SdkOperationModel, Boolean> takesBucket = new ConcurrentHashMap<>();

    private final RoutedRequests routed = new RoutedRequests();

    @Override
    public SdkOperationModel route(SdkServiceModel service, WireRequest request) {
        RestRouter.Match m = match(service, request);
        routed.remember(request, m);
        return m.operation();
    }

    private RestRouter.Match match(SdkServiceModel service, WireRequest request) {
        S3Addressing where = S3Addressing.of(request);
        RestRouter router = routers.computeIfAbsent(service, s -> new RestRouter(s.sdkOperations()));
        boolean[] otherMethod = new boolean[1];
        RestRouter.Match m = router.route(request.method(), where.keyPath(), query(request), request.headers(),
                op -> takesBucket.computeIfAbsent(op, RestXmlCodec::takesBucket) == (where.bucket() != null),
                otherMethod);
        if (m == null) {
            throw otherMethod[0] ? WireErrors.methodNotAllowed(request.method()) : WireErrors.notImplemented();
        }
        if (where.bucket() == null) {
            return m;
        }
        Map<String, String> labels = new LinkedHashMap<>(m.labels());
        labels.put(BUCKET, where.bucket());
        return new RestRouter.Match(m.operation(), labels);
    }

    private static boolean takesBucket(SdkOperationModel op) {
        // By wire name: CopyObject's member is DestinationBucket.
        return op.input().members().stream().anyMatch(m -> m.location() == Location.PATH && m.wireName().equals(BUCKET));
    }

    private static Map<String, List<String>> query(WireRequest request) {
        try {
            return QueryString.parse(request.rawQuery());
        } catch (IllegalArgumentException e) {
            throw new ServiceException(io.strongroom.kernel.ErrorCode.of("InvalidArgument"), "Malformed query string");
        }
    }

    @Override
    public SdkRequest decode(SdkOperationModel operation, WireRequest request) {
        RestRouter.Match match = routed.take(request).orElseGet(() -> match(operation.service(), request));
        Shape shape = operation.input();
        Shape.Builder b = shape.newBuilder();
        try {
            HttpBindings.readNonBody(shape, match.labels(), query(request), request.headers(), b);
        } catch (IllegalArgumentException e) {
            throw new ServiceException(io.strongroom.kernel.ErrorCode.of("InvalidArgument"),
                    "Invalid value in request: " + e.getMessage());
        }
        Optional<Member> payload = shape.payloadMember();
        byte[] body = request.body();
        if (payload.isPresent()) {
            Member p = payload.get();
            if (p.kind() == Kind.BLOB) {
                b.set(p, SdkBytes.fromByteArray(body));
            } else if (p.kind() == Kind.STRING) {
                b.set(p, new String(body, StandardCharsets.UTF_8));
            } else if (body.length > 0) {
                b.set(p, XmlShapes.readValue(p, parse(body)));
            }
        } else if (body.length > 0 && !operation.binding().streamingInput()
                && shape.members().stream().anyMatch(m -> m.location() == Location.BODY)) {
            XmlShapes.readMembers(shape, parse(body), b);
        }
        return (SdkRequest) b.build();
    }

    private static Element parse(byte[] body) {
        try {
            return XmlReader.parse(body);
        } catch (IllegalArgumentException e) {
            throw WireErrors.malformedXml();
        }
    }

    @Override
    public WireResponse encode(SdkOperationModel operation, SdkResponse response, byte[] streamingBody,
                               String requestId) {
        Shape shape = Shape.ofValue(response);
        Headers h = headers(requestId);
        Integer status = HttpBindings.writeNonBody(shape, response, h);
        Map<String, String> ns = Map.of("xmlns", operation.service().xmlNamespace());
        byte[] body = new byte[0];
        Optional<Member> payload = shape.payloadMember();
        if (streamingBody != null) {
            body = streamingBody;
        } else if (payload.isPresent()) {
            Member p = payload.get();
            Object v = p.get(response);
            if (v instanceof SdkBytes bytes) {
                body = bytes.asByteArray();
            } else if (v instanceof String s && operation.xmlRootIsPayloadElement()) {
                // A string payload S3 sends as one element (GetBucketLocation's <LocationConstraint>).
                body = new XmlWriter().declaration().start(operation.xmlRoot(), ns).text(s)
                        .end(operation.xmlRoot()).toBytes();
            } else if (v instanceof String s) {
                body = s.getBytes(StandardCharsets.UTF_8);
            } else if (v != null) {
                XmlWriter w = new XmlWriter().declaration();
                XmlShapes.writeStructure(w, p.readName(), Shape.ofValue(v), v, ns);
                body = w.toBytes();
            }
            if (!h.contains("Content-Type")) {
                h.set("Content-Type", v instanceof SdkBytes ? "application/octet-stream" : "application/xml");
            }
        } else if (shape.members().stream().anyMatch(m -> m.location() == Location.BODY)) {
            XmlWriter w = new XmlWriter().declaration();
            XmlShapes.writeStructure(w, operation.xmlRoot(), shape, response, ns);
            body = w.toBytes();
            h.set("Content-Type", "application/xml");
        }
        if (status == null && streamingBody != null && h.contains("Content-Range")) {
            status = 206; // a ranged GetObject: S3 answers Partial Content
        }
        return new WireResponse(status != null ? status : operation.successStatus(), h, body);
    }

    @Override
    public WireResponse encodeError(SdkServiceModel service, ServiceException error, int status, String requestId) {
        if (status == 304) {
            // Not Modified carries no body.
            return new WireResponse(status, headers(requestId), new byte[0]);
        }
        XmlWriter w = new XmlWriter().declaration().start("Error")
                .element("Code", error.code()).element("Message", error.getMessage());
        error.details().forEach(w::element);
        w.element("RequestId", requestId).element("HostId", hostId(requestId)).end("Error");
        Headers h = headers(requestId).set("Content-Type", "application/xml");
        return new WireResponse(status, h, w.toBytes());
    }

    private static Headers headers(String requestId) {
        return Headers.of("x-amzn-RequestId", requestId, "x-amz-request-id", requestId,
                "x-amz-id-2", hostId(requestId));
    }

    private static String hostId(String requestId) {
        return java.util.Base64.getEncoder().encodeToString(
                ("strongroom/" + requestId).getBytes(StandardCharsets.UTF_8));
    }
}
