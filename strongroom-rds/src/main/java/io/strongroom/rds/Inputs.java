package io.strongroom.rds;

import java.util.List;
import java.util.Map;

/** Operation inputs as the engine takes them, independent of SDK shapes. */
public final class Inputs {
    private Inputs() {
    }

    public record CreateDbInstance(String identifier, String dbInstanceClass, String engine, String engineVersion,
                                   Integer allocatedStorage, String storageType, String masterUsername,
                                   String masterUserPassword, Boolean manageMasterUserPassword, String dbName,
                                   Integer port, String availabilityZone, Boolean multiAz, Boolean storageEncrypted,
                                   String kmsKeyId, Boolean deletionProtection, Boolean copyTagsToSnapshot,
                                   Integer backupRetentionPeriod, String clusterIdentifier, Map<String, String> tags) {
    }

    public record ModifyDbInstance(String identifier, String dbInstanceClass, Integer allocatedStorage,
                                   String masterUserPassword, Boolean deletionProtection,
                                   String newIdentifier) {
    }

    public record CreateDbCluster(String identifier, String engine, String engineVersion, String masterUsername,
                                  String masterUserPassword, Boolean manageMasterUserPassword, String databaseName,
                                  Integer port, List<String> availabilityZones, Boolean storageEncrypted,
                                  String kmsKeyId, Boolean deletionProtection, Boolean copyTagsToSnapshot,
                                  Integer backupRetentionPeriod, Map<String, String> tags) {
    }

    public record ModifyDbCluster(String identifier, String masterUserPassword, Boolean deletionProtection,
                                  String newIdentifier, Integer port) {
    }

    /**
     * CopyDBSnapshot and CopyDBClusterSnapshot besides the source: the copy's identifier, its KMS key (null: the
     * source's), its tags, and whether the source's tags are copied when none are given.
     */
    public record CopySnapshot(String targetIdentifier, String kmsKeyId, boolean copyTags, Map<String, String> tags) {
    }

    /** A Describe filter: name and accepted values. */
    public record Filter(String name, List<String> values) {
    }
}
