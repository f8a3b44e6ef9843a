package io.strongroom.testkit;

/**
 * The bucket policy AWS's Backup Audit Manager documentation gives a report bucket ("Creating report plans using the
 * console", sample bucket policy): the account's {@code AWSServiceRoleForBackupReports} may put objects with the
 * canned ACL {@code bucket-owner-full-control}. Without it (or with a Deny) report jobs fail (decision D65).
 */
public final class ReportBucketPolicy {
    private ReportBucketPolicy() {
    }

    public static String of(String accountId, String bucket) {
        return """
                {"Version": "2012-10-17",
                 "Statement": [{"Effect": "Allow",
                   "Principal": {"AWS": "arn:aws:iam::%s:role/aws-service-role/reports.backup.amazonaws.com/\
                AWSServiceRoleForBackupReports"},
                   "Action": "s3:PutObject",
                   "Resource": ["arn:aws:s3:::%s/*"],
                   "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}}}]}
                """.formatted(accountId, bucket);
    }
}
