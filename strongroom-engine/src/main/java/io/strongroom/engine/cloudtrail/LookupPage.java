package io.strongroom.engine.cloudtrail;

import java.util.List;

/** Events newest first, and the token for the next page (null when there is none). */
public record LookupPage(List<TrailEvent> events, String nextToken) {
}
