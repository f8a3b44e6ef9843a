package io.strongroom.wire.routing;

import io.strongroom.wire.Protocol;
import io.strongroom.wire.http.WireRequest;
import io.strongroom.wire.model.SdkServiceModel;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which served service a request is for, from the strongest evidence to the weakest: SigV4 credential scope,
 * X-Amz-Target prefix, a service label in the Host header, then Action+Version of a query request.
 */
public final class ServiceResolver {
    private final List<SdkServiceModel> services;

    public ServiceResolver(List<SdkServiceModel> services) {
        this.services = services;
    }

    public Optional<SdkServiceModel> resolve(WireRequest request, String signingName,
                                             Map<String, String> queryParams) {
        if (signingName != null) {
            return services.stream().filter(s -> s.signingName().equals(signingName)).findFirst();
        }
        String target = request.headers().firstOrNull("X-Amz-Target");
        if (target != null && target.lastIndexOf('.') > 0) {
            String prefix = target.substring(0, target.lastIndexOf('.'));
            Optional<SdkServiceModel> s = services.stream().filter(x -> prefix.equals(x.targetPrefix())).findFirst();
            if (s.isPresent()) {
                return s;
            }
        }
        Optional<SdkServiceModel> byHost = byHost(request.headers().firstOrNull("Host"));
        if (byHost.isPresent()) {
            return byHost;
        }
        String action = queryParams.get("Action");
        String version = queryParams.get("Version");
        if (action != null) {
            return services.stream()
                    .filter(s -> s.protocol() == Protocol.QUERY || s.protocol() == Protocol.EC2)
                    .filter(s -> version == null || version.equals(s.apiVersion()))
                    .filter(s -> s.sdkOperations().stream().anyMatch(o -> action.equals(o.binding().target())))
                    .findFirst();
        }
        return Optional.empty();
    }

    private Optional<SdkServiceModel> byHost(String host) {
        if (host == null) {
            return Optional.empty();
        }
        String h = host.toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        if (colon > 0 && !h.endsWith("]")) {
            h = h.substring(0, colon);
        }
        String[] labels = h.split("\\.");
        // The service label is the first that names a service: sts.amazonaws.com, bucket.s3.localhost.
        for (int i = 0; i < labels.length - 1; i++) {
            String label = labels[i];
            for (SdkServiceModel s : services) {
                if (label.equals(s.endpointPrefix()) || label.equals(s.name())) {
                    return Optional.of(s);
                }
            }
        }
        // bucket.localhost: a virtual-hosted bucket without an s3 label.
        if (labels.length >= 2 && labels[labels.length - 1].equals("localhost")) {
            return services.stream().filter(s -> s.protocol() == Protocol.REST_XML).findFirst();
        }
        return Optional.empty();
    }
}
