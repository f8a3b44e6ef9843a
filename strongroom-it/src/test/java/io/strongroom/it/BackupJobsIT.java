package io.strongroom.it;

import io.strongroom.testkit.AdminClient;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.*;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.core.sync.RequestBody;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AWS Backup's jobs through the SDK v2 with real data: a backup job on the clock writes an encrypted recovery point
 * into the vault storage, a restore job makes a new resource holding exactly the backed-up data, and the source keeps
 * its later changes. Each test works in an account of its own.
 */
class BackupJobsIT {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** An account with a vault and AWS Backup's default service role (backup and restore policies attached). */
    record Fixture(TestServer on, String[] account, AwsBasicCredentials credentials, String roleArn,
                   String vaultName) {
        BackupClient backup() {
            return on.endpoint().client(BackupClient.builder(), credentials);
        }
    }

    static Fixture fixture(String name) {
        return fixture(server, name);
    }

    static Fixture fixture(TestServer server, String name) {
        String[] acct = server.endpoint().admin().createAccount(name);
        AwsBasicCredentials credentials = AwsBasicCredentials.create(acct[1], acct[2]);
        String role = defaultServiceRole(server, credentials);
        try (BackupClient backup = server.endpoint().client(BackupClient.builder(), credentials)) {
            backup.createBackupVault(r -> r.backupVaultName("local-vault"));
        }
        return new Fixture(server, acct, credentials, role, "local-vault");
    }

    /** AWS Backup's default service role in the account, with the backup and restore policies attached; its ARN. */
    static String defaultServiceRole(TestServer server, AwsCredentials account) {
        try (IamClient iam = server.endpoint().client(IamClient.builder(), account)) {
            String role = iam.createRole(r -> r.roleName("AWSBackupDefaultServiceRole").path("/service-role/")
                    .assumeRolePolicyDocument(BackupIT.BACKUP_TRUST)).role().arn();
            for (String policy : List.of("AWSBackupServiceRolePolicyForBackup",
                    "AWSBackupServiceRolePolicyForRestores")) {
                iam.attachRolePolicy(r -> r.roleName("AWSBackupDefaultServiceRole")
                        .policyArn("arn:aws:iam::aws:policy/service-role/" + policy));
            }
            return role;
        }
    }

    static void advance(Duration d) {
        server.endpoint().admin().advance(d);
    }

    static List<Map<String, AttributeValue>> scan(DynamoDbClient ddb, String table) {
        return ddb.scan(r -> r.tableName(table)).items().stream()
                .sorted(Comparator.comparing(i -> i.get("pk").s())).toList();
    }

    @Test
    void dynamoDbTableBackedUpIntoTheVaultAndRestoredAsANewTable() {
        Fixture f = fixture("jobs-ddb");
        BackupClient backup = f.backup();
        try (DynamoDbClient ddb = server.endpoint().client(DynamoDbClient.builder(), f.credentials())) {
            String tableArn = ddb.createTable(r -> r.tableName("orders").billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S)))
                    .tableDescription().tableArn();
            for (int i = 0; i < 20; i++) {
                String pk = "order-" + i;
                ddb.putItem(r -> r.tableName("orders").item(Map.of("pk", AttributeValue.fromS(pk),
                        "qty", AttributeValue.fromN("1"))));
            }
            List<Map<String, AttributeValue>> original = scan(ddb, "orders");

            StartBackupJobResponse started = backup.startBackupJob(r -> r.backupVaultName(f.vaultName())
                    .resourceArn(tableArn).iamRoleArn(f.roleArn()).idempotencyToken("tok-1")
                    .lifecycle(l -> l.deleteAfterDays(35L)));
            // An on-demand job starts as soon as it is created: its snapshot is taken at once, its transfer takes time.
            DescribeBackupJobResponse created = backup.describeBackupJob(r -> r.backupJobId(started.backupJobId()));
            assertThat(created.stateAsString()).isEqualTo("RUNNING");
            assertThat(created.expectedCompletionDate()).isAfter(created.initiationDate());
            assertThat(created.resourceType()).isEqualTo("DynamoDB");
            assertThat(backup.startBackupJob(r -> r.backupVaultName(f.vaultName()).resourceArn(tableArn)
                    .iamRoleArn(f.roleArn()).idempotencyToken("tok-1")).backupJobId())
                    .isEqualTo(started.backupJobId());
            // Listing by state finds an open job and, once it ended, the job in its final state only (D88).
            java.util.function.Function<String, List<String>> inState = state -> backup.listBackupJobs(r -> r
                    .byState(state).byResourceType("DynamoDB")).backupJobs().stream()
                    .map(software.amazon.awssdk.services.backup.model.BackupJob::backupJobId).toList();
            assertThat(inState.apply("RUNNING")).contains(started.backupJobId());

