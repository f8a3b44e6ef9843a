package io.strongroom.it;

import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.Tag;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import static io.strongroom.it.RdsManualClusterSnapshotsIT.writer;
import static io.strongroom.it.RdsManualSnapshotsIT.orders;
import static io.strongroom.it.RdsManualSnapshotsIT.sql;
import static io.strongroom.it.RdsManualSnapshotsIT.tags;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CopyDBSnapshot and CopyDBClusterSnapshot within a Region (D137): the copy is a new manual snapshot of the caller's
 * holding the same database, so it restores to the same rows after the source is gone; other Regions, other
 * accounts' snapshots and AWS Backup's are refused.
 */
class RdsCopySnapshotsIT {
    static TestServer server;
    static BackupJobsIT.Fixture f;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        f = BackupJobsIT.fixture(server, "rds-copy-snapshots");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static RdsClient rds() {
        return server.endpoint().client(RdsClient.builder(), f.credentials());
    }

    private static String arn(String type, String id) {
        return "arn:aws:rds:eu-west-1:" + f.account()[0] + ":" + type + ":" + id;
    }

    @Test
    void aCopyOfADbSnapshotRestoresToTheSameRowsAfterTheSourceIsGone() throws SQLException {
        try (RdsClient rds = rds()) {
            DBInstance source = RdsManualSnapshotsIT.instance(rds, "ledger-db", false);
            sql(source, "CREATE TABLE orders (id INT PRIMARY KEY, item TEXT NOT NULL, qty INT)",
                    "INSERT INTO orders VALUES (1, 'tea', 2), (2, 'coffee', 1)");
            DBSnapshot original = rds.createDBSnapshot(r -> r.dbSnapshotIdentifier("ledger-1")
                    .dbInstanceIdentifier("ledger-db").tags(Tag.builder().key("team").value("payments").build()))
                    .dbSnapshot();
            sql(source, "INSERT INTO orders VALUES (3, 'cocoa', 5)");
            server.endpoint().admin().advance(Duration.ofHours(2));

            DBSnapshot copy = rds.copyDBSnapshot(r -> r.sourceDBSnapshotIdentifier("ledger-1")
                    .targetDBSnapshotIdentifier("Ledger-Copy").copyTags(true)).dbSnapshot();
            assertThat(copy.dbSnapshotIdentifier()).isEqualTo("ledger-copy");
            assertThat(copy.dbSnapshotArn()).isEqualTo(arn("snapshot", "ledger-copy"));
            assertThat(copy.snapshotType()).isEqualTo("manual");
            assertThat(copy.status()).isEqualTo("available");
            assertThat(copy.dbInstanceIdentifier()).isEqualTo("ledger-db");
            assertThat(copy.sourceDBSnapshotIdentifier()).isEqualTo(original.dbSnapshotArn());
            assertThat(copy.sourceRegion()).isEqualTo("eu-west-1");
            assertThat(copy.originalSnapshotCreateTime()).isEqualTo(original.snapshotCreateTime());
            assertThat(copy.snapshotCreateTime()).isEqualTo(original.snapshotCreateTime().plus(Duration.ofHours(2)));
            assertThat(copy.encrypted()).isFalse();
            assertThat(tags(copy.tagList())).as("CopyTags").isEqualTo(Map.of("team", "payments"));

            // By ARN, with tags of its own and a KMS key: the copy of an unencrypted snapshot is encrypted.
            DBSnapshot encrypted = rds.copyDBSnapshot(r -> r.sourceDBSnapshotIdentifier(original.dbSnapshotArn())
                    .targetDBSnapshotIdentifier("ledger-encrypted").kmsKeyId("alias/ledger").copyTags(true)
                    .tags(Tag.builder().key("copy").value("yes").build())).dbSnapshot();
            assertThat(encrypted.encrypted()).isTrue();
            assertThat(encrypted.kmsKeyId()).isEqualTo("arn:aws:kms:eu-west-1:" + f.account()[0] + ":alias/ledger");
            assertThat(tags(encrypted.tagList())).as("Tags given win over CopyTags").isEqualTo(Map.of("copy", "yes"));
            DBSnapshot untagged = rds.copyDBSnapshot(r -> r.sourceDBSnapshotIdentifier("ledger-1")
                    .targetDBSnapshotIdentifier("ledger-untagged")).dbSnapshot();
            assertThat(untagged.tagList()).as("no CopyTags").isEmpty();
            // A copy of a copy still knows when its data was taken.
            DBSnapshot second = rds.copyDBSnapshot(r -> r.sourceDBSnapshotIdentifier("ledger-copy")
                    .targetDBSnapshotIdentifier("ledger-copy-2")).dbSnapshot();
            assertThat(second.sourceDBSnapshotIdentifier()).isEqualTo(copy.dbSnapshotArn());
            assertThat(second.originalSnapshotCreateTime()).isEqualTo(original.snapshotCreateTime());

            rds.deleteDBSnapshot(r -> r.dbSnapshotIdentifier("ledger-1"));
            rds.deleteDBInstance(r -> r.dbInstanceIdentifier("ledger-db").skipFinalSnapshot(true));
            assertThat(rds.describeDBSnapshots(r -> r.dbInstanceIdentifier("ledger-db")).dbSnapshots())
                    .extracting(DBSnapshot::dbSnapshotIdentifier)
                    .containsExactly("ledger-copy", "ledger-copy-2", "ledger-encrypted", "ledger-untagged");

            DBInstance back = rds.restoreDBInstanceFromDBSnapshot(r -> r.dbInstanceIdentifier("ledger-back")
                    .dbSnapshotIdentifier("ledger-copy-2")).dbInstance();
            assertThat(orders(back)).containsExactly("tea:2", "coffee:1");
            DBInstance sealed = rds.restoreDBInstanceFromDBSnapshot(r -> r.dbInstanceIdentifier("ledger-sealed")
                    .dbSnapshotIdentifier("ledger-encrypted")).dbInstance();
            assertThat(sealed.storageEncrypted()).isTrue();
            assertThat(sealed.kmsKeyId()).isEqualTo(encrypted.kmsKeyId());
            assertThat(orders(sealed)).containsExactly("tea:2", "coffee:1");
        }
    }

