package io.strongroom.engine.kms;

import java.util.Map;

/**
 * The key policies KMS writes itself: the default policy of a customer managed key created without one (spec
 * 3.3), and the policy of each AWS managed key (spec 3.4): usable by any principal of the account, only through
 * the owning service; readable by the account.
 */
final class KeyPolicies {
    /** AWS managed keys Strongroom knows: alias suffix to [service prefix of kms:ViaService, description]. */
    static final Map<String, String[]> MANAGED = Map.of(
            "backup", new String[]{"backup", "Default key that protects my Backup data when no other key is defined"},
            "ebs", new String[]{"ec2", "Default key that protects my EBS volumes when no other key is defined"},
            "elasticfilesystem", new String[]{"elasticfilesystem",
                    "Default key that protects my EFS filesystems when no other key is defined"},
            "rds", new String[]{"rds", "Default key that protects my RDS database volumes when no other key is defined"},
            "dynamodb", new String[]{"dynamodb",
                    "Default key that protects my DynamoDB tables when no other key is defined"},
            "s3", new String[]{"s3", "Default key that protects my S3 objects when no other key is defined"});

    private KeyPolicies() {
    }

    static String defaultPolicy(String account) {
        return "{\n  \"Version\" : \"2012-10-17\",\n  \"Id\" : \"key-default-1\",\n  \"Statement\" : [ {\n"
                + "    \"Sid\" : \"Enable IAM User Permissions\",\n    \"Effect\" : \"Allow\",\n"
                + "    \"Principal\" : {\n      \"AWS\" : \"arn:aws:iam::" + account + ":root\"\n    },\n"
                + "    \"Action\" : \"kms:*\",\n    \"Resource\" : \"*\"\n  } ]\n}";
    }

    static String managedPolicy(String service, String account, String region) {
        String via = MANAGED.get(service)[0] + "." + region + ".amazonaws.com";
        return "{\n  \"Version\" : \"2012-10-17\",\n  \"Id\" : \"auto-" + service + "-1\",\n  \"Statement\" : [ {\n"
                + "    \"Sid\" : \"Allow access through " + service + " for all principals in the account that are "
                + "authorized to use " + service + "\",\n    \"Effect\" : \"Allow\",\n"
                + "    \"Principal\" : {\n      \"AWS\" : \"*\"\n    },\n"
                + "    \"Action\" : [ \"kms:Encrypt\", \"kms:Decrypt\", \"kms:ReEncrypt*\", \"kms:GenerateDataKey*\", "
                + "\"kms:CreateGrant\", \"kms:DescribeKey\" ],\n    \"Resource\" : \"*\",\n"
                + "    \"Condition\" : {\n      \"StringEquals\" : {\n        \"kms:CallerAccount\" : \"" + account
                + "\",\n        \"kms:ViaService\" : \"" + via + "\"\n      }\n    }\n  }, {\n"
                + "    \"Sid\" : \"Allow direct access to key metadata to the account\",\n    \"Effect\" : \"Allow\",\n"
                + "    \"Principal\" : {\n      \"AWS\" : \"arn:aws:iam::" + account + ":root\"\n    },\n"
                + "    \"Action\" : [ \"kms:Describe*\", \"kms:Get*\", \"kms:List*\", \"kms:RevokeGrant\" ],\n"
                + "    \"Resource\" : \"*\"\n  } ]\n}";
    }
}
