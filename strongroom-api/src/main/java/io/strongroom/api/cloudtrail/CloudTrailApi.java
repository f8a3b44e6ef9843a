package io.strongroom.api.cloudtrail;

import io.strongroom.api.AccessRequirement;
import io.strongroom.api.ServiceApi;
import io.strongroom.engine.cloudtrail.EventHistory;
import io.strongroom.engine.cloudtrail.LookupAttribute;
import io.strongroom.engine.cloudtrail.LookupPage;
import io.strongroom.engine.cloudtrail.LookupQuery;
import io.strongroom.engine.cloudtrail.TrailEvent;
import io.strongroom.engine.cloudtrail.TrailService;
import io.strongroom.engine.cloudtrail.codec.CloudTrailEventJson;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsRequest;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;
import software.amazon.awssdk.services.cloudtrail.model.Resource;

import java.util.List;

/** CloudTrail event history and trails. */
public final class CloudTrailApi {
    private CloudTrailApi() {
    }

    public static ServiceApi create(EventHistory history, TrailService trails) {
        ServiceApi.Builder api = ServiceApi.builder("cloudtrail")
                .read("LookupEvents", LookupEventsRequest.class, "cloudtrail:LookupEvents",
                        (ctx, q) -> AccessRequirement.of("cloudtrail:LookupEvents", "*"),
                        (ctx, q) -> {
                            List<LookupAttribute> attributes = q.lookupAttributes().stream()
                                    .map(a -> new LookupAttribute(a.attributeKeyAsString(), a.attributeValue()))
                                    .toList();
                            LookupPage page = history.lookup(ctx.tx(), new LookupQuery(ctx.accountId(), ctx.region(),
                                    attributes, q.startTime(), q.endTime(), q.maxResults(),
                                    q.eventCategoryAsString(), q.nextToken()));
                            return LookupEventsResponse.builder()
                                    .events(page.events().stream().map(CloudTrailApi::event).toList())
                                    .nextToken(page.nextToken())
                                    .build();
                        })
                .note("LookupEvents", "events are visible at once; Insights events are never generated");
        return CloudTrailTrailsApi.add(api, trails).build();
    }

    private static Event event(TrailEvent e) {
        return Event.builder()
                .eventId(e.eventId())
                .eventName(e.eventName())
                .readOnly(Boolean.toString(e.readOnly()))
                .accessKeyId(e.accessKeyId())
                .eventTime(e.eventTime())
                .eventSource(e.eventSource())
                .username(e.username())
                .resources(e.resources().stream()
                        .map(r -> Resource.builder().resourceType(r.type()).resourceName(r.arn()).build())
                        .toList())
                .cloudTrailEvent(CloudTrailEventJson.render(e))
                .build();
    }
}
