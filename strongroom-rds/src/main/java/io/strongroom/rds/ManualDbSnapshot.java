package io.strongroom.rds;

import java.time.Instant;
import java.util.Map;

/**
 * A manual DB snapshot (D128): the DB instance as it was when the snapshot was taken, and how its data is kept
 * ({@code chunks} records of the snapshot's bytes, {@code bytes} in all).
 *
 * @param copiedFrom      for a copy (D137), the source snapshot's ARN; else null
 * @param originalCreated for a copy, when the first snapshot of the chain was taken; else null
 */
public record ManualDbSnapshot(String identifier, DbInstance instance, Instant created, Map<String, String> tags,
                               long bytes, int chunks, String copiedFrom, Instant originalCreated)
        implements ManualSnapshot {
    public ManualDbSnapshot {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** A snapshot taken of an instance, not copied. */
    public ManualDbSnapshot(String identifier, DbInstance instance, Instant created, Map<String, String> tags,
                            long bytes, int chunks) {
        this(identifier, instance, created, tags, bytes, chunks, null, null);
    }

    /** When the snapshot's data was taken of its instance, whatever copies came between. */
    Instant firstCreated() {
        return originalCreated == null ? created : originalCreated;
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
                i.availabilityZone(), i.storageType(), i.storageEncrypted(), i.kmsKeyId(), "manual", status, tags,
                copiedFrom, firstCreated());
    }
}