            advance(Duration.ofHours(1));
            assertThat(inState.apply("RUNNING")).doesNotContain(started.backupJobId());
            assertThat(inState.apply("COMPLETED")).contains(started.backupJobId());
            DescribeBackupJobResponse done = backup.describeBackupJob(r -> r.backupJobId(started.backupJobId()));
            assertThat(done.stateAsString()).isEqualTo("COMPLETED");
            assertThat(done.messageCategory()).isEqualTo("SUCCESS");
            assertThat(done.backupSizeInBytes()).isPositive();
            String pointArn = done.recoveryPointArn();
            assertThat(pointArn).startsWith("arn:aws:dynamodb:eu-west-1:" + f.account()[0] + ":table/orders/backup/");

            DescribeRecoveryPointResponse point = backup.describeRecoveryPoint(r -> r.backupVaultName(f.vaultName())
                    .recoveryPointArn(pointArn));
            String vaultKey = backup.describeBackupVault(r -> r.backupVaultName(f.vaultName())).encryptionKeyArn();
            assertThat(point.statusAsString()).isEqualTo("COMPLETED");
            assertThat(point.isEncrypted()).isTrue();
            assertThat(point.encryptionKeyArn()).isEqualTo(vaultKey);
            assertThat(point.calculatedLifecycle().deleteAt()).isEqualTo(point.creationDate().plus(Duration.ofDays(35)));
            assertThat(backup.describeBackupVault(r -> r.backupVaultName(f.vaultName())).numberOfRecoveryPoints())
                    .isEqualTo(1);

            ddb.putItem(r -> r.tableName("orders").item(Map.of("pk", AttributeValue.fromS("order-0"),
                    "qty", AttributeValue.fromN("99"))));
            ddb.deleteItem(r -> r.tableName("orders").key(Map.of("pk", AttributeValue.fromS("order-1"))));
            List<Map<String, AttributeValue>> changed = scan(ddb, "orders");

