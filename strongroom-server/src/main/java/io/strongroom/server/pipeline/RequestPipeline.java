package io.strongroom.server.pipeline;

import io.strongroom.api.CallContext;
import io.strongroom.api.OperationSpec;
import io.strongroom.api.PreparedCall;
import io.strongroom.api.Served;
import io.strongroom.api.ServiceApi;
import io.strongroom.engine.access.Authorizer;
import io.strongroom.engine.cloudtrail.EventHistory;
import io.strongroom.engine.identity.IdentityService;
import io.strongroom.engine.identity.Principal;
import io.strongroom.kernel.CommonErrors;
import io.strongroom.kernel.ErrorCode;
import io.strongroom.kernel.ServiceException;
import io.strongroom.server.http.JettyAdapter;
import io.strongroom.sigv4.AuthError;
import io.strongroom.sigv4.AuthErrors;
import io.strongroom.sigv4.AuthFailure;
import io.strongroom.sigv4.ClaimedSignature;
import io.strongroom.sigv4.ProtocolFamily;
import io.strongroom.sigv4.SigV4Exception;
import io.strongroom.sigv4.SignableRequest;
import io.strongroom.storage.Store;
import io.strongroom.wire.Call;
import io.strongroom.wire.Protocol;
import io.strongroom.wire.ServiceModel;
import io.strongroom.wire.Wire;
import io.strongroom.wire.http.Headers;
import io.strongroom.wire.http.WireRequest;
import io.strongroom.wire.http.WireResponse;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The one path every AWS API call takes, in this order: assign a request id, resolve the service,
 * authenticate (SigV4), decode, authorize, dispatch in one storage transaction, encode, record the
 * CloudTrail event. Nothing reaches a handler without passing the Authorizer.
 */
public final class RequestPipeline {
    private static final Logger LOG = Logger.getLogger(RequestPipeline.class.getName());

    private final Wire wire;
    private final Map<String, ServiceApi> apis = new HashMap<>();
    private final Store store;
    private final Authenticator authenticator;
    private final AuthorizeStage stage;
    private final CallRecorder recorder;
    private final Runnable afterWrite;

    /**
     * {@code afterWrite} runs after every committed write call: the server uses it to run deferred work
     * that is already due (work scheduled "now" completes right after the call that scheduled it).
     */
    public RequestPipeline(Wire wire, List<ServiceApi> apis, Store store, IdentityService identity,
                           Authorizer authorizer, EventHistory history, Clock domainClock, Clock wallClock,
                           Runnable afterWrite) {
        this.wire = wire;
        apis.forEach(api -> this.apis.put(api.serviceName(), api));
        this.store = store;
        this.authenticator = new Authenticator(store, identity, domainClock, wallClock);
        this.stage = new AuthorizeStage(authorizer);
        this.recorder = new CallRecorder(history, domainClock);
        this.afterWrite = afterWrite;
    }

    /**
     * A long-term key was changed (deactivated, deleted, re-bound): calls signed with it stop using the
     * cached resolution at once rather than within the cache's two seconds (decision D9).
     */
    public void forgetCredential(String accessKeyId) {
        authenticator.forget(accessKeyId);
    }

    public WireResponse handle(WireRequest request) {
        String requestId = requestId();
        SignableRequest signable = signable(request);
        ClaimedSignature claimed;
        Optional<ServiceModel> resolved;
        try {
            claimed = authenticator.claim(signable).orElse(null);
            resolved = resolveService(request, claimed);
        } catch (SigV4Exception e) {
            // Malformed authentication: answer in the protocol of whatever service the request looks like.
            Optional<ServiceModel> guess = wire.resolveService(request, null);
            return guess.map(s -> authError(s, e, requestId)).orElseGet(() -> unknownService(requestId));
        }
        if (resolved.isEmpty()) {
            return unknownService(requestId);
        }
        ServiceModel service = resolved.get();
        try {
            return serve(service, request, signable, claimed, requestId);
        } catch (ServiceException e) {
            return wire.encodeError(service, e, requestId);
        } catch (RuntimeException | StackOverflowError e) {
            // A request that recursed too deep is still answered in its protocol, and the server goes on.
            LOG.log(Level.SEVERE, "request " + requestId + " failed", e);
            return wire.encodeError(service, new ServiceException(CommonErrors.INTERNAL_FAILURE,
                    "We encountered an internal error. Please try again."), requestId);
        }
    }

