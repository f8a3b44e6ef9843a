package io.strongroom.wire.sdk;

/** Timestamp wire formats a model can ask for. */
public enum TimeFormat { ISO_8601, RFC_822, EPOCH_SECONDS, EPOCH_MILLIS }
