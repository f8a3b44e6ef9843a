package io.strongroom.rds;

import java.util.Map;

/** What RDS's own manual snapshots of DB instances (D128) and DB clusters (D130) have in common. */
interface ManualSnapshot {
    String identifier();

    String accountId();

    String region();

    /** {@code snapshot} or {@code cluster-snapshot}, as in the ARN. */
    String arnType();

    Map<String, String> tags();

    boolean encrypted();

    /** The KMS key ARN of an encrypted snapshot; else null. */
    String kmsKeyId();

    /** How many bytes the snapshot's data records hold. */
    long bytes();

    default String arn() {
        return "arn:aws:rds:" + region() + ":" + accountId() + ":" + arnType() + ":" + identifier();
    }
}
