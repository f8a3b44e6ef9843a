package io.strongroom.engine.iam;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The AWS managed policies Strongroom knows (account "aws"): the ones the organisation-wide backup
 * set-up attaches. Documents grant what AWS documents for them, limited to the services Strongroom
 * models; ReadOnlyAccess is the Get/List/Describe actions of those services (see docs/decisions.md).
 */
final class AwsManagedPolicies {
    private static final Instant PUBLISHED = Instant.parse("2015-02-06T18:39:46Z");

    private static final String ADMINISTRATOR = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": "*",
                  "Resource": "*"
                }
              ]
            }""";

    private static final String READ_ONLY = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "ReadOnlyActions",
                  "Effect": "Allow",
                  "Action": [
                    "account:Describe*", "account:Get*", "account:List*",
                    "backup:Describe*", "backup:Get*", "backup:List*",
                    "cloudtrail:Describe*", "cloudtrail:Get*", "cloudtrail:List*",
                    "dynamodb:Describe*", "dynamodb:Get*", "dynamodb:List*",
                    "ec2:Describe*", "ec2:Get*", "ec2:List*",
                    "elasticfilesystem:Describe*", "elasticfilesystem:Get*", "elasticfilesystem:List*",
                    "iam:Describe*", "iam:Get*", "iam:List*",
                    "kms:Describe*", "kms:Get*", "kms:List*",
                    "organizations:Describe*", "organizations:Get*", "organizations:List*",
                    "rds:Describe*", "rds:Get*", "rds:List*",
                    "s3:Describe*", "s3:Get*", "s3:List*",
                    "sts:Describe*", "sts:Get*", "sts:List*",
                    "tag:Describe*", "tag:Get*", "tag:List*",
                    "backup:Search*", "cloudtrail:LookupEvents", "dynamodb:BatchGetItem", "dynamodb:Query",
                    "dynamodb:Scan", "iam:GenerateCredentialReport", "iam:SimulatePrincipalPolicy"
                  ],
                  "Resource": "*"
                }
              ]
            }""";

    private static final String BACKUP_FULL_ACCESS = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": ["backup:*", "backup-storage:*"],
                  "Resource": "*"
                },
                {
                  "Effect": "Allow",
                  "Action": [
                    "rds:DescribeDBSnapshots", "rds:ListTagsForResource", "rds:DescribeDBInstances",
                    "rds:DescribeDBClusters", "rds:DescribeDBClusterSnapshots",
                    "dynamodb:ListBackups", "dynamodb:ListTables", "dynamodb:DescribeTable",
                    "elasticfilesystem:DescribeFileSystems", "s3:ListAllMyBuckets", "s3:GetBucketTagging",
                    "ec2:DescribeVolumes", "ec2:DescribeSnapshots", "ec2:DescribeTags", "ec2:DescribeInstances",
                    "tag:GetTagKeys", "tag:GetTagValues", "tag:GetResources",
                    "kms:ListKeys", "kms:DescribeKey", "kms:ListAliases",
                    "organizations:DescribeOrganization", "organizations:ListDelegatedAdministrators",
                    "iam:ListRoles", "iam:GetRole"
                  ],
                  "Resource": "*"
                },
                {
                  "Effect": "Allow",
                  "Action": ["kms:CreateGrant", "kms:GenerateDataKey", "kms:Decrypt", "kms:RetireGrant"],
                  "Resource": "*",
                  "Condition": {"StringLike": {"kms:ViaService": ["backup.*.amazonaws.com"]}}
                },
                {
                  "Effect": "Allow",
                  "Action": "iam:PassRole",
                  "Resource": ["arn:aws:iam::*:role/*AwsBackup*", "arn:aws:iam::*:role/*AWSBackup*"],
                  "Condition": {"StringEquals": {"iam:PassedToService": "backup.amazonaws.com"}}
                },
                {
                  "Effect": "Allow",
                  "Action": "iam:CreateServiceLinkedRole",
                  "Resource": "*",
                  "Condition": {"StringEquals": {"iam:AWSServiceName": "backup.amazonaws.com"}}
                }
              ]
            }""";

    private static final String BACKUP_SERVICE_ROLE = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": [
                    "dynamodb:DescribeTable", "dynamodb:CreateBackup", "dynamodb:DescribeBackup",
                    "dynamodb:DeleteBackup", "dynamodb:ListTagsOfResource", "dynamodb:StartAwsBackupJob",
                    "dynamodb:ExportTableToPointInTime"
                  ],
                  "Resource": "*"
                },
                {
                  "Effect": "Allow",
                  "Action": [
                    "rds:AddTagsToResource", "rds:ListTagsForResource", "rds:DescribeDBSnapshots",
                    "rds:CreateDBSnapshot", "rds:CopyDBSnapshot", "rds:DescribeDBInstances",
                    "rds:CreateDBClusterSnapshot", "rds:DescribeDBClusters", "rds:DescribeDBClusterSnapshots",
                    "rds:CopyDBClusterSnapshot", "rds:DeleteDBSnapshot", "rds:DeleteDBClusterSnapshot"
                  ],
                  "Resource": "*"
                },
                {
                  "Effect": "Allow",
                  "Action": [
                    "elasticfilesystem:Backup", "elasticfilesystem:DescribeTags", "elasticfilesystem:DescribeFileSystems"
                  ],
                  "Resource": "*"
                },
                {
                  "Effect": "Allow",
                  "Action": [
                    "ec2:CreateSnapshot", "ec2:DeleteSnapshot", "ec2:DescribeVolumes", "ec2:DescribeSnapshots",
                    "ec2:CopySnapshot", "ec2:DescribeTags", "ec2:CreateTags", "ec2:DescribeInstances",
                    "ec2:CreateImage", "ec2:DescribeImages"
                  ],
                  "Resource": "*"
                },
                {
                  "Effect": "Allow",
                  "Action": ["tag:GetResources", "backup:DescribeBackupVault", "backup:CopyIntoBackupVault"],
                  "Resource": "*"
                },
                {
                  "Effect": "Allow",
                  "Action": "kms:DescribeKey",
                  "Resource": "*"
                },
                {
                  "Effect": "Allow",
                  "Action": "kms:CreateGrant",
                  "Resource": "*",
                  "Condition": {"Bool": {"kms:GrantIsForAWSResource": "true"}}
                },
                {
                  "Effect": "Allow",
                  "Action": ["kms:GenerateDataKeyWithoutPlaintext", "kms:Decrypt", "kms:Encrypt"],
                  "Resource": "arn:aws:kms:*:*:key/*",
                  "Condition": {"StringLike": {"kms:ViaService": ["dynamodb.*.amazonaws.com", "rds.*.amazonaws.com"]}}
                }
              ]
            }""";

    private static final String BACKUP_RESTORES_ROLE = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": [
                    "dynamodb:Scan", "dynamodb:Query", "dynamodb:UpdateItem", "dynamodb:PutItem", "dynamodb:GetItem",
                    "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:DescribeTable",
                    "dynamodb:RestoreTableFromBackup", "dynamodb:RestoreTableFromAwsBackup",
                    "dynamodb:DescribeBackup", "dynamodb:DeleteTable", "dynamodb:TagResource"
                  ],
                  "Resource": "*"
                },
                {
                  "Effect": "Allow",
                  "Action": [
                    "rds:DescribeDBInstances", "rds:DescribeDBSnapshots", "rds:ListTagsForResource",
                    "rds:RestoreDBInstanceFromDBSnapshot", "rds:DeleteDBInstance", "rds:AddTagsToResource",
                    "rds:DescribeDBClusters", "rds:RestoreDBClusterFromSnapshot", "rds:DeleteDBCluster",
                    "rds:RestoreDBInstanceToPointInTime", "rds:CreateDBInstance"
                  ],
                  "Resource": "*"
                },
                {
                  "Effect": "Allow",
                  "Action": [
                    "elasticfilesystem:Restore", "elasticfilesystem:CreateFilesystem",
                    "elasticfilesystem:DescribeFilesystems", "elasticfilesystem:DeleteFilesystem",
                    "elasticfilesystem:TagResource"
                  ],
                  "Resource": "arn:aws:elasticfilesystem:*:*:file-system/*"
                },
                {
                  "Effect": "Allow",
                  "Action": [
                    "ec2:DescribeSnapshots", "ec2:DescribeVolumes", "ec2:CreateVolume", "ec2:DeleteVolume",
                    "ec2:DescribeImages", "ec2:DescribeInstances", "ec2:RunInstances", "ec2:CreateTags"
                  ],
                  "Resource": "*"
                },
                {
                  "Effect": "Allow",
                  "Action": ["kms:DescribeKey", "kms:ListGrants"],
                  "Resource": "*"
                },
                {
                  "Effect": "Allow",
                  "Action": "kms:CreateGrant",
                  "Resource": "*",
                  "Condition": {"Bool": {"kms:GrantIsForAWSResource": "true"}}
                },
                {
                  "Effect": "Allow",
                  "Action": ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:ReEncryptTo", "kms:ReEncryptFrom"],
                  "Resource": "*",
                  "Condition": {"StringLike": {"kms:ViaService": ["dynamodb.*.amazonaws.com", "rds.*.amazonaws.com"]}}
                },
                {
                  "Effect": "Allow",
                  "Action": "iam:PassRole",
                  "Resource": "arn:aws:iam::*:role/*",
                  "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}
                }
              ]
            }""";

    private static final String BACKUP_SERVICE_LINKED = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": [
                    "ec2:CopySnapshot", "ec2:CreateTags", "ec2:DeleteSnapshot", "ec2:DescribeSnapshots",
                    "rds:CopyDBSnapshot", "rds:CopyDBClusterSnapshot", "rds:DeleteDBSnapshot",
                    "rds:DeleteDBClusterSnapshot", "rds:DescribeDBSnapshots", "rds:DescribeDBClusterSnapshots",
                    "rds:AddTagsToResource", "rds:ListTagsForResource", "dynamodb:DescribeBackup",
                    "dynamodb:DeleteBackup", "backup:CopyFromBackupVault", "backup:CopyIntoBackupVault",
                    "backup:DescribeBackupVault", "tag:GetResources"
                  ],
                  "Resource": "*"
                }
              ]
            }""";

    /** AWS's document without its AWS Config statements: Strongroom serves no AWS Config (no s3:PutObject either). */
    private static final String BACKUP_REPORTS_SERVICE_LINKED = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": [
                    "backup:DescribeFramework", "backup:ListBackupJobs", "backup:ListRestoreJobs",
                    "backup:ListCopyJobs"
                  ],
                  "Resource": "*"
                },
                {
                  "Effect": "Allow",
                  "Action": "s3:GetBucketLocation",
                  "Resource": "*"
                }
              ]
            }""";

    private static final String ORGANIZATIONS_FULL_ACCESS = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "AWSOrganizationsFullAccess",
                  "Effect": "Allow",
                  "Action": "organizations:*",
                  "Resource": "*"
                },
                {
                  "Sid": "AWSOrganizationsFullAccessAccount",
                  "Effect": "Allow",
                  "Action": ["account:PutAlternateContact", "account:DeleteAlternateContact",
                    "account:GetAlternateContact", "account:GetAccountInformation", "account:ListRegions"],
                  "Resource": "*"
                },
                {
                  "Sid": "AWSOrganizationsFullAccessIam",
                  "Effect": "Allow",
                  "Action": ["iam:ListRoles", "iam:GetRole"],
                  "Resource": "*"
                },
                {
                  "Sid": "AWSOrganizationsFullAccessCreateSLR",
                  "Effect": "Allow",
                  "Action": "iam:CreateServiceLinkedRole",
                  "Resource": "*",
                  "Condition": {"StringEquals": {"iam:AWSServiceName": "organizations.amazonaws.com"}}
                }
              ]
            }""";

    private static final String BACKUP_S3_BACKUP = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "S3BucketBackupPermissions",
                  "Effect": "Allow",
                  "Action": ["s3:GetInventoryConfiguration", "s3:PutInventoryConfiguration", "s3:ListBucketVersions",
                    "s3:ListBucket", "s3:GetBucketVersioning", "s3:GetBucketNotification", "s3:PutBucketNotification",
                    "s3:GetBucketLocation", "s3:GetBucketTagging"],
                  "Resource": ["arn:aws:s3:::*"]
                },
                {
                  "Sid": "S3ObjectBackupPermissions",
                  "Effect": "Allow",
                  "Action": ["s3:GetObjectAcl", "s3:GetObject", "s3:GetObjectVersionTagging", "s3:GetObjectVersionAcl",
                    "s3:GetObjectTagging", "s3:GetObjectVersion"],
                  "Resource": ["arn:aws:s3:::*/*"]
                },
                {
                  "Sid": "S3GlobalPermissions",
                  "Effect": "Allow",
                  "Action": ["s3:ListAllMyBuckets"],
                  "Resource": ["*"]
                },
                {
                  "Sid": "KMSBackupPermissions",
                  "Effect": "Allow",
                  "Action": ["kms:Decrypt", "kms:DescribeKey"],
                  "Resource": "*",
                  "Condition": {"StringLike": {"kms:ViaService": "s3.*.amazonaws.com"}}
                }
              ]
            }""";

    private static final String BACKUP_S3_RESTORE = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "S3BucketRestorePermissions",
                  "Effect": "Allow",
                  "Action": ["s3:CreateBucket", "s3:ListBucketVersions", "s3:ListBucket", "s3:GetBucketVersioning",
                    "s3:GetBucketLocation", "s3:PutBucketVersioning"],
                  "Resource": ["arn:aws:s3:::*"]
                },
                {
                  "Sid": "S3ObjectRestorePermissions",
                  "Effect": "Allow",
                  "Action": ["s3:GetObject", "s3:GetObjectVersion", "s3:DeleteObject", "s3:PutObjectVersionAcl",
                    "s3:GetObjectVersionAcl", "s3:GetObjectTagging", "s3:PutObjectTagging", "s3:GetObjectAcl",
                    "s3:PutObjectAcl", "s3:PutObject", "s3:ListMultipartUploadParts"],
                  "Resource": ["arn:aws:s3:::*/*"]
                },
                {
                  "Sid": "S3KMSPermissions",
                  "Effect": "Allow",
                  "Action": ["kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKey"],
                  "Resource": "*",
                  "Condition": {"StringLike": {"kms:ViaService": "s3.*.amazonaws.com"}}
                }
              ]
            }""";

    private static final List<ManagedPolicy> ALL = List.of(
            policy("AdministratorAccess", "/", "ANPAIWMBCKSKIEE64ZLYK", "Provides full access to AWS services and resources.",
                    ADMINISTRATOR),
            policy("ReadOnlyAccess", "/", "ANPAILL3HVNFSB6DCOWYQ", "Provides read-only access to AWS services and resources.",
                    READ_ONLY),
            policy("AWSBackupFullAccess", "/", "ANPAJ3EZ7EVH3IKHWKQXS",
                    "This policy is for backup administrators, granting full access to AWS Backup operations.",
                    BACKUP_FULL_ACCESS),
            policy("AWSBackupServiceRolePolicyForBackup", "/service-role/", "ANPAJAE2FLMCDGPP4UT5K",
                    "Provides AWS Backup permission to create backups of supported resource types on your behalf.",
                    BACKUP_SERVICE_ROLE),
            policy("AWSBackupServiceRolePolicyForRestores", "/service-role/", "ANPAJZCCL6F2WPVOUXZKI",
                    "Provides AWS Backup permission to perform restores of supported resource types on your behalf.",
                    BACKUP_RESTORES_ROLE),
            policy("AWSBackupServiceRolePolicyForS3Backup", "/", "ANPAVGSRKAFUXGMQLGGXK",
                    "Policy containing permissions necessary for AWS Backup to backup data in any S3 bucket.",
                    BACKUP_S3_BACKUP),
            policy("AWSBackupServiceRolePolicyForS3Restore", "/", "ANPAVGSRKAFUQRHYMXNFA",
                    "Policy containing permissions necessary for AWS Backup to restore a S3 backup to a bucket.",
                    BACKUP_S3_RESTORE),
            policy("AWSBackupServiceLinkedRolePolicyForBackup", "/aws-service-role/", "ANPAQXZ5MGPFWHTVKJ4OB",
                    "Provides AWS Backup permission to manage copies of recovery points on your behalf.",
                    BACKUP_SERVICE_LINKED),
            policy("AWSServiceRolePolicyForBackupReports", "/aws-service-role/", "ANPAYS2NW7OGQ4BZR6XMK",
                    "Provides AWS Backup permissions to create compliance reports on your behalf",
                    BACKUP_REPORTS_SERVICE_LINKED),
            policy("AWSOrganizationsFullAccess", "/", "ANPAJZXBNRCJKNLQHSB5M",
                    "Provides full access to AWS Organizations.", ORGANIZATIONS_FULL_ACCESS));

    private static final Map<String, ManagedPolicy> BY_ARN =
            ALL.stream().collect(Collectors.toMap(ManagedPolicy::arn, Function.identity()));

    private AwsManagedPolicies() {
    }

    private static ManagedPolicy policy(String name, String path, String id, String description, String document) {
        return new ManagedPolicy(ManagedPolicy.AWS_ACCOUNT, name, path, id, description, PUBLISHED, PUBLISHED, "v1",
                List.of(new PolicyVersion("v1", document, PUBLISHED)), 2, List.of());
    }

    static Optional<ManagedPolicy> byArn(String arn) {
        return Optional.ofNullable(BY_ARN.get(arn));
    }

    static List<ManagedPolicy> all() {
        return ALL;
    }

    static boolean isAwsManagedArn(String arn) {
        return arn.startsWith("arn:aws:iam::aws:policy/");
    }
}
