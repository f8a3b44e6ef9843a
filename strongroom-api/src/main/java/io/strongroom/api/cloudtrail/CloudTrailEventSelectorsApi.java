package io.strongroom.api.cloudtrail;

import io.strongroom.api.AccessRequirement;
import io.strongroom.api.ServiceApi;
import io.strongroom.engine.cloudtrail.CloudTrailErrors;
import io.strongroom.engine.cloudtrail.EventSelector;
import io.strongroom.engine.cloudtrail.Trail;
import io.strongroom.engine.cloudtrail.TrailService;
import software.amazon.awssdk.services.cloudtrail.model.GetEventSelectorsRequest;
import software.amazon.awssdk.services.cloudtrail.model.GetEventSelectorsResponse;
import software.amazon.awssdk.services.cloudtrail.model.PutEventSelectorsRequest;
import software.amazon.awssdk.services.cloudtrail.model.PutEventSelectorsResponse;

import java.util.List;

/** PutEventSelectors and GetEventSelectors with basic event selectors for management events (D136). */
final class CloudTrailEventSelectorsApi {
    private CloudTrailEventSelectorsApi() {
    }

    static void add(ServiceApi.Builder api, TrailService trails) {
        api.write("PutEventSelectors", PutEventSelectorsRequest.class, "cloudtrail:PutEventSelectors",
                        (ctx, q) -> AccessRequirement.of("cloudtrail:PutEventSelectors",
                                CloudTrailTrailsApi.arn(ctx, q.trailName())),
                        (ctx, q) -> {
                            Trail t = trails.putEventSelectors(ctx.tx(), ctx.accountId(), ctx.region(), q.trailName(),
                                    selectors(q));
                            return PutEventSelectorsResponse.builder().trailARN(t.arn())
                                    .eventSelectors(sdkSelectors(t)).build();
                        })
                .read("GetEventSelectors", GetEventSelectorsRequest.class, "cloudtrail:GetEventSelectors",
                        (ctx, q) -> AccessRequirement.of("cloudtrail:GetEventSelectors",
                                CloudTrailTrailsApi.arn(ctx, q.trailName())),
                        (ctx, q) -> {
                            Trail t = trails.get(ctx.tx(), ctx.accountId(), ctx.region(), q.trailName());
                            return GetEventSelectorsResponse.builder().trailARN(t.arn())
                                    .eventSelectors(sdkSelectors(t)).build();
                        })
                .note("PutEventSelectors", "basic event selectors for management events only: DataResources, "
                        + "ExcludeManagementEventSources and AdvancedEventSelectors are refused with "
                        + "UnsupportedOperationException (D136)");
    }

    private static List<EventSelector> selectors(PutEventSelectorsRequest q) {
        if (q.hasAdvancedEventSelectors()) {
            if (q.hasEventSelectors()) {
                throw CloudTrailErrors.invalidEventSelectors("You can use either EventSelectors or "
                        + "AdvancedEventSelectors, but not both.");
            }
            throw CloudTrailErrors.unserved("Advanced event selectors (AdvancedEventSelectors)");
        }
        return q.eventSelectors().stream().map(s -> {
            if (!s.dataResources().isEmpty()) {
                throw CloudTrailErrors.unserved("Data events (DataResources of an event selector)");
            }
            if (!s.excludeManagementEventSources().isEmpty()) {
                throw CloudTrailErrors.unserved("Excluding management event sources (ExcludeManagementEventSources)");
            }
            return new EventSelector(s.readWriteTypeAsString() == null ? "All" : s.readWriteTypeAsString(),
                    !Boolean.FALSE.equals(s.includeManagementEvents()));
        }).toList();
    }

    /** The selectors in force, as AWS shows them: a trail without custom selectors shows the default one. */
    private static List<software.amazon.awssdk.services.cloudtrail.model.EventSelector> sdkSelectors(Trail t) {
        return t.selectorsInForce().stream().map(s -> software.amazon.awssdk.services.cloudtrail.model.EventSelector
                .builder().readWriteType(s.readWriteType()).includeManagementEvents(s.includeManagementEvents())
                .dataResources(List.of()).excludeManagementEventSources(List.of()).build()).toList();
    }
}
