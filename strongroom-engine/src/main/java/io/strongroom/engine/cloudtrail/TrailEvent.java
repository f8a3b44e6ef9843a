package io.strongroom.engine.cloudtrail;

import io.strongroom.engine.identity.Principal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One CloudTrail management event as recorded. {@code principal} is null for events the service
 * itself emits ({@code AwsServiceEvent}); {@code invokedBy} names the service acting for a caller.
 */
public record TrailEvent(String eventId, Instant eventTime, String eventSource, String eventName, String awsRegion,
                         String recipientAccountId, Principal principal, String invokedBy,
                         String sourceIpAddress, String userAgent, String errorCode, String errorMessage,
                         Map<String, Object> requestParameters, Map<String, Object> responseElements,
                         String requestId, boolean readOnly, List<TrailResource> resources, String eventType) {
    /** The event type of events a service emits on its own (its details are in {@code responseElements}). */
    public static final String SERVICE_EVENT = "AwsServiceEvent";

    public TrailEvent {
        resources = resources == null ? List.of() : List.copyOf(resources);
    }

    /** The Username event history shows: the user or role-session name, "root" for the root user. */
    public String username() {
        if (principal == null) {
            return invokedBy;
        }
        return principal.isRoot() ? "root" : principal.userName();
    }

    public String accessKeyId() {
        return principal == null ? null : principal.accessKeyId();
    }
}
