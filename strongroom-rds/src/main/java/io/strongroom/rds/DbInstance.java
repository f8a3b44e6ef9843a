package io.strongroom.rds;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A DB instance as stored. A standalone instance ({@code engine} postgres) owns its database (key
 * {@code resourceId}); an Aurora member ({@code clusterIdentifier} set) reaches its cluster's database through
 * its own endpoint. Status is {@code available} from the end of the create call on (docs/decisions.md).
 *
 * @param identifier   the DBInstanceIdentifier, lower-case
 * @param resourceId   the DbiResourceId ({@code db-} and 26 upper-case letters and digits)
 * @param port         the endpoint's port on 127.0.0.1
 * @param dbName       the database clients connect to (DBName, or {@code postgres} when none was given)
 * @param restoredFrom for an instance an AWS Backup restore created, the source instance's ARN
 */
public record DbInstance(String accountId, String region, String identifier, String resourceId,
                         String dbInstanceClass, String engine, String engineVersion, Integer allocatedStorage,
                         String storageType, String masterUsername, String dbName, boolean dbNameGiven, int port,
                         String availabilityZone, boolean storageEncrypted, String kmsKeyId,
                         boolean deletionProtection, boolean copyTagsToSnapshot, int backupRetentionPeriod,
                         String clusterIdentifier, Instant created, Map<String, String> tags, String restoredFrom) {
    public DbInstance {
        tags = Collections.unmodifiableMap(new TreeMap<>(tags == null ? Map.of() : tags));
    }

    public String arn() {
        return arn(region, accountId, identifier);
    }

    public static String arn(String region, String accountId, String identifier) {
        return "arn:aws:rds:" + region + ":" + accountId + ":db:" + identifier;
    }

    /** The database this instance serves: its own, or its cluster's. */
    public String databaseKey(DbCluster cluster) {
        return cluster != null ? cluster.databaseKey() : resourceId.toLowerCase(java.util.Locale.ROOT);
    }

    public DbInstance withTags(Map<String, String> newTags) {
        return new DbInstance(accountId, region, identifier, resourceId, dbInstanceClass, engine, engineVersion,
                allocatedStorage, storageType, masterUsername, dbName, dbNameGiven, port, availabilityZone,
                storageEncrypted, kmsKeyId, deletionProtection, copyTagsToSnapshot, backupRetentionPeriod,
                clusterIdentifier, created, newTags, restoredFrom);
    }

    public DbInstance withPort(int newPort) {
        return new DbInstance(accountId, region, identifier, resourceId, dbInstanceClass, engine, engineVersion,
                allocatedStorage, storageType, masterUsername, dbName, dbNameGiven, newPort, availabilityZone,
                storageEncrypted, kmsKeyId, deletionProtection, copyTagsToSnapshot, backupRetentionPeriod,
                clusterIdentifier, created, tags, restoredFrom);
    }

    public DbInstance modified(String newClass, Integer newStorage, boolean newDeletionProtection) {
        return new DbInstance(accountId, region, identifier, resourceId, newClass, engine, engineVersion,
                newStorage, storageType, masterUsername, dbName, dbNameGiven, port, availabilityZone,
                storageEncrypted, kmsKeyId, newDeletionProtection, copyTagsToSnapshot, backupRetentionPeriod,
                clusterIdentifier, created, tags, restoredFrom);
    }

    /** As a copy of a snapshot of it keeps it: in the copy's account, encrypted (or not) with the copy's key. */
    public DbInstance copiedTo(String account, boolean encrypted, String newKmsKeyId) {
        return new DbInstance(account, region, identifier, resourceId, dbInstanceClass, engine, engineVersion,
                allocatedStorage, storageType, masterUsername, dbName, dbNameGiven, port, availabilityZone,
                encrypted, newKmsKeyId, deletionProtection, copyTagsToSnapshot, backupRetentionPeriod,
                clusterIdentifier, created, tags, restoredFrom);
    }
}
