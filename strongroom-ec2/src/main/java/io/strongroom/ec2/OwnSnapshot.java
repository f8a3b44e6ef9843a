package io.strongroom.ec2;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * An EBS snapshot the account made itself with CreateSnapshot (D127), as stored: its volume's configuration at that
 * instant, its state on the simulated clock, and how many of the volume's bytes its file keeps.
 *
 * @param state       {@code pending} until {@code completeTime}, {@code completed} after
 * @param volumeSize  the volume's size in GiB when the snapshot was taken
 * @param kmsKeyId    the volume's key ARN when encrypted; null otherwise
 * @param length      the bytes kept: the volume's up to its last non-zero byte (as D34 keeps them for backups)
 */
public record OwnSnapshot(String accountId, String region, String id, String volumeId, int volumeSize,
                          String description, Instant startTime, Instant completeTime, String state,
                          boolean encrypted, String kmsKeyId, long length, Map<String, String> tags) {
    public static final String PENDING = "pending";
    public static final String COMPLETED = "completed";

    public OwnSnapshot {
        tags = Collections.unmodifiableMap(new TreeMap<>(tags == null ? Map.of() : tags));
    }

    public String arn() {
        return Snapshot.arn(region, id);
    }

    /** As DescribeSnapshots shows it. */
    public Snapshot describe() {
        return new Snapshot(id, volumeId, state, startTime, accountId, description, volumeSize, encrypted, kmsKeyId,
                "standard", tags);
    }

    public OwnSnapshot withTags(Map<String, String> newTags) {
        return new OwnSnapshot(accountId, region, id, volumeId, volumeSize, description, startTime, completeTime, state,
                encrypted, kmsKeyId, length, newTags);
    }

    public OwnSnapshot completed() {
        return new OwnSnapshot(accountId, region, id, volumeId, volumeSize, description, startTime, completeTime,
                COMPLETED, encrypted, kmsKeyId, length, tags);
    }
}
