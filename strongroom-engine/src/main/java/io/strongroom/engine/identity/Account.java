package io.strongroom.engine.identity;

import java.time.Instant;

/** An account served by this Strongroom: its id, name, root email and when it was created. */
public record Account(String id, String name, String email, Instant created) {
}
