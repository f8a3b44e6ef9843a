package io.strongroom.engine.backup;

import java.util.Map;
import java.util.Optional;

/**
 * What AWS Backup does differently per resource type (spec 6.1 and 9): the action its role needs to back a resource up
 * and to restore it, whether AWS Backup fully manages its recovery points (ARN form, re-encryption under the vault's
 * key, cold storage), and whether a job on it can be stopped.
 */
public final class ResourceTypes {
    /** One type's row of the capability table. */
    public record Capabilities(String backupAction, String restoreAction, boolean fullyManaged, boolean coldStorage,
                               boolean stoppable, String recoveryPointArnForm) {
    }

    static final String BACKUP_FORM = "backup";
    static final String EBS_SNAPSHOT = "ec2-snapshot";
    static final String EC2_IMAGE = "ec2-image";
    static final String RDS_SNAPSHOT = "rds-snapshot";
    static final String RDS_CLUSTER_SNAPSHOT = "rds-cluster-snapshot";
    static final String DYNAMODB_BACKUP = "dynamodb-backup";

    private static final Map<String, Capabilities> TYPES = Map.of(
            "DynamoDB", new Capabilities("dynamodb:CreateBackup", "dynamodb:RestoreTableFromBackup", false, false,
                    true, DYNAMODB_BACKUP),
            "S3", new Capabilities("s3:GetObject", "s3:PutObject", true, false, true, BACKUP_FORM),
            "EFS", new Capabilities("elasticfilesystem:Backup", "elasticfilesystem:Restore", true, true, true,
                    BACKUP_FORM),
            "EBS", new Capabilities("ec2:CreateSnapshot", "ec2:CreateVolume", false, false, true, EBS_SNAPSHOT),
            "EC2", new Capabilities("ec2:CreateImage", "ec2:RunInstances", false, false, true, EC2_IMAGE),
            "RDS", new Capabilities("rds:CreateDBSnapshot", "rds:RestoreDBInstanceFromDBSnapshot", false, false,
                    false, RDS_SNAPSHOT),
            "Aurora", new Capabilities("rds:CreateDBClusterSnapshot", "rds:RestoreDBClusterFromSnapshot", false,
                    false, false, RDS_CLUSTER_SNAPSHOT));

    /** DynamoDB with advanced features on (Region settings' management preference) is fully managed. */
    private static final Capabilities DYNAMODB_ADVANCED = new Capabilities("dynamodb:StartAwsBackupJob",
            "dynamodb:RestoreTableFromAwsBackup", true, true, true, BACKUP_FORM);

    private ResourceTypes() {
    }

    public static Optional<Capabilities> of(String resourceType, RegionSettings settings) {
        if ("DynamoDB".equals(resourceType) && settings.effectiveManagement().getOrDefault("DynamoDB", false)) {
            return Optional.of(DYNAMODB_ADVANCED);
        }
        return Optional.ofNullable(TYPES.get(resourceType));
    }
}