    @Test
    void aCopyOfAClusterSnapshotRestoresToTheSameRows() throws SQLException {
        try (RdsClient rds = rds()) {
            DBCluster cluster = rds.createDBCluster(r -> r.dbClusterIdentifier("books").engine("aurora-postgresql")
                    .masterUsername("app_admin").masterUserPassword(RdsIT.PASSWORD).databaseName("ledger")
                    .storageEncrypted(true).tags(Tag.builder().key("team").value("books").build())).dbCluster();
            DBInstance source = writer(rds, "books", "books-1");
            sql(source, "CREATE TABLE orders (id INT PRIMARY KEY, item TEXT NOT NULL, qty INT)",
                    "INSERT INTO orders VALUES (1, 'atlas', 1)");
            DBClusterSnapshot original = rds.createDBClusterSnapshot(r -> r.dbClusterSnapshotIdentifier("books-1")
                    .dbClusterIdentifier("books").tags(Tag.builder().key("team").value("books").build()))
                    .dbClusterSnapshot();
            sql(source, "DELETE FROM orders");

            DBClusterSnapshot copy = rds.copyDBClusterSnapshot(r -> r.sourceDBClusterSnapshotIdentifier("Books-1")
                    .targetDBClusterSnapshotIdentifier("books-copy").copyTags(true)).dbClusterSnapshot();
            assertThat(copy.dbClusterSnapshotArn()).isEqualTo(arn("cluster-snapshot", "books-copy"));
            assertThat(copy.snapshotType()).isEqualTo("manual");
            assertThat(copy.status()).isEqualTo("available");
            assertThat(copy.dbClusterIdentifier()).isEqualTo("books");
            assertThat(copy.sourceDBClusterSnapshotArn()).isEqualTo(original.dbClusterSnapshotArn());
            assertThat(copy.storageEncrypted()).isTrue();
            assertThat(copy.kmsKeyId()).as("the source's key").isEqualTo(cluster.kmsKeyId());
            assertThat(tags(copy.tagList())).isEqualTo(Map.of("team", "books"));
            DBClusterSnapshot rekeyed = rds.copyDBClusterSnapshot(r -> r
                    .sourceDBClusterSnapshotIdentifier(original.dbClusterSnapshotArn())
                    .targetDBClusterSnapshotIdentifier("books-rekeyed").kmsKeyId("alias/books")).dbClusterSnapshot();
            assertThat(rekeyed.kmsKeyId()).isEqualTo("arn:aws:kms:eu-west-1:" + f.account()[0] + ":alias/books");
            assertThat(rekeyed.tagList()).isEmpty();

            rds.deleteDBClusterSnapshot(r -> r.dbClusterSnapshotIdentifier("books-1"));
            DBCluster back = RdsManualClusterSnapshotsIT.restore(rds, "books-back", "books-rekeyed");
            assertThat(back.kmsKeyId()).isEqualTo(rekeyed.kmsKeyId());
            assertThat(orders(writer(rds, "books-back", "books-back-1"))).containsExactly("atlas:1");
        }
    }

