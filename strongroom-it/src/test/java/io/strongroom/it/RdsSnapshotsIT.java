package io.strongroom.it;

import io.strongroom.testkit.AwsCli;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.RdsException;
import software.amazon.awssdk.services.rds.model.Tag;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A DB instance's recovery point is an RDS snapshot of type awsbackup (D108): DescribeDBSnapshots shows it when asked
 * for AWS Backup's snapshots or by its identifier, with the instance's engine, storage and tags; a point AWS Backup
 * is deleting has none (D120).
 */
class RdsSnapshotsIT {
    static TestServer server;
    static BackupJobsIT.Fixture f;
    static String pointArn;
    static String snapshotId;

    @BeforeAll
    static void backUpADbInstance() {
        server = TestServer.start();
        f = BackupJobsIT.fixture(server, "rds-snapshots");
        try (RdsClient rds = rds()) {
            String arn = rds.createDBInstance(r -> r.dbInstanceIdentifier("ledger-db").dbInstanceClass("db.t3.micro")
                    .engine("postgres").allocatedStorage(20).masterUsername("app_admin")
                    .masterUserPassword(RdsIT.PASSWORD).tags(Tag.builder().key("Backup").value("daily-prod")
                            .build())).dbInstance().dbInstanceArn();
            try (var backup = f.backup()) {
                String jobId = backup.startBackupJob(r -> r.backupVaultName(f.vaultName()).resourceArn(arn)
                        .iamRoleArn(f.roleArn())).backupJobId();
                server.endpoint().admin().advance(java.time.Duration.ofHours(1));
                var job = backup.describeBackupJob(r -> r.backupJobId(jobId));
                assertThat(job.stateAsString()).as(job.statusMessage()).isEqualTo("COMPLETED");
                pointArn = job.recoveryPointArn();
            }
        }
        snapshotId = pointArn.substring(pointArn.indexOf(":snapshot:") + ":snapshot:".length());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static RdsClient rds() {
        return server.endpoint().client(RdsClient.builder(), f.credentials());
    }

    @Test
    void awsBackupsSnapshotsAreListedByTypeAndIdentifier() {
        try (RdsClient rds = rds()) {
            List<DBSnapshot> snapshots = rds.describeDBSnapshots(r -> r.snapshotType("awsbackup")).dbSnapshots();

            assertThat(snapshots).singleElement().satisfies(s -> {
                assertThat(s.dbSnapshotIdentifier()).isEqualTo(snapshotId).startsWith("awsbackup:job-");
                assertThat(s.dbSnapshotArn()).isEqualTo(pointArn);
                assertThat(s.dbInstanceIdentifier()).isEqualTo("ledger-db");
                assertThat(s.snapshotType()).isEqualTo("awsbackup");
                assertThat(s.status()).isEqualTo("available");
                assertThat(s.engine()).isEqualTo("postgres");
                assertThat(s.allocatedStorage()).isEqualTo(20);
                assertThat(s.encrypted()).isTrue();
                assertThat(s.tagList().stream().collect(Collectors.toMap(Tag::key, Tag::value)))
                        .containsEntry("Backup", "daily-prod");
            });
            assertThat(rds.describeDBSnapshots(r -> r.dbSnapshotIdentifier(snapshotId)).dbSnapshots()).hasSize(1);
            assertThat(rds.describeDBSnapshots(r -> r.dbInstanceIdentifier("ledger-db").snapshotType("awsbackup"))
                    .dbSnapshots()).hasSize(1);
            assertThat(rds.describeDBSnapshots(r -> r.snapshotType("awsbackup").filters(flt -> flt.name("engine")
                    .values("mysql"))).dbSnapshots()).isEmpty();
            assertThat(rds.describeDBSnapshots(r -> { }).dbSnapshots())
                    .as("without a type RDS lists automated and manual snapshots only").isEmpty();
        }
    }

    @Test
    void unknownSnapshotsAndTypesGetRdsErrors() {
        try (RdsClient rds = rds()) {
            RdsException missing = catchThrowableOfType(RdsException.class,
                    () -> rds.describeDBSnapshots(r -> r.dbSnapshotIdentifier("awsbackup:job-nothing")));
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("DBSnapshotNotFound");
            RdsException type = catchThrowableOfType(RdsException.class,
                    () -> rds.describeDBSnapshots(r -> r.snapshotType("nightly")));
            assertThat(type.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
        }
    }

    @Test
    void aRecoveryPointAwsBackupDeletesTakesItsSnapshotWithIt() {
        BackupJobsIT.Fixture own = BackupJobsIT.fixture(server, "rds-snapshots-deleted");
        try (RdsClient rds = server.endpoint().client(RdsClient.builder(), own.credentials());
             var backup = own.backup()) {
            String arn = rds.createDBInstance(r -> r.dbInstanceIdentifier("archive-db").dbInstanceClass("db.t3.micro")
                    .engine("postgres").allocatedStorage(20).masterUsername("app_admin")
                    .masterUserPassword(RdsIT.PASSWORD)).dbInstance().dbInstanceArn();
            String jobId = backup.startBackupJob(r -> r.backupVaultName(own.vaultName()).resourceArn(arn)
                    .iamRoleArn(own.roleArn())).backupJobId();
            server.endpoint().admin().advance(java.time.Duration.ofHours(1));
            String point = backup.describeBackupJob(r -> r.backupJobId(jobId)).recoveryPointArn();
            String id = point.substring(point.indexOf(":snapshot:") + ":snapshot:".length());
            assertThat(rds.describeDBSnapshots(r -> r.dbSnapshotIdentifier(id)).dbSnapshots()).singleElement()
                    .satisfies(s -> assertThat(s.status()).isEqualTo("available"));

            backup.deleteRecoveryPoint(r -> r.backupVaultName(own.vaultName()).recoveryPointArn(point));
            assertThat(backup.describeRecoveryPoint(r -> r.backupVaultName(own.vaultName()).recoveryPointArn(point))
                    .statusAsString()).isEqualTo("DELETING");
            assertThat(rds.describeDBSnapshots(r -> r.snapshotType("awsbackup")).dbSnapshots())
                    .as("AWS Backup deletes the snapshot as it deletes the point (D120)").isEmpty();
            RdsException deleting = catchThrowableOfType(RdsException.class,
                    () -> rds.describeDBSnapshots(r -> r.dbSnapshotIdentifier(id)));
            assertThat(deleting.statusCode()).isEqualTo(404);
            assertThat(deleting.awsErrorDetails().errorCode()).isEqualTo("DBSnapshotNotFound");
            server.endpoint().admin().advance(java.time.Duration.ofMinutes(5));

            assertThat(rds.describeDBSnapshots(r -> r.snapshotType("awsbackup")).dbSnapshots()).isEmpty();
            RdsException gone = catchThrowableOfType(RdsException.class,
                    () -> rds.describeDBSnapshots(r -> r.dbSnapshotIdentifier(id)));
            assertThat(gone.awsErrorDetails().errorCode()).isEqualTo("DBSnapshotNotFound");
        }
    }

    @Test
    void theAwsCliFindsTheSnapshot() throws Exception {
        Path credentials = Files.createTempFile("rds", ".credentials");
        Files.writeString(credentials, "[strongroom]\naws_access_key_id = " + f.credentials().accessKeyId()
                + "\naws_secret_access_key = " + f.credentials().secretAccessKey() + "\n");
        AwsCli.Result listed = new AwsCli(server.endpoint()).run(Map.of("AWS_SHARED_CREDENTIALS_FILE",
                credentials.toString()), "rds", "describe-db-snapshots", "--snapshot-type", "awsbackup", "--query",
                "DBSnapshots[].[DBSnapshotIdentifier,DBInstanceIdentifier]", "--output", "text");

        assertThat(listed.exitCode()).as(listed.stderr()).isZero();
        assertThat(listed.stdout().strip()).isEqualTo(snapshotId + "\tledger-db");
    }
}
