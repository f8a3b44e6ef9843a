package io.strongroom.server.pipeline;

import io.strongroom.engine.cloudtrail.EventHistory;
import io.strongroom.engine.cloudtrail.TrailEvent;
import io.strongroom.engine.identity.Principal;
import io.strongroom.storage.Tx;
import io.strongroom.wire.ServiceModel;
import io.strongroom.wire.sdk.SdkPojoMaps;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Writes the CloudTrail management event of one API call, allowed or denied; data events are not recorded. */
final class CallRecorder {
    private final EventHistory history;
    private final Clock clock;

    CallRecorder(EventHistory history, Clock clock) {
        this.history = history;
        this.clock = clock;
    }

    void record(Tx tx, CallOutcome call) {
        TrailEvent event = event(tx, call);
        history.record(tx, event);
        if (call.denialExplanation() != null) {
            history.recordDenial(tx, event.eventId(), call.denialExplanation());
        }
    }

    /** A data-event call the Authorizer denied: kept for the dashboard, never in event history (D75). */
    void recordDeniedDataCall(Tx tx, CallOutcome call) {
        history.recordDeniedDataCall(tx, event(tx, call), call.denialExplanation());
    }

    private TrailEvent event(Tx tx, CallOutcome call) {
        Principal caller = call.caller();
        ServiceModel service = call.service();
        return new TrailEvent(history.newEventId(tx), Instant.now(clock), service.eventSource(),
                call.operationName(), call.region(), caller.accountId(), caller, null,
                call.sourceIp(), call.userAgent(), call.errorCode(), call.errorMessage(),
                SdkPojoMaps.toMap(call.request()),
                call.readOnly() || call.errorCode() != null ? null : SdkPojoMaps.toMap(call.response()),
                call.requestId(), call.readOnly(), List.of(), "AwsApiCall");
    }

    /** What is known of a call once it has been answered. */
    record CallOutcome(String requestId, ServiceModel service, String operationName, Principal caller, String region,
                       String sourceIp, String userAgent, boolean readOnly, SdkRequest request, SdkResponse response,
                       String errorCode, String errorMessage, String denialExplanation) {
        CallOutcome succeeded(SdkResponse answer) {
            return new CallOutcome(requestId, service, operationName, caller, region, sourceIp, userAgent, readOnly,
                    request, answer, null, null, null);
        }

        /** A failed call; {@code denialExplanation} says which policy denied it when the Authorizer did. */
        CallOutcome failed(String code, String message, String denialExplanation) {
            return new CallOutcome(requestId, service, operationName, caller, region, sourceIp, userAgent, readOnly,
                    request, null, code, message, denialExplanation);
        }
    }
}