            Map<String, String> metadata = backup.getRecoveryPointRestoreMetadata(r -> r
                    .backupVaultName(f.vaultName()).recoveryPointArn(pointArn)).restoreMetadata();
            Map<String, String> restoreWith = new java.util.HashMap<>(metadata);
            restoreWith.put("targetTableName", "orders-restored");
            String restoreId = backup.startRestoreJob(r -> r.recoveryPointArn(pointArn).iamRoleArn(f.roleArn())
                    .metadata(restoreWith)).restoreJobId();
            assertThat(backup.describeRestoreJob(r -> r.restoreJobId(restoreId)).statusAsString()).isEqualTo("RUNNING");
            advance(Duration.ofHours(1));
            DescribeRestoreJobResponse restored = backup.describeRestoreJob(r -> r.restoreJobId(restoreId));
            assertThat(restored.statusAsString()).isEqualTo("COMPLETED");
            assertThat(restored.createdResourceArn()).isEqualTo("arn:aws:dynamodb:eu-west-1:" + f.account()[0]
                    + ":table/orders-restored");
            assertThat(scan(ddb, "orders-restored")).isEqualTo(original);
            assertThat(scan(ddb, "orders")).isEqualTo(changed).isNotEqualTo(original);
        }
    }

    @Test
    void listBackupJobsReachesBackThirtyDaysAndDescribeBackupJobFurther() {
        Fixture f = fixture("jobs-window");
        BackupClient backup = f.backup();
        try (DynamoDbClient ddb = server.endpoint().client(DynamoDbClient.builder(), f.credentials())) {
            String tableArn = ddb.createTable(r -> r.tableName("ledger").billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S)))
                    .tableDescription().tableArn();
            String old = backup.startBackupJob(r -> r.backupVaultName(f.vaultName()).resourceArn(tableArn)
                    .iamRoleArn(f.roleArn())).backupJobId();
            advance(Duration.ofDays(30).minusMinutes(1));
            assertThat(backup.listBackupJobs(r -> r.byResourceArn(tableArn)).backupJobs())
                    .extracting(software.amazon.awssdk.services.backup.model.BackupJob::backupJobId)
                    .containsExactly(old);
            advance(Duration.ofMinutes(2));
            String recent = backup.startBackupJob(r -> r.backupVaultName(f.vaultName()).resourceArn(tableArn)
                    .iamRoleArn(f.roleArn())).backupJobId();
            advance(Duration.ofHours(1));
            // Past 30 days a job leaves the listing, even when asked for by creation date, but is still described.
            assertThat(backup.listBackupJobs(r -> r.byResourceArn(tableArn)).backupJobs())
                    .extracting(software.amazon.awssdk.services.backup.model.BackupJob::backupJobId)
                    .containsExactly(recent);
            assertThat(backup.listBackupJobs(r -> r.byCreatedAfter(java.time.Instant.EPOCH)).backupJobs())
                    .extracting(software.amazon.awssdk.services.backup.model.BackupJob::backupJobId)
                    .containsExactly(recent);
            assertThat(backup.describeBackupJob(r -> r.backupJobId(old)).stateAsString()).isEqualTo("COMPLETED");
        }
    }

    static final String ACCOUNT_ARN = "(\\d{12})";
    static final String UUID_UPPER = "[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}";

    /** What a finished backup job left behind. */
    record BackedUp(String jobId, String pointArn, Map<String, String> restoreMetadata) {
    }

    /**
     * Backs a resource up on demand and checks what a user sees: the job COMPLETED after the clock moved, its
     * recovery point in the ARN form of the type (spec 6.1) encrypted under the vault's key. Then runs
     * {@code change} on the source and reads the point's restore metadata.
     */
    static BackedUp backUp(Fixture f, String resourceArn, String resourceType, String pointArnPattern,
                           Runnable change) {
        BackupClient backup = f.backup();
        String jobId = backup.startBackupJob(r -> r.backupVaultName(f.vaultName()).resourceArn(resourceArn)
                .iamRoleArn(f.roleArn())).backupJobId();
        advance(Duration.ofHours(1));
        DescribeBackupJobResponse done = backup.describeBackupJob(r -> r.backupJobId(jobId));
        assertThat(done.stateAsString()).as(done.statusMessage()).isEqualTo("COMPLETED");
        assertThat(done.resourceType()).isEqualTo(resourceType);
        assertThat(done.resourceArn()).isEqualTo(resourceArn);
        assertThat(done.backupSizeInBytes()).isPositive();
        String pointArn = done.recoveryPointArn();
        assertThat(pointArn).matches(pointArnPattern.replace("{acct}", f.account()[0]));
        DescribeRecoveryPointResponse point = backup.describeRecoveryPoint(r -> r.backupVaultName(f.vaultName())
                .recoveryPointArn(pointArn));
        assertThat(point.statusAsString()).isEqualTo("COMPLETED");
        assertThat(point.resourceArn()).isEqualTo(resourceArn);
        assertThat(point.resourceType()).isEqualTo(resourceType);
        assertThat(point.isEncrypted()).isTrue();
        assertThat(point.encryptionKeyArn()).isEqualTo(
                backup.describeBackupVault(r -> r.backupVaultName(f.vaultName())).encryptionKeyArn());
        change.run();
        Map<String, String> metadata = backup.getRecoveryPointRestoreMetadata(r -> r
                .backupVaultName(f.vaultName()).recoveryPointArn(pointArn)).restoreMetadata();
        return new BackedUp(jobId, pointArn, metadata);
    }

    /** Restores a point with its metadata changed by {@code adjust}; the job COMPLETED with the new resource. */
    static String restore(Fixture f, BackedUp point, Consumer<Map<String, String>> adjust) {
        BackupClient backup = f.backup();
        Map<String, String> metadata = new HashMap<>(point.restoreMetadata());
        adjust.accept(metadata);
        String restoreId = backup.startRestoreJob(r -> r.recoveryPointArn(point.pointArn()).iamRoleArn(f.roleArn())
                .metadata(metadata)).restoreJobId();
        advance(Duration.ofHours(1));
        DescribeRestoreJobResponse restored = backup.describeRestoreJob(r -> r.restoreJobId(restoreId));
        assertThat(restored.statusAsString()).as(restored.statusMessage()).isEqualTo("COMPLETED");
        assertThat(restored.createdResourceArn()).isNotBlank();
        return restored.createdResourceArn();
    }

    static String attachPolicies(Fixture f, String... policyArns) {
        try (IamClient iam = server.endpoint().client(IamClient.builder(), f.credentials())) {
            for (String policy : policyArns) {
                iam.attachRolePolicy(r -> r.roleName("AWSBackupDefaultServiceRole").policyArn(policy));
            }
        }
        return f.roleArn();
    }

    static Map<String, String> objects(S3Client s3, String bucket) {
        Map<String, String> out = new TreeMap<>();
        for (var o : s3.listObjectsV2(r -> r.bucket(bucket)).contents()) {
            out.put(o.key(), s3.getObjectAsBytes(r -> r.bucket(bucket).key(o.key())).asUtf8String());
        }
        return out;
    }

    @Test
    void s3BucketBackedUpAndRestoredIntoANewBucket() {
        Fixture f = fixture("jobs-s3");
        attachPolicies(f, "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup",
                "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore");
        // S3 is not opted in by default (RegionSettings.DEFAULT_OPT_IN), as in AWS.
        f.backup().updateRegionSettings(r -> r.resourceTypeOptInPreference(Map.of("S3", true)));
        try (S3Client s3 = server.endpoint().client(S3Client.builder().forcePathStyle(true), f.credentials())) {
            s3.createBucket(r -> r.bucket("jobs-s3-source"));
            s3.putBucketVersioning(r -> r.bucket("jobs-s3-source")
                    .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
            String big = "0123456789abcdef".repeat(512); // 8 KiB
            s3.putObject(r -> r.bucket("jobs-s3-source").key("a.txt"), RequestBody.fromString("alpha"));
            s3.putObject(r -> r.bucket("jobs-s3-source").key("dir/b.txt"), RequestBody.fromString("beta"));
            s3.putObject(r -> r.bucket("jobs-s3-source").key("big.bin"), RequestBody.fromString(big));
            Map<String, String> original = objects(s3, "jobs-s3-source");

            BackedUp point = backUp(f, "arn:aws:s3:::jobs-s3-source", "S3",
                    "arn:aws:backup:eu-west-1:{acct}:recovery-point:" + UUID_UPPER, () -> {
                        s3.putObject(r -> r.bucket("jobs-s3-source").key("a.txt"), RequestBody.fromString("changed"));
                        s3.deleteObject(r -> r.bucket("jobs-s3-source").key("dir/b.txt"));
                    });
            String created = restore(f, point, m -> {
                m.put("DestinationBucketName", "jobs-s3-restored");
                m.put("NewBucket", "true");
            });
            assertThat(created).isEqualTo("arn:aws:s3:::jobs-s3-restored");
            assertThat(objects(s3, "jobs-s3-restored")).isEqualTo(original);
            assertThat(original.get("big.bin")).hasSize(8192);
            assertThat(objects(s3, "jobs-s3-source")).isEqualTo(Map.of("a.txt", "changed", "big.bin", big));
        }
    }

    @Test
    void efsFileSystemBackedUpAndRestoredAsANewFileSystem() {
        Fixture f = fixture("jobs-efs");
        AdminClient admin = server.endpoint().admin();
        try (EfsClient efs = server.endpoint().client(EfsClient.builder(), f.credentials())) {
            var fs = efs.createFileSystem(r -> r.creationToken("jobs-efs"));
            String id = fs.fileSystemId();
            assertThat(admin.putEfsFile(id, "docs/readme.txt", bytes("hello")).status()).isEqualTo(200);
            assertThat(admin.putEfsFile(id, "data.bin", bytes("x".repeat(4096))).status()).isEqualTo(200);

            BackedUp point = backUp(f, fs.fileSystemArn(), "EFS",
                    "arn:aws:backup:eu-west-1:{acct}:recovery-point:" + UUID_UPPER,
                    () -> admin.putEfsFile(id, "docs/readme.txt", bytes("changed")));
            String created = restore(f, point, m -> {
                m.put("newFileSystem", "true");
                m.put("CreationToken", "jobs-efs-restored");
            });
            assertThat(created).matches("arn:aws:elasticfilesystem:eu-west-1:" + f.account()[0]
                    + ":file-system/fs-[0-9a-f]+");
            String newId = created.substring(created.lastIndexOf('/') + 1);
            assertThat(newId).isNotEqualTo(id);
            assertThat(efs.describeFileSystems(r -> r.fileSystemId(newId)).fileSystems()).hasSize(1);
            // A restore lands under aws-backup-restore_<timestamp>/ at the new file system's root.
            List<String> restoredFiles = files(admin, newId);
            assertThat(restoredFiles).hasSize(2);
            String dir = restoredFiles.get(0).substring(0, restoredFiles.get(0).indexOf('/'));
            assertThat(dir).matches("aws-backup-restore_\\d{14}");
            assertThat(restoredFiles).containsExactly(dir + "/data.bin", dir + "/docs/readme.txt");
            assertThat(text(admin.getEfsFile(newId, dir + "/docs/readme.txt"))).isEqualTo("hello");
            assertThat(text(admin.getEfsFile(newId, dir + "/data.bin"))).isEqualTo("x".repeat(4096));
            assertThat(text(admin.getEfsFile(id, "docs/readme.txt"))).isEqualTo("changed");
        }
    }

    @Test
    void ebsVolumeBackedUpAndRestoredAsANewVolume() {
        Fixture f = fixture("jobs-ebs");
        AdminClient admin = server.endpoint().admin();
        try (Ec2Client ec2 = server.endpoint().client(Ec2Client.builder(), f.credentials())) {
            String volumeId = ec2.createVolume(r -> r.availabilityZone("eu-west-1a").size(1)).volumeId();
            byte[] original = "disk block 0\0disk block 1".repeat(100).getBytes(StandardCharsets.UTF_8);
            assertThat(admin.putEbsData(volumeId, original).status()).isEqualTo(200);
            String arn = "arn:aws:ec2:eu-west-1:" + f.account()[0] + ":volume/" + volumeId;

            BackedUp point = backUp(f, arn, "EBS", "arn:aws:ec2:eu-west-1::snapshot/snap-[0-9a-f]{17}",
                    () -> admin.putEbsData(volumeId, bytes("overwritten")));
            String created = restore(f, point, m -> { });
            assertThat(created).matches("arn:aws:ec2:eu-west-1:" + f.account()[0] + ":volume/vol-[0-9a-f]+")
                    .isNotEqualTo(arn);
            String newId = created.substring(created.lastIndexOf('/') + 1);
            assertThat(ec2.describeVolumes(r -> r.volumeIds(newId)).volumes().get(0).size()).isEqualTo(1);
            assertThat(admin.getEbsData(newId).body()).isEqualTo(original);
            assertThat(text(admin.getEbsData(volumeId))).isEqualTo("overwritten");
        }
    }

    @Test
    void ec2InstanceBackedUpAndRestoredAsANewInstanceWithItsRootVolume() {
        Fixture f = fixture("jobs-ec2");
        AdminClient admin = server.endpoint().admin();
        try (Ec2Client ec2 = server.endpoint().client(Ec2Client.builder(), f.credentials())) {
            String image = Ec2InstancesIT.amazonLinux(ec2);
            Instance source = ec2.runInstances(r -> r.imageId(image).instanceType(InstanceType.T3_MICRO)
                    .minCount(1).maxCount(1)).instances().get(0);
            String root = source.blockDeviceMappings().get(0).ebs().volumeId();
            byte[] original = "boot sector\0of the source".getBytes(StandardCharsets.UTF_8);
            assertThat(admin.putEbsData(root, original).status()).isEqualTo(200);
            String arn = "arn:aws:ec2:eu-west-1:" + f.account()[0] + ":instance/" + source.instanceId();

            BackedUp point = backUp(f, arn, "EC2", "arn:aws:ec2:eu-west-1::image/ami-[0-9a-f]{17}",
                    () -> admin.putEbsData(root, bytes("overwritten")));
            String created = restore(f, point, m -> m.put("InstanceType", "t3.small"));
            assertThat(created).matches("arn:aws:ec2:eu-west-1:" + f.account()[0] + ":instance/i-[0-9a-f]+")
                    .isNotEqualTo(arn);
            String newId = created.substring(created.lastIndexOf('/') + 1);
            Instance copy = ec2.describeInstances(r -> r.instanceIds(newId)).reservations().get(0).instances().get(0);
            assertThat(copy.instanceType()).isEqualTo(InstanceType.T3_SMALL);
            String copyRoot = copy.blockDeviceMappings().get(0).ebs().volumeId();
            assertThat(copyRoot).isNotEqualTo(root);
            assertThat(admin.getEbsData(copyRoot).body()).isEqualTo(original);
            assertThat(text(admin.getEbsData(root))).isEqualTo("overwritten");
        }
    }

    @Test
    void rdsInstanceBackedUpAndRestoredAsANewInstanceWithItsRows() throws SQLException {
        Fixture f = fixture("jobs-rds");
        try (RdsClient rds = server.endpoint().client(RdsClient.builder(), f.credentials())) {
            DBInstance source = rds.createDBInstance(r -> r.dbInstanceIdentifier("ledger-db")
                    .dbInstanceClass("db.t3.micro").engine("postgres").allocatedStorage(20)
                    .masterUsername("app_admin").masterUserPassword(RdsIT.PASSWORD).dbName("ledger")).dbInstance();
            try (Connection c = RdsIT.connect(source.endpoint(), "ledger", RdsIT.PASSWORD);
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE entries (id INT PRIMARY KEY, note TEXT)");
                s.execute("INSERT INTO entries VALUES (1, 'opening'), (2, 'rent'), (3, 'coffee')");
            }
            BackedUp point = backUp(f, source.dbInstanceArn(), "RDS",
                    "arn:aws:rds:eu-west-1:{acct}:snapshot:awsbackup:job-[0-9a-f-]{36}", () -> sql(source.endpoint(),
                            "UPDATE entries SET note = 'changed' WHERE id = 1", "DELETE FROM entries WHERE id = 3"));
            assertThat(point.pointArn()).endsWith("job-" + point.jobId().toLowerCase(java.util.Locale.ROOT));
            String created = restore(f, point, m -> m.put("DBInstanceIdentifier", "ledger-db-restored"));
            assertThat(created).isEqualTo("arn:aws:rds:eu-west-1:" + f.account()[0] + ":db:ledger-db-restored");
            DBInstance copy = rds.describeDBInstances(r -> r.dbInstanceIdentifier("ledger-db-restored"))
                    .dbInstances().get(0);
            assertThat(rows(copy.endpoint())).containsExactly("1:opening", "2:rent", "3:coffee");
            assertThat(rows(source.endpoint())).containsExactly("1:changed", "2:rent");
        }
    }

    @Test
    void auroraClusterBackedUpAndRestoredAsANewClusterWithItsRows() throws SQLException {
        Fixture f = fixture("jobs-aurora");
        try (RdsClient rds = server.endpoint().client(RdsClient.builder(), f.credentials())) {
            var cluster = rds.createDBCluster(r -> r.dbClusterIdentifier("payments").engine("aurora-postgresql")
                    .masterUsername("app_admin").masterUserPassword(RdsIT.PASSWORD).databaseName("ledger"))
                    .dbCluster();
            DBInstance writer = rds.createDBInstance(r -> r.dbInstanceIdentifier("payments-1")
                    .dbClusterIdentifier("payments").engine("aurora-postgresql").dbInstanceClass("db.r6g.large"))
                    .dbInstance();
            sql(writer.endpoint(), "CREATE TABLE entries (id INT PRIMARY KEY, note TEXT)",
                    "INSERT INTO entries VALUES (1, 'opening'), (2, 'rent'), (3, 'coffee')");
            BackedUp point = backUp(f, cluster.dbClusterArn(), "Aurora",
                    "arn:aws:rds:eu-west-1:{acct}:cluster-snapshot:awsbackup:job-[0-9a-f-]{36}",
                    () -> sql(writer.endpoint(), "UPDATE entries SET note = 'changed' WHERE id = 1",
                            "DELETE FROM entries WHERE id = 3"));
            String created = restore(f, point, m -> m.put("DBClusterIdentifier", "payments-restored"));
            assertThat(created).isEqualTo("arn:aws:rds:eu-west-1:" + f.account()[0] + ":cluster:payments-restored");
            // AWS Backup restores a cluster without instances; one is added to reach its data.
            DBInstance reader = rds.createDBInstance(r -> r.dbInstanceIdentifier("payments-restored-1")
                    .dbClusterIdentifier("payments-restored").engine("aurora-postgresql")
                    .dbInstanceClass("db.r6g.large")).dbInstance();
            assertThat(rows(reader.endpoint())).containsExactly("1:opening", "2:rent", "3:coffee");
            assertThat(rows(writer.endpoint())).containsExactly("1:changed", "2:rent");
        }
    }

    static String createTable(DynamoDbClient ddb, String name) {
        String arn = ddb.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S)))
                .tableDescription().tableArn();
        ddb.putItem(r -> r.tableName(name).item(Map.of("pk", AttributeValue.fromS("a"))));
        return arn;
    }

    @Test
    void jobsAreAwsServiceEventsInTheJobsAccountsEventHistory() throws Exception {
        Fixture f = fixture("jobs-trail");
        try (DynamoDbClient ddb = server.endpoint().client(DynamoDbClient.builder(), f.credentials());
             CloudTrailClient trail = server.endpoint().client(CloudTrailClient.builder(), f.credentials())) {
            String tableArn = createTable(ddb, "audited");
            BackedUp point = backUp(f, tableArn, "DynamoDB",
                    "arn:aws:dynamodb:eu-west-1:{acct}:table/audited/backup/\\d{14}-[0-9a-f]{8}", () -> { });
            String created = restore(f, point, m -> m.put("targetTableName", "audited-restored"));
            String restoreId = f.backup().listRestoreJobs(r -> r.byResourceType("DynamoDB")).restoreJobs().get(0)
                    .restoreJobId();
            assertThat(created).endsWith(":table/audited-restored");

            List<Event> events = trail.lookupEvents(r -> r.lookupAttributes(a -> a
                    .attributeKey(LookupAttributeKey.EVENT_SOURCE).attributeValue("backup.amazonaws.com"))).events();
            Map<String, String> jobOfEvent = new TreeMap<>();
            for (Event e : events) {
                assertThat(e.eventSource()).isEqualTo("backup.amazonaws.com");
                var record = new com.fasterxml.jackson.databind.ObjectMapper().readTree(e.cloudTrailEvent());
                if (!record.get("eventType").asText().equals("AwsServiceEvent")) {
                    continue; // the caller's own StartBackupJob, DescribeBackupJob... calls
                }
                assertThat(record.get("recipientAccountId").asText()).isEqualTo(f.account()[0]);
                assertThat(record.at("/userIdentity/invokedBy").asText()).isEqualTo("backup.amazonaws.com");
                var details = record.get("serviceEventDetails");
                jobOfEvent.put(e.eventName(), details.has("backupJobId") ? details.get("backupJobId").asText()
                        : details.path("restoreJobId").asText());
            }
            assertThat(jobOfEvent).containsOnlyKeys("BackupJobStarted", "BackupJobCompleted", "RestoreStarted",
                            "RestoreCompleted")
                    .containsEntry("BackupJobStarted", point.jobId())
                    .containsEntry("BackupJobCompleted", point.jobId())
                    .containsEntry("RestoreStarted", restoreId)
                    .containsEntry("RestoreCompleted", restoreId);
        }
    }

    @Test
    void aRoleWithoutTheBackupPolicyOrNotTrustingAwsBackupFailsTheJob() {
        Fixture f = fixture("jobs-roles");
        String withoutPolicy;
        String notTrusting;
        try (IamClient iam = server.endpoint().client(IamClient.builder(), f.credentials())) {
            withoutPolicy = iam.createRole(r -> r.roleName("NoBackupPolicy")
                    .assumeRolePolicyDocument(BackupIT.BACKUP_TRUST)).role().arn();
            notTrusting = iam.createRole(r -> r.roleName("TrustsEc2Only").assumeRolePolicyDocument(
                    BackupIT.BACKUP_TRUST.replace("backup.amazonaws.com", "ec2.amazonaws.com"))).role().arn();
            iam.attachRolePolicy(r -> r.roleName("TrustsEc2Only")
                    .policyArn("arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"));
        }
        try (DynamoDbClient ddb = server.endpoint().client(DynamoDbClient.builder(), f.credentials())) {
            String tableArn = createTable(ddb, "guarded");
            BackupClient backup = f.backup();
            String denied = backup.startBackupJob(r -> r.backupVaultName(f.vaultName()).resourceArn(tableArn)
                    .iamRoleArn(withoutPolicy)).backupJobId();
            String untrusted = backup.startBackupJob(r -> r.backupVaultName(f.vaultName()).resourceArn(tableArn)
                    .iamRoleArn(notTrusting)).backupJobId();
            advance(Duration.ofHours(1));
            DescribeBackupJobResponse deniedJob = backup.describeBackupJob(r -> r.backupJobId(denied));
            assertThat(deniedJob.stateAsString()).isEqualTo("FAILED");
            assertThat(deniedJob.statusMessage()).startsWith("Access denied").contains("dynamodb:CreateBackup");
            assertThat(deniedJob.recoveryPointArn()).isNull();
            DescribeBackupJobResponse untrustedJob = backup.describeBackupJob(r -> r.backupJobId(untrusted));
            assertThat(untrustedJob.stateAsString()).isEqualTo("FAILED");
            assertThat(untrustedJob.statusMessage()).contains("cannot assume IAM Role " + notTrusting);
            assertThat(backup.listRecoveryPointsByBackupVault(r -> r.backupVaultName(f.vaultName()))
                    .recoveryPoints()).isEmpty();

            // A restore checks its role too: one without the restores policy cannot make the table.
            BackedUp point = backUp(f, tableArn, "DynamoDB",
                    "arn:aws:dynamodb:eu-west-1:{acct}:table/guarded/backup/\\d{14}-[0-9a-f]{8}", () -> { });
            String restoreId = backup.startRestoreJob(r -> r.recoveryPointArn(point.pointArn())
                    .iamRoleArn(withoutPolicy).metadata(Map.of("targetTableName", "guarded-restored")))
                    .restoreJobId();
            advance(Duration.ofHours(1));
            DescribeRestoreJobResponse refused = backup.describeRestoreJob(r -> r.restoreJobId(restoreId));
            assertThat(refused.statusAsString()).isEqualTo("FAILED");
            assertThat(refused.statusMessage()).startsWith("Access denied")
                    .contains("dynamodb:RestoreTableFromBackup");
            assertThat(refused.createdResourceArn()).isNull();
            assertThat(ddb.listTables().tableNames()).containsExactly("guarded");
        }
    }

    static void sql(software.amazon.awssdk.services.rds.model.Endpoint endpoint, String... statements) {
        try (Connection c = RdsIT.connect(endpoint, "ledger", RdsIT.PASSWORD); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> rows(software.amazon.awssdk.services.rds.model.Endpoint endpoint) throws SQLException {
        try (Connection c = RdsIT.connect(endpoint, "ledger", RdsIT.PASSWORD)) {
            return RdsIT.rows(c, "SELECT id || ':' || note FROM entries ORDER BY id");
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(AdminClient.RawAnswer answer) {
        assertThat(answer.status()).isEqualTo(200);
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    /** The paths of every file of a file system (admin extension). */
    static List<String> files(AdminClient admin, String fileSystemId) {
        AdminClient.Answer listing = admin.get("efs/" + fileSystemId + "/files");
        assertThat(listing.status()).isEqualTo(200);
        List<String> out = new java.util.ArrayList<>();
        listing.body().get("files").forEach(n -> out.add(n.asText()));
        return out.stream().sorted().toList();
    }
    @Test
    void aCopyIntoAnotherRegionLandsInThatRegionsVaultUnderItsKey() {
        Fixture f = fixture("jobs-cross-region");
        BackupClient backup = f.backup();
        try (DynamoDbClient ddb = server.endpoint().client(DynamoDbClient.builder(), f.credentials());
             BackupClient frankfurt = BackupClient.builder().endpointOverride(server.endpoint().uri())
                     .region(software.amazon.awssdk.regions.Region.EU_CENTRAL_1)
                     .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider
                             .create(f.credentials())).build()) {
            String tableArn = ddb.createTable(r -> r.tableName("ledger").billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S)))
                    .tableDescription().tableArn();
            ddb.putItem(r -> r.tableName("ledger").item(Map.of("pk", AttributeValue.fromS("entry-1"))));
            String drVault = frankfurt.createBackupVault(r -> r.backupVaultName("dr-vault")).backupVaultArn();
            assertThat(drVault).startsWith("arn:aws:backup:eu-central-1:" + f.account()[0] + ":backup-vault:");
            String jobId = backup.startBackupJob(r -> r.backupVaultName(f.vaultName()).resourceArn(tableArn)
                    .iamRoleArn(f.roleArn())).backupJobId();
            advance(Duration.ofHours(1));
            String point = backup.describeBackupJob(r -> r.backupJobId(jobId)).recoveryPointArn();

            String copyId = backup.startCopyJob(r -> r.recoveryPointArn(point).sourceBackupVaultName(f.vaultName())
                    .destinationBackupVaultArn(drVault).iamRoleArn(f.roleArn())).copyJobId();
            advance(Duration.ofHours(1));
            CopyJob copy = backup.describeCopyJob(r -> r.copyJobId(copyId)).copyJob();
            assertThat(copy.stateAsString()).as(copy.statusMessage()).isEqualTo("COMPLETED");
            List<RecoveryPointByBackupVault> inFrankfurt = frankfurt.listRecoveryPointsByBackupVault(r -> r
                    .backupVaultName("dr-vault")).recoveryPoints();
            assertThat(inFrankfurt).singleElement().satisfies(p -> {
                assertThat(p.recoveryPointArn()).isEqualTo(copy.destinationRecoveryPointArn())
                        .contains(":eu-central-1:");
                assertThat(p.sourceBackupVaultArn()).isEqualTo("arn:aws:backup:eu-west-1:" + f.account()[0]
                        + ":backup-vault:" + f.vaultName());
                assertThat(p.encryptionKeyArn()).isEqualTo(frankfurt.describeBackupVault(r -> r
                        .backupVaultName("dr-vault")).encryptionKeyArn()).contains(":eu-central-1:");
            });
            assertThat(backup.listRecoveryPointsByBackupVault(r -> r.backupVaultName(f.vaultName()))
                    .recoveryPoints()).hasSize(1);
        }
    }
}
