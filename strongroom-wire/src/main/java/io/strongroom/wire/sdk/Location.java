package io.strongroom.wire.sdk;

/** Where a member travels in an HTTP message. */
public enum Location { BODY, HEADER, QUERY, PATH, GREEDY_PATH, STATUS_CODE }
