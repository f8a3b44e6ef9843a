package io.strongroom.engine.identity;

import java.time.Instant;

/** A long-term access key as IAM lists it: its id, whose it is, whether it is active, when it was created. */
public record AccessKey(String accessKeyId, Principal principal, boolean active, Instant created) {
}
