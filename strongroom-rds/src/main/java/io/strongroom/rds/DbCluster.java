package io.strongroom.rds;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An Aurora DB cluster as stored: it owns the database (key {@code resourceId}) its member instances share, and
 * its own endpoint (the cluster endpoint; the reader endpoint is the same here).
 *
 * @param resourceId the DbClusterResourceId ({@code cluster-} and 26 upper-case letters and digits)
 */
public record DbCluster(String accountId, String region, String identifier, String resourceId, String engine,
                        String engineVersion, String masterUsername, String databaseName, boolean databaseNameGiven,
                        int port, List<String> availabilityZones, boolean storageEncrypted, String kmsKeyId,
                        boolean deletionProtection, boolean copyTagsToSnapshot, int backupRetentionPeriod,
                        Instant created, Map<String, String> tags, String restoredFrom) {
    public DbCluster {
        tags = Collections.unmodifiableMap(new TreeMap<>(tags == null ? Map.of() : tags));
        availabilityZones = List.copyOf(availabilityZones == null ? List.of() : availabilityZones);
    }

    public String arn() {
        return arn(region, accountId, identifier);
    }

    public static String arn(String region, String accountId, String identifier) {
        return "arn:aws:rds:" + region + ":" + accountId + ":cluster:" + identifier;
    }

    public String databaseKey() {
        return resourceId.toLowerCase(java.util.Locale.ROOT);
    }

    public DbCluster withTags(Map<String, String> newTags) {
        return new DbCluster(accountId, region, identifier, resourceId, engine, engineVersion, masterUsername,
                databaseName, databaseNameGiven, port, availabilityZones, storageEncrypted, kmsKeyId,
                deletionProtection, copyTagsToSnapshot, backupRetentionPeriod, created, newTags, restoredFrom);
    }

    public DbCluster withPort(int newPort) {
        return new DbCluster(accountId, region, identifier, resourceId, engine, engineVersion, masterUsername,
                databaseName, databaseNameGiven, newPort, availabilityZones, storageEncrypted, kmsKeyId,
                deletionProtection, copyTagsToSnapshot, backupRetentionPeriod, created, tags, restoredFrom);
    }

    public DbCluster withDeletionProtection(boolean protect) {
        return new DbCluster(accountId, region, identifier, resourceId, engine, engineVersion, masterUsername,
                databaseName, databaseNameGiven, port, availabilityZones, storageEncrypted, kmsKeyId,
                protect, copyTagsToSnapshot, backupRetentionPeriod, created, tags, restoredFrom);
    }

    /** As a copy of a snapshot of it keeps it: in the copy's account, encrypted with the copy's key. */
    public DbCluster copiedTo(String account, String newKmsKeyId) {
        return new DbCluster(account, region, identifier, resourceId, engine, engineVersion, masterUsername,
                databaseName, databaseNameGiven, port, availabilityZones, storageEncrypted, newKmsKeyId,
                deletionProtection, copyTagsToSnapshot, backupRetentionPeriod, created, tags, restoredFrom);
    }
}
