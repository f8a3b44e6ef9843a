package io.strongroom.engine.backup;

import java.util.Locale;
import java.util.Map;

/**
 * The resource a job's role must be allowed its action on, in the form AWS's managed service-role policies scope it:
 * S3's object actions on the bucket's objects, EFS's on a file system ARN; every other type's actions are granted on
 * "*" by those policies, so the job's resource (or "*" for a restore's not yet created resource) is asked.
 */
final class JobTargets {
    private JobTargets() {
    }

    static String backup(BackupJob job) {
        return "S3".equals(job.resourceType()) ? job.resourceArn() + "/*" : job.resourceArn();
    }

    /** A restore's target as far as it is known before it runs: the destination bucket or file system. */
    static String restore(RestoreJob job) {
        Map<String, String> m = new java.util.HashMap<>();
        job.metadata().forEach((k, v) -> m.put(k.toLowerCase(Locale.ROOT), v));
        String account = job.accountId();
        return switch (job.resourceType()) {
            case "S3" -> "arn:aws:s3:::" + m.getOrDefault("destinationbucketname", "*") + "/*";
            case "EFS" -> "true".equalsIgnoreCase(m.get("newfilesystem")) || !m.containsKey("file-system-id")
                    ? job.sourceResourceArn()
                    : "arn:aws:elasticfilesystem:" + job.region() + ":" + account + ":file-system/"
                    + m.get("file-system-id");
            default -> "*";
        };
    }
}
