package io.strongroom.engine.iam;

import java.time.Instant;

/** One version of a managed policy: {@code v1}, {@code v2}, ... and its document as given. */
public record PolicyVersion(String versionId, String document, Instant created) {
}
