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
    public boolean encrypted() {
        return instance.storageEncrypted();
    }

    @Override
    public String kmsKeyId() {
        return instance.kmsKeyId();
    }

    @Override
    public String arnType() {
        return "snapshot";
    }

    /** As DescribeDBSnapshots reports it, in {@code status}. */
    DbSnapshot describe(String status) {
        return describe(status, "manual", tags);
    }

    /** As an account it is shared with sees it (D144): of type {@code shared} or {@code public}, without tags. */
    DbSnapshot describeShared(String type) {
        return describe("available", type, Map.of());
    }

    private DbSnapshot describe(String status, String type, Map<String, String> tags) {
        DbInstance i = instance;
        return new DbSnapshot(identifier, arn(), i.identifier(), i.resourceId(), created, i.engine(),
                i.engineVersion(), i.allocatedStorage() == null ? 0 : i.allocatedStorage(), i.port(),
                i.availabilityZone(), i.storageType(), i.storageEncrypted(), i.kmsKeyId(), type, status, tags,
                copiedFrom, firstCreated());
    }
}
