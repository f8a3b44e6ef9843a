package io.strongroom.engine.backup;

import java.time.Instant;
import java.util.Locale;

/** Recovery point ARNs in the form AWS uses for each resource type (spec 6.1). */
final class RecoveryPointArns {
    private RecoveryPointArns() {
    }

    /**
     * @param id a fresh 32-hex-digit id (a UUID without dashes); the short forms take its last digits, since a
     *           time-ordered id begins with its moment, which many points share
     * @param resourceName the table name, for DynamoDB's own backups
     */
    static String of(String form, String region, String account, String id, String jobId, String resourceName,
                     Instant created) {
        String hex = id.replace("-", "").toLowerCase(Locale.ROOT);
        return switch (form) {
            case ResourceTypes.EBS_SNAPSHOT -> "arn:aws:ec2:" + region + "::snapshot/snap-" + tail(hex, 17);
            case ResourceTypes.EC2_IMAGE -> "arn:aws:ec2:" + region + "::image/ami-" + tail(hex, 17);
            case ResourceTypes.RDS_SNAPSHOT -> "arn:aws:rds:" + region + ":" + account + ":snapshot:awsbackup:job-"
                    + jobId.toLowerCase(Locale.ROOT);
            case ResourceTypes.RDS_CLUSTER_SNAPSHOT -> "arn:aws:rds:" + region + ":" + account
                    + ":cluster-snapshot:awsbackup:job-" + jobId.toLowerCase(Locale.ROOT);
            case ResourceTypes.DYNAMODB_BACKUP -> "arn:aws:dynamodb:" + region + ":" + account + ":table/"
                    + resourceName + "/backup/" + zeroPadded(created.toEpochMilli(), 14) + "-"
                    + tail(hex, 8);
            default -> "arn:aws:backup:" + region + ":" + account + ":recovery-point:"
                    + uuid(hex).toUpperCase(Locale.ROOT);
        };
    }

    /** {@code value} in at least {@code width} digits, as {@code %0<width>d} writes it (without a Formatter). */
    static String zeroPadded(long value, int width) {
        if (value < 0) {
            return String.format("%0" + width + "d", value); // before 1970: never a point's creation
        }
        String digits = Long.toString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    private static String tail(String hex, int digits) {
        return hex.substring(hex.length() - digits);
    }

    private static String uuid(String hex) {
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20, 32);
    }
}
