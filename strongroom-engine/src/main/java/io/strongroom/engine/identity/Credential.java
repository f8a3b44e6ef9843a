package io.strongroom.engine.identity;

import java.time.Instant;

/**
 * An access key and what it resolves to. Long-term keys ({@code AKIA}) have no token and no expiry;
 * temporary ones ({@code ASIA}) carry both.
 */
public record Credential(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration,
                         Principal principal, boolean active) {
    public boolean temporary() {
        return sessionToken != null;
    }
}
