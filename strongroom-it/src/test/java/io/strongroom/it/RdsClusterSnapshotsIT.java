package io.strongroom.it;

import io.strongroom.testkit.AwsCli;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;
import software.amazon.awssdk.services.rds.model.DescribeDbClusterSnapshotsResponse;
import software.amazon.awssdk.services.rds.model.RdsException;
import software.amazon.awssdk.services.rds.model.Tag;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * An Aurora DB cluster's recovery point is an RDS DB cluster snapshot of type awsbackup (D114):
 * DescribeDBClusterSnapshots shows it when asked for AWS Backup's snapshots or by its identifier, with the cluster's
 * engine, port and tags, creating while the job runs, and gone once AWS Backup deletes the point.
 */
class RdsClusterSnapshotsIT {
    static TestServer server;
    static BackupJobsIT.Fixture f;
    static String pointArn;
    static String snapshotId;

    @BeforeAll
    static void backUpAnAuroraCluster() {
        server = TestServer.start();
        f = BackupJobsIT.fixture(server, "rds-cluster-snapshots");
        try (RdsClient rds = rds(f)) {
            String arn = createCluster(rds, "payments");
            try (BackupClient backup = f.backup()) {
                String jobId = startBackup(backup, f, arn);
                server.endpoint().admin().advance(Duration.ofHours(1));
                var job = backup.describeBackupJob(r -> r.backupJobId(jobId));
                assertThat(job.stateAsString()).as(job.statusMessage()).isEqualTo("COMPLETED");
                pointArn = job.recoveryPointArn();
            }
        }
        snapshotId = pointArn.substring(pointArn.indexOf(":cluster-snapshot:") + ":cluster-snapshot:".length());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static RdsClient rds(BackupJobsIT.Fixture of) {
        return server.endpoint().client(RdsClient.builder(), of.credentials());
    }

    static String createCluster(RdsClient rds, String name) {
        return rds.createDBCluster(r -> r.dbClusterIdentifier(name).engine("aurora-postgresql")
                .masterUsername("app_admin").masterUserPassword(RdsIT.PASSWORD).databaseName("ledger")
                .tags(Tag.builder().key("Backup").value("daily-prod").build())).dbCluster().dbClusterArn();
    }

    static String startBackup(BackupClient backup, BackupJobsIT.Fixture of, String clusterArn) {
        return backup.startBackupJob(r -> r.backupVaultName(of.vaultName()).resourceArn(clusterArn)
                .iamRoleArn(of.roleArn())).backupJobId();
    }

    static RdsException error(Runnable call) {
        return catchThrowableOfType(RdsException.class, call::run);
    }

    @Test
    void awsBackupsClusterSnapshotsAreListedByTypeClusterAndIdentifier() {
        try (RdsClient rds = rds(f)) {
            int port = rds.describeDBClusters(r -> r.dbClusterIdentifier("payments")).dbClusters().get(0).port();
            List<DBClusterSnapshot> snapshots = rds.describeDBClusterSnapshots(r -> r.snapshotType("awsbackup"))
                    .dbClusterSnapshots();

            assertThat(snapshots).singleElement().satisfies(s -> {
                assertThat(s.dbClusterSnapshotIdentifier()).isEqualTo(snapshotId).startsWith("awsbackup:job-");
                assertThat(s.dbClusterSnapshotArn()).isEqualTo(pointArn)
                        .startsWith("arn:aws:rds:eu-west-1:" + f.account()[0] + ":cluster-snapshot:awsbackup:job-");
                assertThat(s.dbClusterIdentifier()).isEqualTo("payments");
                assertThat(s.snapshotType()).isEqualTo("awsbackup");
                assertThat(s.status()).isEqualTo("available");
                assertThat(s.percentProgress()).isEqualTo(100);
                assertThat(s.engine()).isEqualTo("aurora-postgresql");
                assertThat(s.engineVersion()).isNotBlank();
                assertThat(s.port()).isEqualTo(port).isPositive();
                assertThat(s.availabilityZones()).isNotEmpty();
                assertThat(s.storageEncrypted()).isTrue();
                assertThat(s.kmsKeyId()).startsWith("arn:aws:kms:eu-west-1:");
                assertThat(s.snapshotCreateTime()).isNotNull();
                assertThat(s.tagList().stream().collect(Collectors.toMap(Tag::key, Tag::value)))
                        .containsEntry("Backup", "daily-prod");
            });
            assertThat(rds.describeDBClusterSnapshots(r -> r.dbClusterSnapshotIdentifier(snapshotId))
                    .dbClusterSnapshots()).extracting(DBClusterSnapshot::dbClusterSnapshotArn).containsExactly(pointArn);
            assertThat(rds.describeDBClusterSnapshots(r -> r.dbClusterSnapshotIdentifier(pointArn))
                    .dbClusterSnapshots()).hasSize(1);
            assertThat(rds.describeDBClusterSnapshots(r -> r.dbClusterIdentifier("payments")
                    .snapshotType("awsbackup")).dbClusterSnapshots()).hasSize(1);
            assertThat(rds.describeDBClusterSnapshots(r -> r.dbClusterIdentifier("other").snapshotType("awsbackup"))
                    .dbClusterSnapshots()).isEmpty();
            assertThat(rds.describeDBClusterSnapshots(r -> r.snapshotType("awsbackup").filters(flt -> flt
                    .name("engine").values("aurora-mysql"))).dbClusterSnapshots()).isEmpty();
            assertThat(rds.describeDBClusterSnapshots(r -> r.filters(flt -> flt.name("snapshot-type")
                    .values("awsbackup"), flt -> flt.name("db-cluster-id").values("payments")))
                    .dbClusterSnapshots()).as("filters alone select nothing outside automated and manual").isEmpty();
            assertThat(rds.describeDBClusterSnapshots(r -> { }).dbClusterSnapshots())
                    .as("without a type RDS lists automated and manual snapshots only").isEmpty();
            for (String type : List.of("manual", "automated", "shared", "public")) {
                assertThat(rds.describeDBClusterSnapshots(r -> r.snapshotType(type)).dbClusterSnapshots())
                        .as(type).isEmpty();
            }
            assertThat(rds.describeDBSnapshots(r -> r.snapshotType("awsbackup")).dbSnapshots())
                    .as("a cluster's point is not a DB snapshot").isEmpty();
        }
    }

    @Test
    void unknownSnapshotsTypesAndFiltersGetRdsErrors() {
        try (RdsClient rds = rds(f)) {
            RdsException missing = error(() -> rds.describeDBClusterSnapshots(r -> r
                    .dbClusterSnapshotIdentifier("awsbackup:job-nothing")));
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("DBClusterSnapshotNotFoundFault");
            assertThat(missing.awsErrorDetails().errorMessage())
                    .isEqualTo("DBClusterSnapshot awsbackup:job-nothing not found.");
            RdsException type = error(() -> rds.describeDBClusterSnapshots(r -> r.snapshotType("nightly")));
            assertThat(type.statusCode()).isEqualTo(400);
            assertThat(type.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
            RdsException filter = error(() -> rds.describeDBClusterSnapshots(r -> r.filters(flt -> flt
                    .name("dbi-resource-id").values("x"))));
            assertThat(filter.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
            RdsException size = error(() -> rds.describeDBClusterSnapshots(r -> r.maxRecords(10)));
            assertThat(size.awsErrorDetails().errorMessage())
                    .isEqualTo("Invalid value 10 for MaxRecords. Must be between 20 and 100");
        }
    }

    @Test
    void theSnapshotIsCreatingWhileTheJobRunsThenAvailable() {
        BackupJobsIT.Fixture own = BackupJobsIT.fixture(server, "rds-cluster-snapshots-creating");
        try (RdsClient rds = rds(own); BackupClient backup = own.backup()) {
            String jobId = startBackup(backup, own, createCluster(rds, "orders"));
            String point = backup.describeBackupJob(r -> r.backupJobId(jobId)).recoveryPointArn();

            assertThat(rds.describeDBClusterSnapshots(r -> r.snapshotType("awsbackup")).dbClusterSnapshots())
                    .singleElement().satisfies(s -> {
                        assertThat(s.dbClusterSnapshotArn()).isEqualTo(point);
                        assertThat(s.status()).isEqualTo("creating");
                        assertThat(s.percentProgress()).isZero();
                    });
            server.endpoint().admin().advance(Duration.ofHours(1));

            assertThat(rds.describeDBClusterSnapshots(r -> r.snapshotType("awsbackup")).dbClusterSnapshots())
                    .singleElement().satisfies(s -> assertThat(s.status()).isEqualTo("available"));
        }
    }

    @Test
    void snapshotsComeInPagesOfMaxRecords() {
        BackupJobsIT.Fixture own = BackupJobsIT.fixture(server, "rds-cluster-snapshots-pages");
        try (RdsClient rds = rds(own); BackupClient backup = own.backup()) {
            String cluster = createCluster(rds, "ledger");
            List<String> points = new ArrayList<>();
            IntStream.range(0, 21).forEach(i -> {
                String jobId = startBackup(backup, own, cluster);
                points.add(backup.describeBackupJob(r -> r.backupJobId(jobId)).recoveryPointArn());
            });
            server.endpoint().admin().advance(Duration.ofHours(1));

            DescribeDbClusterSnapshotsResponse first = rds.describeDBClusterSnapshots(r -> r.snapshotType("awsbackup")
                    .maxRecords(20));
            assertThat(first.dbClusterSnapshots()).hasSize(20);
            assertThat(first.marker()).isNotBlank();
            DescribeDbClusterSnapshotsResponse second = rds.describeDBClusterSnapshots(r -> r
                    .snapshotType("awsbackup").maxRecords(20).marker(first.marker()));
            assertThat(second.dbClusterSnapshots()).hasSize(1);
            assertThat(second.marker()).isNull();
            List<String> all = new ArrayList<>();
            first.dbClusterSnapshots().forEach(s -> all.add(s.dbClusterSnapshotArn()));
            second.dbClusterSnapshots().forEach(s -> all.add(s.dbClusterSnapshotArn()));
            assertThat(all).containsExactlyInAnyOrderElementsOf(points).doesNotHaveDuplicates();
            assertThat(rds.describeDBClusterSnapshotsPaginator(r -> r.snapshotType("awsbackup").maxRecords(20))
                    .dbClusterSnapshots().stream().count()).isEqualTo(21);
        }
    }

    @Test
    void aRecoveryPointAwsBackupDeletesTakesItsSnapshotWithIt() {
        BackupJobsIT.Fixture own = BackupJobsIT.fixture(server, "rds-cluster-snapshots-deleted");
        try (RdsClient rds = rds(own); BackupClient backup = own.backup()) {
            String jobId = startBackup(backup, own, createCluster(rds, "archive"));
            server.endpoint().admin().advance(Duration.ofHours(1));
            String point = backup.describeBackupJob(r -> r.backupJobId(jobId)).recoveryPointArn();
            String id = point.substring(point.indexOf(":cluster-snapshot:") + ":cluster-snapshot:".length());
            assertThat(rds.describeDBClusterSnapshots(r -> r.dbClusterSnapshotIdentifier(id)).dbClusterSnapshots())
                    .hasSize(1);

            backup.deleteRecoveryPoint(r -> r.backupVaultName(own.vaultName()).recoveryPointArn(point));
            assertThat(rds.describeDBClusterSnapshots(r -> r.snapshotType("awsbackup")).dbClusterSnapshots())
                    .as("AWS Backup deletes the snapshot as it deletes the point").isEmpty();
            server.endpoint().admin().advance(Duration.ofMinutes(5));

            assertThat(rds.describeDBClusterSnapshots(r -> r.snapshotType("awsbackup")).dbClusterSnapshots())
                    .isEmpty();
            RdsException gone = error(() -> rds.describeDBClusterSnapshots(r -> r.dbClusterSnapshotIdentifier(id)));
            assertThat(gone.statusCode()).isEqualTo(404);
            assertThat(gone.awsErrorDetails().errorCode()).isEqualTo("DBClusterSnapshotNotFoundFault");
        }
    }

    @Test
    void theAwsCliFindsTheClusterSnapshot() throws Exception {
        Path credentials = Files.createTempFile("rds", ".credentials");
        Files.writeString(credentials, "[strongroom]\naws_access_key_id = " + f.credentials().accessKeyId()
                + "\naws_secret_access_key = " + f.credentials().secretAccessKey() + "\n");
        AwsCli.Result listed = new AwsCli(server.endpoint()).run(Map.of("AWS_SHARED_CREDENTIALS_FILE",
                credentials.toString()), "rds", "describe-db-cluster-snapshots", "--db-cluster-identifier",
                "payments", "--snapshot-type", "awsbackup", "--query",
                "DBClusterSnapshots[].[DBClusterSnapshotIdentifier,DBClusterIdentifier,Status,SnapshotType]",
                "--output", "text");

        assertThat(listed.exitCode()).as(listed.stderr()).isZero();
        assertThat(listed.stdout().strip()).isEqualTo(snapshotId + "\tpayments\tavailable\tawsbackup");
    }
}
