package io.strongroom.engine.backup;

/**
 * When a recovery point moves to cold storage and when it is deleted, in days after its creation; null: never.
 * -1 in a copy lifecycle means "keep indefinitely" (spec 3.4).
 */
public record Lifecycle(Long moveToColdStorageAfterDays, Long deleteAfterDays,
                        Boolean optInToArchiveForSupportedResources) {
}
