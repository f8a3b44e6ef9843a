package io.strongroom.testkit;

import io.strongroom.server.demo.DemoPolicies;

/**
 * The bucket policy AWS's Backup Audit Manager documentation gives a report bucket, as the demo puts it on its audit
 * bucket: the account's {@code AWSServiceRoleForBackupReports} may put objects with the canned ACL
 * {@code bucket-owner-full-control}. Without it (or with a Deny) report jobs fail (decision D65).
 */
public final class ReportBucketPolicy {
    private ReportBucketPolicy() {
    }

    public static String of(String accountId, String bucket) {
        return DemoPolicies.reportBucket(accountId, bucket);
    }
}