    /**
     * Answers, in the protocol of whatever service a request is addressed to, when its body cannot be read whole
     * (D92): S3's RequestTimeout when it stopped arriving, S3's EntityTooLarge (413 elsewhere) when its declared
     * length is more than a body can hold.
     */
    public JettyAdapter.BodyProblems bodyProblems() {
        return new JettyAdapter.BodyProblems() {
            @Override
            public WireResponse timedOut(WireRequest request) {
                return unreadable(request, 400, new ServiceException(ErrorCode.of("RequestTimeout"),
                        "Your socket connection to the server was not read from or written to within the timeout "
                                + "period. Idle connections will be closed."));
            }

            @Override
            public WireResponse tooLarge(WireRequest request, long declaredLength, long maxLength) {
                return unreadable(request, 413, new ServiceException(ErrorCode.of("EntityTooLarge"),
                        "Your proposed upload exceeds the maximum allowed size", Map.of("ProposedSize",
                        Long.toString(declaredLength), "MaxSizeAllowed", Long.toString(maxLength))));
            }
        };
    }

    /**
     * The signature's scope names the service; a version-2 Authorization header names none (D131), so its request
     * goes by its shape (X-Amz-Target, host, Action) and only a request of no other shape is S3's.
     */
    private Optional<ServiceModel> resolveService(WireRequest request, ClaimedSignature claimed) {
        if (claimed == null) {
            return wire.resolveService(request, null);
        }
        if (claimed.routedByShape()) {
            Optional<ServiceModel> byShape = wire.resolveService(request, null);
            if (byShape.isPresent()) {
                return byShape;
            }
        }
        return wire.resolveService(request, claimed.scope().service());
    }

    private WireResponse unreadable(WireRequest request, int status, ServiceException error) {
        String requestId = requestId();
        ClaimedSignature claimed = null;
        try {
            claimed = authenticator.claim(signable(request)).orElse(null);
        } catch (SigV4Exception e) {
            // Resolved by the request's shape alone below.
        }
        return resolveService(request, claimed)
                .map(s -> wire.encodeError(s, error, s.protocol() == Protocol.REST_XML ? 400 : status, requestId))
                .orElseGet(() -> unknownService(requestId));
    }

    private WireResponse serve(ServiceModel service, WireRequest request, SignableRequest signable,
                               ClaimedSignature claimed, String requestId) {
        boolean s3 = service.protocol() == Protocol.REST_XML;
        if (claimed == null) {
            return authError(service, new SigV4Exception(AuthFailure.MISSING_AUTHENTICATION,
                    "Request is missing Authentication Token"), requestId);
        }
        Authenticator.Authenticated authenticated;
        try {
            authenticated = authenticator.authenticate(signable, claimed, service.signingName(), s3);
        } catch (SigV4Exception e) {
            return authError(service, e, requestId);
        }
        Principal caller = authenticated.principal();
        if (authenticated.chunked()) {
            request = withDecodedPayload(request, authenticated.payload(), authenticated.trailers());
        }
        if (s3) {
            PayloadIntegrity.verify(request);
        }
        String region = claimed.scope().region();
        Call call = wire.decode(service, request);
        String operationName = call.operation().name();
        String sourceIp = request.remoteAddress();
        String userAgent = request.headers().first("User-Agent").orElse("");
        OperationSpec<?, ?> spec = Optional.ofNullable(apis.get(service.name()))
                .flatMap(api -> api.operation(operationName)).orElse(null);
        boolean readOnly = spec == null || spec.readOnly();
        CallRecorder.CallOutcome outcome = new CallRecorder.CallOutcome(requestId, service, operationName, caller,
                region, sourceIp, userAgent, readOnly, call.request(), null, null, null, null);
        Served served;
        try {
            served = dispatch(service, operationName, spec, outcome, request.body());
        } catch (ServiceException e) {
            // The call's own transaction rolled back; the failure is recorded on its own.
            CallRecorder.CallOutcome failed = outcome.failed(e.code(), e.getMessage(),
                    e instanceof AuthorizeStage.DeniedCall denied ? denied.explanation() : null);
            if (spec == null || !spec.dataEvent()) {
                recordBatched(failed);
            } else if (failed.denialExplanation() != null) {
                store.writeBatched(tx -> {
                    recorder.recordDeniedDataCall(tx, failed);
                    return null;
                });
            } else {
                // Nothing is written after the failed call's reads, and its error may tell of what they saw.
                store.awaitReadsDurable();
            }
            throw e;
        }
        return wire.encode(call, served.response(), served.payload(), requestId);
    }

