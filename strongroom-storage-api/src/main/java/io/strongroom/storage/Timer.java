package io.strongroom.storage;

import java.time.Instant;

/** One pending piece of deferred work. */
public record Timer(long sequence, String key, String type, Instant due, byte[] payload) {
}
