package io.strongroom.it;

import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.Tag;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RDS's own manual DB snapshots (D128): CreateDBSnapshot keeps the database as it is, RestoreDBInstanceFromDBSnapshot
 * brings exactly that back in a new instance, DeleteDBInstance takes a final snapshot, DeleteDBSnapshot removes one;
 * AWS Backup's snapshots stay AWS Backup's.
 */
class RdsManualSnapshotsIT {
    static TestServer server;
    static BackupJobsIT.Fixture f;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        f = BackupJobsIT.fixture(server, "rds-manual-snapshots");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static RdsClient rds() {
        return server.endpoint().client(RdsClient.builder(), f.credentials());
    }

    static DBInstance instance(RdsClient rds, String id, boolean copyTags) {
        return rds.createDBInstance(r -> r.dbInstanceIdentifier(id).dbInstanceClass("db.t3.micro").engine("postgres")
                .allocatedStorage(20).masterUsername("app_admin").masterUserPassword(RdsIT.PASSWORD).dbName("ledger")
                .copyTagsToSnapshot(copyTags).tags(Tag.builder().key("team").value("payments").build())).dbInstance();
    }

    static void sql(DBInstance i, String... statements) throws SQLException {
        try (Connection c = RdsIT.connect(i.endpoint(), "ledger", RdsIT.PASSWORD); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    static java.util.List<String> orders(DBInstance i) throws SQLException {
        try (Connection c = RdsIT.connect(i.endpoint(), "ledger", RdsIT.PASSWORD)) {
            return RdsIT.rows(c, "SELECT item || ':' || qty FROM orders ORDER BY id");
        }
    }

    static Map<String, String> tags(java.util.List<Tag> tags) {
        return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value));
    }

    @Test
    void aSnapshotKeepsTheDatabaseAsItWasAndRestoresIntoANewInstance() throws SQLException {
        try (RdsClient rds = rds()) {
            DBInstance source = instance(rds, "orders-db", true);
            sql(source, "CREATE TABLE orders (id INT PRIMARY KEY, item TEXT NOT NULL, qty INT)",
                    "INSERT INTO orders VALUES (1, 'tea', 2), (2, 'coffee', 1)");

            DBSnapshot taken = rds.createDBSnapshot(r -> r.dbSnapshotIdentifier("Orders-Before")
                    .dbInstanceIdentifier("orders-db")).dbSnapshot();
            assertThat(taken.dbSnapshotIdentifier()).isEqualTo("orders-before");
            assertThat(taken.dbSnapshotArn()).isEqualTo("arn:aws:rds:eu-west-1:" + f.account()[0]
                    + ":snapshot:orders-before");
            assertThat(taken.snapshotType()).isEqualTo("manual");
            assertThat(taken.status()).isEqualTo("available");
            assertThat(taken.dbInstanceIdentifier()).isEqualTo("orders-db");
            assertThat(taken.engine()).isEqualTo("postgres");
            assertThat(taken.allocatedStorage()).isEqualTo(20);
            assertThat(tags(taken.tagList())).as("CopyTagsToSnapshot").isEqualTo(Map.of("team", "payments"));
            rds.waiter().waitUntilDBSnapshotAvailable(r -> r.dbSnapshotIdentifier("orders-before"));

            sql(source, "INSERT INTO orders VALUES (3, 'cocoa', 5)", "DELETE FROM orders WHERE id = 1",
                    "UPDATE orders SET qty = 9 WHERE id = 2");
            server.endpoint().admin().advance(Duration.ofHours(1));

            assertThat(rds.describeDBSnapshots(r -> { }).dbSnapshots()).extracting(DBSnapshot::dbSnapshotIdentifier)
                    .containsExactly("orders-before");
            assertThat(rds.describeDBSnapshots(r -> r.snapshotType("manual").dbInstanceIdentifier("orders-db"))
                    .dbSnapshots()).hasSize(1);
            assertThat(rds.describeDBSnapshots(r -> r.snapshotType("awsbackup")).dbSnapshots()).isEmpty();

            DBInstance restored = rds.restoreDBInstanceFromDBSnapshot(r -> r.dbInstanceIdentifier("orders-restored")
                    .dbSnapshotIdentifier("orders-before").tags(Tag.builder().key("restored").value("yes").build()))
                    .dbInstance();
            assertThat(restored.dbInstanceStatus()).isEqualTo("creating");
            assertThat(restored.dbInstanceClass()).isEqualTo("db.t3.micro");
            assertThat(tags(restored.tagList())).isEqualTo(Map.of("restored", "yes"));
            assertThat(orders(restored)).containsExactly("tea:2", "coffee:1");
            assertThat(orders(source)).as("the source is untouched").containsExactly("coffee:9", "cocoa:5");

            // Tags of the snapshot itself, by its ARN.
            rds.addTagsToResource(r -> r.resourceName(taken.dbSnapshotArn()).tags(Tag.builder().key("keep")
                    .value("30d").build()));
            assertThat(tags(rds.listTagsForResource(r -> r.resourceName(taken.dbSnapshotArn())).tagList()))
                    .isEqualTo(Map.of("team", "payments", "keep", "30d"));

            DBSnapshot deleted = rds.deleteDBSnapshot(r -> r.dbSnapshotIdentifier("orders-before")).dbSnapshot();
            assertThat(deleted.status()).isEqualTo("deleted");
            RdsIT.expect(404, "DBSnapshotNotFound",
                    () -> rds.describeDBSnapshots(r -> r.dbSnapshotIdentifier("orders-before")));
            RdsIT.expect(404, "DBSnapshotNotFound", () -> rds.restoreDBInstanceFromDBSnapshot(r -> r
                    .dbInstanceIdentifier("orders-late").dbSnapshotIdentifier("orders-before")));
        }
    }

