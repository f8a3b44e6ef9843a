package io.strongroom.engine.organizations;

import java.util.List;

/** One page of a listing and the token of the next (null when there is none). */
public record Page<T>(List<T> items, String nextToken) {
}
