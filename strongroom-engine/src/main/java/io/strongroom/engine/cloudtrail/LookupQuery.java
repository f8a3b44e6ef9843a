package io.strongroom.engine.cloudtrail;

import java.time.Instant;
import java.util.List;

/** A LookupEvents call as the domain sees it; nulls mean "not given". */
public record LookupQuery(String accountId, String region, List<LookupAttribute> attributes, Instant startTime,
                          Instant endTime, Integer maxResults, String eventCategory, String nextToken) {
    public LookupQuery {
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
    }
}