    /**
     * The request as the operation sees it once its aws-chunked body is decoded: the payload itself, and
     * aws-chunked no longer among its content codings (S3 does not store it as the object's encoding), and the
     * trailer's checksum headers among its headers, as S3 treats them.
     */
    private static WireRequest withDecodedPayload(WireRequest request, byte[] payload, Map<String, String> trailers) {
        Headers headers = request.headers().copy();
        List<String> codings = request.headers().all("content-encoding");
        if (!codings.isEmpty()) {
            headers.replace("content-encoding", codings.stream()
                    .map(value -> Arrays.stream(value.split(",")).map(String::trim)
                            .filter(v -> !v.isEmpty() && !v.equalsIgnoreCase("aws-chunked"))
                            .collect(Collectors.joining(",")))
                    .filter(value -> !value.isEmpty())
                    .toList());
        }
        trailers.forEach(headers::add);
        return new WireRequest(request.method(), request.rawPath(), request.rawQuery(), headers, payload,
                request.remoteAddress());
    }

    /**
     * Runs the call in its one transaction. A write records its event in that same transaction, so a
     * change and its audit record commit together; a read records its event through group commit.
     * Either way the event is durable before the caller is answered. Data events (item- and object-level
     * calls) are not recorded, as event history never holds them (D75); a read among them waits instead
     * until what it saw is durable. Writes, too, go through group
     * commit (decision D38): each call is one piece of a shared transaction, rolled back alone if it
     * fails, so concurrent write calls share one fsync instead of queueing for one each.
     */
    private Served dispatch(ServiceModel service, String operationName, OperationSpec<?, ?> spec,
                            CallRecorder.CallOutcome outcome, byte[] payload) {
        if (spec == null) {
            // Routable but not declared: nothing may run without a declaration, so it is denied.
            throw new ServiceException(AuthorizeStage.accessDeniedCode(service),
                    "User: " + outcome.caller().arn() + " is not authorized to perform: " + service.signingName()
                            + ":" + operationName + " because Strongroom does not serve this operation");
        }
        PreparedCall call = spec.prepare(outcome.request(), payload); // outside the shared writer
        if (!spec.writes()) {
            Served served = store.read(tx -> stage.run(service, spec, outcome.request(), context(outcome, tx),
                    call));
            if (spec.dataEvent()) {
                // No event commit follows the read to cover what it saw (D75).
                store.awaitReadsDurable();
            } else {
                recordBatched(outcome.succeeded(served.response()));
            }
            return served;
        }
        Served served = store.writeBatched(tx -> {
            Served answer = stage.run(service, spec, outcome.request(), context(outcome, tx), call);
            if (!spec.dataEvent()) {
                recorder.record(tx, outcome.succeeded(answer.response()));
            }
            return answer;
        });
        afterWrite.run();
        return served;
    }

    private static CallContext context(CallRecorder.CallOutcome outcome, io.strongroom.storage.Tx tx) {
        return new CallContext(outcome.requestId(), outcome.caller(), outcome.region(), tx, outcome.sourceIp());
    }

    private void recordBatched(CallRecorder.CallOutcome outcome) {
        store.writeBatched(tx -> {
            recorder.record(tx, outcome);
            return null;
        });
    }

    /**
     * A version-4-shaped UUID from a fast generator: a request id must be unique, not unguessable, and
     * {@code UUID.randomUUID}'s SecureRandom cost about a percent of a PutItem's CPU.
     */
    private static String requestId() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        return new UUID((random.nextLong() & ~0xf000L) | 0x4000L,
                (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L).toString();
    }

    private WireResponse authError(ServiceModel service, SigV4Exception e, String requestId) {
        AuthError error = AuthErrors.of(e.failure(), family(service.protocol()), e.getMessage());
        return wire.encodeError(service, new ServiceException(ErrorCode.of(error.code()), error.message(),
                e.details()), error.httpStatus(), requestId);
    }

    private static ProtocolFamily family(Protocol protocol) {
        return switch (protocol) {
            case QUERY, EC2 -> ProtocolFamily.QUERY;
            case AWS_JSON_1_0, AWS_JSON_1_1 -> ProtocolFamily.JSON;
            case REST_JSON_1 -> ProtocolFamily.REST_JSON;
            case REST_XML -> ProtocolFamily.S3;
        };
    }

    private static WireResponse unknownService(String requestId) {
        String body = "{\"__type\":\"UnknownServiceException\",\"message\":"
                + "\"Strongroom does not serve the service this request is addressed to.\"}";
        return new WireResponse(400, Headers.of("Content-Type", "application/x-amz-json-1.1",
                "x-amzn-RequestId", requestId, "x-amzn-ErrorType", "UnknownServiceException"),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static SignableRequest signable(WireRequest request) {
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : request.headers().names()) {
            headers.put(name, request.headers().all(name));
        }
        return new SignableRequest(request.method(), request.rawPath(), request.rawQuery(), headers, request.body());
    }
}