    @Test
    void refusalsWithRdsErrors() {
        try (RdsClient rds = rds(); var backup = f.backup()) {
            DBInstance db = RdsManualSnapshotsIT.instance(rds, "checks-db", false);
            rds.createDBSnapshot(r -> r.dbSnapshotIdentifier("checks-1").dbInstanceIdentifier("checks-db"));
            assertThat(RdsIT.expect(400, "DBSnapshotAlreadyExists", () -> rds.copyDBSnapshot(r -> r
                    .sourceDBSnapshotIdentifier("checks-1").targetDBSnapshotIdentifier("checks-1")))
                    .awsErrorDetails().errorMessage()).isEqualTo("Cannot create the snapshot because a snapshot "
                    + "with the identifier checks-1 already exists.");
            assertThat(RdsIT.expect(404, "DBSnapshotNotFound", () -> rds.copyDBSnapshot(r -> r
                    .sourceDBSnapshotIdentifier("nope").targetDBSnapshotIdentifier("nope-copy")))
                    .awsErrorDetails().errorMessage()).isEqualTo("DBSnapshot nope not found.");
            RdsIT.expect(400, "InvalidParameterValue", () -> rds.copyDBSnapshot(r -> r
                    .sourceDBSnapshotIdentifier("checks-1").targetDBSnapshotIdentifier("bad--copy")));
            RdsIT.expect(400, "InvalidParameterValue", () -> rds.copyDBSnapshot(r -> r
                    .sourceDBSnapshotIdentifier("checks-1").targetDBSnapshotIdentifier("")));
            RdsIT.expect(400, "InvalidParameterValue", () -> rds.copyDBSnapshot(r -> r
                    .sourceDBSnapshotIdentifier("").targetDBSnapshotIdentifier("checks-2")));
            assertThat(RdsIT.expect(400, "InvalidParameterCombination", () -> rds.copyDBSnapshot(r -> r
                    .sourceDBSnapshotIdentifier("arn:aws:rds:us-east-1:" + f.account()[0] + ":snapshot:checks-1")
                    .targetDBSnapshotIdentifier("checks-2"))).awsErrorDetails().errorMessage())
                    .isEqualTo("Copying a snapshot from another Region (us-east-1) is not served by Strongroom: "
                            + "copy it within eu-west-1.");
            // Another account's snapshot: nothing is shared with this one, so the caller may not read it.
            assertThat(RdsIT.expect(403, "AccessDenied", () -> rds.copyDBSnapshot(r -> r
                    .sourceDBSnapshotIdentifier("arn:aws:rds:eu-west-1:111122223333:snapshot:checks-1")
                    .targetDBSnapshotIdentifier("checks-2"))).getMessage()).contains("rds:CopyDBSnapshot");
            assertThat(rds.describeDBSnapshots(r -> r.dbInstanceIdentifier("checks-db")).dbSnapshots())
                    .as("refused copies leave nothing").extracting(DBSnapshot::dbSnapshotIdentifier)
                    .containsExactly("checks-1");

            rds.createDBCluster(r -> r.dbClusterIdentifier("plain").engine("aurora-postgresql")
                    .masterUsername("app_admin").masterUserPassword(RdsIT.PASSWORD));
            rds.createDBClusterSnapshot(r -> r.dbClusterSnapshotIdentifier("plain-1").dbClusterIdentifier("plain"));
            RdsIT.expect(400, "InvalidParameterCombination", () -> rds.copyDBClusterSnapshot(r -> r
                    .sourceDBClusterSnapshotIdentifier("plain-1").targetDBClusterSnapshotIdentifier("plain-2")
                    .kmsKeyId("alias/books")));
            RdsIT.expect(400, "DBClusterSnapshotAlreadyExistsFault", () -> rds.copyDBClusterSnapshot(r -> r
                    .sourceDBClusterSnapshotIdentifier("plain-1").targetDBClusterSnapshotIdentifier("plain-1")));
            RdsIT.expect(404, "DBClusterSnapshotNotFoundFault", () -> rds.copyDBClusterSnapshot(r -> r
                    .sourceDBClusterSnapshotIdentifier("nope").targetDBClusterSnapshotIdentifier("plain-2")));
            RdsIT.expect(400, "InvalidParameterCombination", () -> rds.copyDBClusterSnapshot(r -> r
                    .sourceDBClusterSnapshotIdentifier("plain-1").targetDBClusterSnapshotIdentifier("plain-2")
                    .sourceRegion("us-west-2")));

            // AWS Backup's snapshot of the instance is copied with AWS Backup.
            String jobId = backup.startBackupJob(r -> r.backupVaultName(f.vaultName()).resourceArn(db.dbInstanceArn())
                    .iamRoleArn(f.roleArn())).backupJobId();
            server.endpoint().admin().advance(Duration.ofHours(1));
            String point = backup.describeBackupJob(r -> r.backupJobId(jobId)).recoveryPointArn();
            String id = point.substring(point.indexOf(":snapshot:") + ":snapshot:".length());
            assertThat(RdsIT.expect(400, "InvalidDBSnapshotState", () -> rds.copyDBSnapshot(r -> r
                    .sourceDBSnapshotIdentifier(id).targetDBSnapshotIdentifier("from-backup"))).awsErrorDetails()
                    .errorMessage()).isEqualTo("DB snapshot " + id + " is kept by AWS Backup as a recovery point: "
                    + "copy it with AWS Backup's StartCopyJob.");
        }
    }
}
