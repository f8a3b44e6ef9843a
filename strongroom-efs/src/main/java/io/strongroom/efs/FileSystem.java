package io.strongroom.efs;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A file system's configuration as stored. LifeCycleState is always {@code available} once created
 * (see docs/decisions.md); there are no mount targets.
 *
 * @param kmsKeyId     the key ARN (or the default key's alias ARN) when encrypted; null otherwise
 * @param restoredFrom for a file system an AWS Backup restore created, the source file system's ARN
 */
public record FileSystem(String accountId, String region, String id, String creationToken, String performanceMode,
                         String throughputMode, Double provisionedThroughputInMibps, boolean encrypted,
                         String kmsKeyId, Instant created, Map<String, String> tags, String restoredFrom) {
    public FileSystem {
        tags = Collections.unmodifiableMap(new TreeMap<>(tags == null ? Map.of() : tags));
    }

    public String arn() {
        return arn(region, accountId, id);
    }

    public static String arn(String region, String accountId, String id) {
        return "arn:aws:elasticfilesystem:" + region + ":" + accountId + ":file-system/" + id;
    }

    /** The value of the Name tag, which EFS reports as the file system's Name. */
    public String name() {
        return tags.get("Name");
    }

    public FileSystem withTags(Map<String, String> newTags) {
        return new FileSystem(accountId, region, id, creationToken, performanceMode, throughputMode,
                provisionedThroughputInMibps, encrypted, kmsKeyId, created, newTags, restoredFrom);
    }
}