    @Test
    void deletingAnInstanceWithAFinalSnapshotKeepsItsLastRows() throws SQLException {
        try (RdsClient rds = rds()) {
            DBInstance source = instance(rds, "archive-db", false);
            sql(source, "CREATE TABLE orders (id INT PRIMARY KEY, item TEXT NOT NULL, qty INT)",
                    "INSERT INTO orders VALUES (1, 'ledger', 7)");
            RdsIT.expect(400, "InvalidParameterCombination", () -> rds.deleteDBInstance(r -> r
                    .dbInstanceIdentifier("archive-db").skipFinalSnapshot(true)
                    .finalDBSnapshotIdentifier("archive-final")));
            RdsIT.expect(400, "InvalidParameterCombination", () -> rds.deleteDBInstance(r -> r
                    .dbInstanceIdentifier("archive-db")));

            rds.deleteDBInstance(r -> r.dbInstanceIdentifier("archive-db").finalDBSnapshotIdentifier("archive-final"));
            RdsIT.expect(404, "DBInstanceNotFound",
                    () -> rds.describeDBInstances(r -> r.dbInstanceIdentifier("archive-db")));
            DBSnapshot last = rds.describeDBSnapshots(r -> r.dbSnapshotIdentifier("archive-final")).dbSnapshots()
                    .get(0);
            assertThat(last.snapshotType()).isEqualTo("manual");
            assertThat(last.tagList()).as("no CopyTagsToSnapshot").isEmpty();

            DBInstance back = rds.restoreDBInstanceFromDBSnapshot(r -> r.dbInstanceIdentifier("archive-db")
                    .dbSnapshotIdentifier("archive-final")).dbInstance();
            assertThat(orders(back)).containsExactly("ledger:7");
        }
    }

    @Test
    void refusalsWithRdsErrors() {
        try (RdsClient rds = rds(); var backup = f.backup()) {
            DBInstance db = instance(rds, "checks-db", false);
            rds.createDBSnapshot(r -> r.dbSnapshotIdentifier("checks-1").dbInstanceIdentifier("checks-db"));
            assertThat(RdsIT.expect(400, "DBSnapshotAlreadyExists", () -> rds.createDBSnapshot(r -> r
                    .dbSnapshotIdentifier("checks-1").dbInstanceIdentifier("checks-db"))).awsErrorDetails()
                    .errorMessage()).isEqualTo("Cannot create the snapshot because a snapshot with the identifier "
                    + "checks-1 already exists.");
            RdsIT.expect(404, "DBInstanceNotFound", () -> rds.createDBSnapshot(r -> r.dbSnapshotIdentifier("x-1")
                    .dbInstanceIdentifier("no-such-db")));
            RdsIT.expect(400, "InvalidParameterValue", () -> rds.createDBSnapshot(r -> r
                    .dbSnapshotIdentifier("bad--name").dbInstanceIdentifier("checks-db")));
            RdsIT.expect(400, "InvalidParameterValue", () -> rds.createDBSnapshot(r -> r
                    .dbInstanceIdentifier("checks-db")));
            RdsIT.expect(404, "DBSnapshotNotFound", () -> rds.deleteDBSnapshot(r -> r.dbSnapshotIdentifier("nope")));
            RdsIT.expect(400, "DBInstanceAlreadyExists", () -> rds.restoreDBInstanceFromDBSnapshot(r -> r
                    .dbInstanceIdentifier("checks-db").dbSnapshotIdentifier("checks-1")));

            // AWS Backup's snapshot of the instance: listed, but deleted and restored through AWS Backup.
            String jobId = backup.startBackupJob(r -> r.backupVaultName(f.vaultName()).resourceArn(db.dbInstanceArn())
                    .iamRoleArn(f.roleArn())).backupJobId();
            server.endpoint().admin().advance(Duration.ofHours(1));
            String point = backup.describeBackupJob(r -> r.backupJobId(jobId)).recoveryPointArn();
            String id = point.substring(point.indexOf(":snapshot:") + ":snapshot:".length());
            RdsIT.expect(400, "InvalidDBSnapshotState", () -> rds.deleteDBSnapshot(r -> r.dbSnapshotIdentifier(id)));
            RdsIT.expect(400, "InvalidDBSnapshotState", () -> rds.restoreDBInstanceFromDBSnapshot(r -> r
                    .dbInstanceIdentifier("from-backup").dbSnapshotIdentifier(id)));
            assertThat(rds.describeDBSnapshots(r -> r.dbSnapshotIdentifier(id)).dbSnapshots()).hasSize(1);
        }
    }
}
