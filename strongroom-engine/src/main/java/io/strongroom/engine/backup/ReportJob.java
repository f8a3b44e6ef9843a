package io.strongroom.engine.backup;

import java.time.Instant;
import java.util.List;

/** One run of a report plan (spec audit 1.6): its window, outcome, and the S3 keys it delivered. */
public record ReportJob(String jobId, String accountId, String region, String planArn, String planName,
                        String template, Instant creationTime, Instant completionTime, String status,
                        String statusMessage, String bucket, List<String> keys, Instant windowStart,
                        Instant windowEnd) {
    public ReportJob {
        keys = keys == null ? List.of() : List.copyOf(keys);
    }
}
