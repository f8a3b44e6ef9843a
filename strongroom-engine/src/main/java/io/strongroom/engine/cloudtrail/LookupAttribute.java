package io.strongroom.engine.cloudtrail;

/** The single attribute LookupEvents may filter on. */
public record LookupAttribute(String key, String value) {
}
