package io.strongroom.wire.codec.query;

import io.strongroom.kernel.ServiceException;
import io.strongroom.wire.codec.ProtocolCodec;
import io.strongroom.wire.codec.WireErrors;
import io.strongroom.wire.codec.xml.XmlShapes;
import io.strongroom.wire.codec.xml.XmlWriter;
import io.strongroom.wire.http.Headers;
import io.strongroom.wire.http.WireRequest;
import io.strongroom.wire.http.WireResponse;
import io.strongroom.wire.model.SdkOperationModel;
import io.strongroom.wire.model.SdkServiceModel;
import io.strongroom.wire.routing.QueryString;
import io.strongroom.wire.sdk.Shape;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

/**
 * awsQuery (STS, IAM, RDS) and its EC2 dialect: form parameters in, XML out.
 * <pre>
 * query: &lt;XResponse xmlns&gt;&lt;XResult&gt;..&lt;/XResult&gt;&lt;ResponseMetadata&gt;&lt;RequestId/&gt;..
 * ec2:   &lt;XResponse xmlns&gt;&lt;requestId/&gt;..lowerCamel members, &lt;item&gt; lists..
 * </pre>
 */
public final class QueryCodec implements ProtocolCodec {
    private final boolean ec2;

    public QueryCodec(boolean ec2) {
        this.ec2 = ec2;
    }

    /** Parameters from the query string and, for form posts, the body (AWS accepts both). */
    public static Map<String, String> params(WireRequest request) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            add(out, QueryString.parse(request.rawQuery()));
            String type = request.headers().first("Content-Type").orElse("");
            if (request.body().length > 0 && (type.isEmpty() || type.startsWith("application/x-www-form-urlencoded"))) {
                add(out, QueryString.parse(new String(request.body(), StandardCharsets.UTF_8)));
            }
        } catch (IllegalArgumentException e) {
            throw WireErrors.malformedQuery("Malformed query string: " + e.getMessage());
        }
        return out;
    }

    private static void add(Map<String, String> out, Map<String, List<String>> in) {
        in.forEach((k, v) -> out.put(k, v.get(0)));
    }

    @Override
    public SdkOperationModel route(SdkServiceModel service, WireRequest request) {
        Map<String, String> p = params(request);
        String action = p.get("Action");
        String version = p.get("Version");
        if (action != null && (version == null || version.equals(service.apiVersion()))) {
            for (SdkOperationModel op : service.sdkOperations()) {
                if (action.equals(op.binding().target())) {
                    return op;
                }
            }
        }
        throw WireErrors.invalidAction(action, version);
    }

    @Override
    public SdkRequest decode(SdkOperationModel operation, WireRequest request) {
        Map<String, String> p = params(request);
        try {
            return (SdkRequest) new QueryParams(p, ec2).readStructure(operation.input(), "");
        } catch (QueryParams.BadValue e) {
            throw WireErrors.invalidParameterValue("Value (" + e.value + ") for parameter " + e.name + " is invalid.");
        }
    }

    @Override
    public WireResponse encode(SdkOperationModel operation, SdkResponse response, byte[] streamingBody,
                               String requestId) {
        String ns = operation.service().xmlNamespace();
        String root = operation.name() + "Response";
        Shape shape = Shape.ofValue(response);
        XmlWriter w = new XmlWriter().declaration().start(root, Map.of("xmlns", ns));
        if (ec2) {
            w.element("requestId", requestId);
            XmlShapes.writeMembers(w, shape, response);
        } else {
            if (!shape.members().isEmpty()) {
                w.start(operation.resultWrapper());
                XmlShapes.writeMembers(w, shape, response);
                w.end(operation.resultWrapper());
            }
            w.start("ResponseMetadata").element("RequestId", requestId).end("ResponseMetadata");
        }
        w.end(root);
        return new WireResponse(200, headers(requestId), w.toBytes());
    }

    @Override
    public WireResponse encodeError(SdkServiceModel service, ServiceException error, int status, String requestId) {
        XmlWriter w = new XmlWriter().declaration();
        if (ec2) {
            w.start("Response").start("Errors").start("Error")
                    .element("Code", error.code()).element("Message", error.getMessage());
            error.details().forEach(w::element);
            w.end("Error").end("Errors").element("RequestID", requestId).end("Response");
        } else {
            w.start("ErrorResponse", Map.of("xmlns", service.xmlNamespace())).start("Error")
                    .element("Type", error.errorCode().senderFault() ? "Sender" : "Receiver")
                    .element("Code", error.code()).element("Message", error.getMessage());
            error.details().forEach(w::element);
            w.end("Error").element("RequestId", requestId).end("ErrorResponse");
        }
        return new WireResponse(status, headers(requestId), w.toBytes());
    }

    private static Headers headers(String requestId) {
        return Headers.of("Content-Type", "text/xml", "x-amzn-RequestId", requestId);
    }
}
