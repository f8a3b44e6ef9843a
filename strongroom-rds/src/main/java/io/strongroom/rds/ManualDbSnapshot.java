package io.strongroom.rds;

import java.time.Instant;
import java.util.Map;

/**
 * A manual DB snapshot (D128): the DB instance as it was when the snapshot was taken, and how its data is kept
 * ({@code chunks} records of the snapshot's bytes, {@code bytes} in all).
 */
public record ManualDbSnapshot(String identifier, DbInstance instance, Instant created, Map<String, String> tags,
                               long bytes, int chunks) implements ManualSnapshot {
    public ManualDbSnapshot {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    @Override
    public String accountId() {
        return instance.accountId();
    }

    @Override
    public String region() {
        return instance.region();
    }

    @Override
    public String arnType() {
        return "snapshot";
    }

    /** As DescribeDBSnapshots reports it, in {@code status}. */
    DbSnapshot describe(String status) {
        DbInstance i = instance;
        return new DbSnapshot(identifier, arn(), i.identifier(), i.resourceId(), created, i.engine(),
                i.engineVersion(), i.allocatedStorage() == null ? 0 : i.allocatedStorage(), i.port(),
                i.availabilityZone(), i.storageType(), i.storageEncrypted(), i.kmsKeyId(), "manual", status, tags);
    }
}
