package io.strongroom.rds;

import java.time.Instant;
import java.util.Map;

/**
 * A manual DB cluster snapshot (D130): the Aurora DB cluster as it was when the snapshot was taken, and how its data
 * is kept ({@code chunks} records of the snapshot's bytes, {@code bytes} in all).
 *
 * @param copiedFrom for a copy (D137), the source snapshot's ARN; else null
 */
public record ManualDbClusterSnapshot(String identifier, DbCluster cluster, Instant created,
                                      Map<String, String> tags, long bytes, int chunks, String copiedFrom)
        implements ManualSnapshot {
    public ManualDbClusterSnapshot {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** A snapshot taken of a cluster, not copied. */
    public ManualDbClusterSnapshot(String identifier, DbCluster cluster, Instant created, Map<String, String> tags,
                                   long bytes, int chunks) {
        this(identifier, cluster, created, tags, bytes, chunks, null);
    }

    @Override
    public String accountId() {
        return cluster.accountId();
    }

    @Override
    public String region() {
        return cluster.region();
    }

    @Override
    public boolean encrypted() {
        return cluster.storageEncrypted();
    }

    @Override
    public String kmsKeyId() {
        return cluster.kmsKeyId();
    }

    @Override
    public String arnType() {
        return "cluster-snapshot";
    }

    /** As DescribeDBClusterSnapshots reports it, in {@code status}. */
    DbClusterSnapshot describe(String status) {
        return describe(status, "manual", tags);
    }

    /** As an account it is shared with sees it (D144): of type {@code shared} or {@code public}, without tags. */
    DbClusterSnapshot describeShared(String type) {
        return describe("available", type, Map.of());
    }

    private DbClusterSnapshot describe(String status, String type, Map<String, String> tags) {
        DbCluster c = cluster;
        return new DbClusterSnapshot(identifier, arn(), c.identifier(), created, c.created(), c.engine(),
                c.engineVersion(), c.port(), c.availabilityZones(), c.storageEncrypted(), c.kmsKeyId(), type,
                status, tags, copiedFrom);
    }
}
