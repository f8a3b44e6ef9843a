package io.strongroom.server.pipeline;

import io.strongroom.api.CallContext;
import io.strongroom.api.OperationSpec;
import io.strongroom.api.ServiceApi;
import io.strongroom.engine.access.Authorizer;
import io.strongroom.engine.identity.Principal;
import io.strongroom.storage.Tx;
import io.strongroom.wire.ServiceModel;
import io.strongroom.wire.Wire;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A call an AWS service makes inside Strongroom as a principal of an account (Backup Audit Manager putting a report
 * into S3 as its service-linked role): the operation's own access requirement, the same Authorizer and the same
 * handler as the call from outside ({@link AuthorizeStage}), in the transaction of the work that makes it. There is
 * no signature to check, and nothing is recorded: S3 object writes are data events, which event history does not
 * hold. A refusal is the operation's own error, AccessDenied with the Authorizer's sentence.
 */
public final class InternalInvoker {
    private final Wire wire;
    private final Map<String, ServiceApi> apis;
    private final AuthorizeStage stage;

    public InternalInvoker(Wire wire, List<ServiceApi> apis, Authorizer authorizer) {
        this.wire = wire;
        this.apis = apis.stream().collect(Collectors.toMap(ServiceApi::serviceName, Function.identity()));
        this.stage = new AuthorizeStage(authorizer);
    }

    public SdkResponse call(Tx tx, Principal caller, String region, String serviceName, String operation,
                            SdkRequest request, byte[] payload) {
        ServiceModel service = wire.service(serviceName).orElseThrow(() -> new IllegalArgumentException(
                "no such service: " + serviceName));
        OperationSpec<?, ?> spec = apis.get(serviceName).operation(operation).orElseThrow(() ->
                new IllegalArgumentException(serviceName + " serves no " + operation));
        // The caller's transaction is already open: what the handler prepares is done in it.
        return stage.run(service, spec, request, new CallContext(UUID.randomUUID().toString(), caller, region, tx),
                spec.prepare(request, payload)).response();
    }
}
