package io.strongroom.server.demo;

/** The policy documents of the seed, with the organisation's real ids filled in. */
public final class DemoPolicies {
    static final String REGION = "eu-west-1";

    private DemoPolicies() {
    }

    static String centralVaultArn(String backupAccount) {
        return "arn:aws:backup:" + REGION + ":" + backupAccount + ":backup-vault:central-backup-vault";
    }

    /** The seed's backup policy: daily-prod as written, plus monthly-prod for the monthly and 7-year tiers. */
    static String backupPolicy(String backupAccount) {
        String central = centralVaultArn(backupAccount);
        return "{\"plans\":{"
                + plan("daily-prod", "daily", "cron(0 2 ? * * *)", 35, central, "\"daily-prod\"") + ","
                + plan("monthly-prod", "monthly", "cron(0 3 1 * ? *)", 365, central, "\"monthly-prod\",\"compliance-7y\"")
                + "}}";
    }

    private static String plan(String name, String rule, String cron, int localDays, String central, String tags) {
        return "\"" + name + "\":{\"regions\":{\"@@assign\":[\"" + REGION + "\"]},"
                + "\"rules\":{\"" + rule + "\":{\"schedule_expression\":{\"@@assign\":\"" + cron + "\"},"
                + "\"start_backup_window_minutes\":{\"@@assign\":\"60\"},"
                + "\"complete_backup_window_minutes\":{\"@@assign\":\"240\"},"
                + "\"lifecycle\":{\"delete_after_days\":{\"@@assign\":\"" + localDays + "\"}},"
                + "\"target_backup_vault_name\":{\"@@assign\":\"local-prod-vault\"},"
                + "\"copy_actions\":{\"" + central + "\":{\"target_backup_vault_arn\":{\"@@assign\":\"" + central
                + "\"},\"lifecycle\":{\"delete_after_days\":{\"@@assign\":\"2555\"}}}}}},"
                + "\"selections\":{\"tags\":{\"" + name + "-resources\":{\"iam_role_arn\":{\"@@assign\":"
                + "\"arn:aws:iam::$account:role/service-role/AWSBackupDefaultServiceRole\"},"
                + "\"tag_key\":{\"@@assign\":\"Backup\"},\"tag_value\":{\"@@assign\":[" + tags + "]}}}}}";
    }

    static final String DELETE_ACTIONS = "[\"backup:DeleteBackupVault\",\"backup:DeleteRecoveryPoint\","
            + "\"backup:PutBackupVaultAccessPolicy\",\"backup:DeleteBackupVaultAccessPolicy\","
            + "\"backup:DeleteBackupVaultLockConfiguration\",\"backup:StopBackupJob\",\"ec2:DeleteSnapshot\"]";
    static final String CREATE_ACTIONS = "[\"rds:CreateDBInstance\",\"rds:CreateDBCluster\",\"dynamodb:CreateTable\","
            + "\"ec2:RunInstances\"]";

    /**
     * The seed's protect-backups SCP, corrected (D58): the seed's {@code aws:PrincipalOrgPath} is no condition key, so
     * its untagged-resource statement would never fire; {@code aws:PrincipalOrgPaths} with ForAnyValue:StringLike does.
     * The seed's {@code backup:RemoveBackupVaultLockConfiguration} is no action either: the API that removes a lock is
     * DeleteBackupVaultLockConfiguration, so the seed's SCP would leave it open. {@code ec2:DeleteSnapshot}, which the
     * seed's diagram names beside {@code backup:Delete*}, is denied too: AWS Backup's EBS points are EC2 snapshots.
     */
    static String protectBackups(String productionPath) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"DenyBackupDeletionExceptAdmin\","
                + "\"Effect\":\"Deny\",\"Action\":" + DELETE_ACTIONS + ",\"Resource\":\"*\",\"Condition\":"
                + "{\"ArnNotEquals\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:role/BackupAdminRole\"}}},"
                + "{\"Sid\":\"DenyUntaggedProductionResources\",\"Effect\":\"Deny\",\"Action\":" + CREATE_ACTIONS
                + ",\"Resource\":\"*\",\"Condition\":{\"Null\":{\"aws:RequestTag/Backup\":\"true\"},"
                + "\"ForAnyValue:StringLike\":{\"aws:PrincipalOrgPaths\":\"" + productionPath + "*\"}}}]}";
    }

    /** The central vault's access policy: the organisation may copy in; nobody but BackupAdminRole may delete. */
    public static String centralVaultAccess(String organizationId, String backupAccount) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Sid\":\"OrgMayCopyIn\",\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"backup:CopyIntoBackupVault\",\"Resource\":\"*\","
                + "\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"" + organizationId + "\"}}},"
                + "{\"Sid\":\"NoDeletes\",\"Effect\":\"Deny\",\"Principal\":\"*\","
                + "\"Action\":[\"backup:DeleteRecoveryPoint\",\"backup:UpdateRecoveryPointLifecycle\","
                + "\"backup:PutBackupVaultAccessPolicy\",\"backup:DeleteBackupVault\"],\"Resource\":\"*\","
                + "\"Condition\":{\"ArnNotEquals\":{\"aws:PrincipalArn\":\"arn:aws:iam::" + backupAccount
                + ":role/BackupAdminRole\"}}}]}";
    }

    /**
     * The audit bucket's policy, AWS's sample for Backup Audit Manager ("Creating report plans using the console"): the
     * account's service-linked role for reports may put the report objects (with bucket-owner-full-control), which
     * nothing else in the account grants it (D65).
     */
    public static String reportBucket(String account, String bucket) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::" + account + ":role/aws-service-role/reports.backup.amazonaws.com/"
                + "AWSServiceRoleForBackupReports\"},\"Action\":\"s3:PutObject\",\"Resource\":[\"arn:aws:s3:::"
                + bucket + "/*\"],\"Condition\":{\"StringEquals\":{\"s3:x-amz-acl\":\"bucket-owner-full-control\"}}}]}";
    }

    static final String BACKUP_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"backup.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    /** BackupAdminRole's trust: the backup account's users, only with MFA and a ticket as source identity. */
    static String breakGlassTrust(String backupAccount) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::" + backupAccount + ":root\"},"
                + "\"Action\":[\"sts:AssumeRole\",\"sts:SetSourceIdentity\"],"
                + "\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"},"
                + "\"StringLike\":{\"sts:SourceIdentity\":\"INC-*\"}}}]}";
    }

    static final String ALLOW_BACKUP_AND_RDS = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"backup:*\",\"rds:Describe*\",\"iam:PassRole\",\"cloudtrail:LookupEvents\"],"
            + "\"Resource\":\"*\"}]}";

    static String mayAssume(String roleArn) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"sts:AssumeRole\","
                + "\"sts:SetSourceIdentity\"],\"Resource\":\"" + roleArn + "\"}]}";
    }
}
