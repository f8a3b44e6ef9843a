package io.strongroom.engine.backup;

/**
 * A job's data move in flight (decision D64): the job turned RUNNING on {@code node}, which moves its data and records
 * the outcome; the record goes with that outcome. {@code kind} is {@link #BACKUP}, {@link #COPY} or {@link #RESTORE}.
 */
record InFlightMove(String kind, String accountId, String region, String jobId, String node) {
    static final String BACKUP = "backup";
    static final String COPY = "copy";
    static final String RESTORE = "restore";

    String key() {
        return key(kind, accountId, region, jobId);
    }

    static String key(String kind, String accountId, String region, String jobId) {
        return kind + "/" + accountId + "/" + region + "/" + jobId;
    }

    InFlightMove ownedBy(String other) {
        return new InFlightMove(kind, accountId, region, jobId, other);
    }
}
