package io.strongroom.it;

import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.Tag;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import static io.strongroom.it.RdsManualSnapshotsIT.orders;
import static io.strongroom.it.RdsManualSnapshotsIT.sql;
import static io.strongroom.it.RdsManualSnapshotsIT.tags;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RDS's own manual DB cluster snapshots (D130): CreateDBClusterSnapshot keeps an Aurora cluster's database as it is,
 * RestoreDBClusterFromSnapshot brings exactly that back in a new cluster whose instances CreateDBInstance adds,
 * DeleteDBCluster takes a final snapshot, DeleteDBClusterSnapshot removes one; AWS Backup's stay AWS Backup's.
 */
class RdsManualClusterSnapshotsIT {
    static TestServer server;
    static BackupJobsIT.Fixture f;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        f = BackupJobsIT.fixture(server, "rds-manual-cluster-snapshots");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static RdsClient rds() {
        return server.endpoint().client(RdsClient.builder(), f.credentials());
    }

    static DBCluster cluster(RdsClient rds, String id, boolean copyTags) {
        return rds.createDBCluster(r -> r.dbClusterIdentifier(id).engine("aurora-postgresql")
                .masterUsername("app_admin").masterUserPassword(RdsIT.PASSWORD).databaseName("ledger")
                .copyTagsToSnapshot(copyTags).tags(Tag.builder().key("team").value("payments").build()))
                .dbCluster();
    }

    static DBInstance writer(RdsClient rds, String cluster, String id) {
        return rds.createDBInstance(r -> r.dbInstanceIdentifier(id).dbClusterIdentifier(cluster)
                .engine("aurora-postgresql").dbInstanceClass("db.r6g.large")).dbInstance();
    }

    static DBCluster restore(RdsClient rds, String cluster, String snapshot, Tag... tags) {
        return rds.restoreDBClusterFromSnapshot(r -> r.dbClusterIdentifier(cluster).snapshotIdentifier(snapshot)
                .engine("aurora-postgresql").tags(tags)).dbCluster();
    }

    @Test
    void aClusterSnapshotKeepsTheDatabaseAsItWasAndRestoresIntoANewCluster() throws SQLException {
        try (RdsClient rds = rds()) {
            DBCluster cluster = cluster(rds, "orders", true);
            DBInstance source = writer(rds, "orders", "orders-1");
            sql(source, "CREATE TABLE orders (id INT PRIMARY KEY, item TEXT NOT NULL, qty INT)",
                    "INSERT INTO orders VALUES (1, 'tea', 2), (2, 'coffee', 1)");

            DBClusterSnapshot taken = rds.createDBClusterSnapshot(r -> r.dbClusterSnapshotIdentifier("Orders-Before")
                    .dbClusterIdentifier("orders")).dbClusterSnapshot();
            assertThat(taken.dbClusterSnapshotIdentifier()).isEqualTo("orders-before");
            assertThat(taken.dbClusterSnapshotArn()).isEqualTo("arn:aws:rds:eu-west-1:" + f.account()[0]
                    + ":cluster-snapshot:orders-before");
            assertThat(taken.snapshotType()).isEqualTo("manual");
            assertThat(taken.status()).isEqualTo("available");
            assertThat(taken.percentProgress()).isEqualTo(100);
            assertThat(taken.dbClusterIdentifier()).isEqualTo("orders");
            assertThat(taken.engine()).isEqualTo("aurora-postgresql");
            assertThat(taken.engineVersion()).isEqualTo(cluster.engineVersion());
            assertThat(taken.port()).isEqualTo(cluster.port());
            assertThat(taken.availabilityZones()).isEqualTo(cluster.availabilityZones());
            assertThat(taken.clusterCreateTime()).isEqualTo(cluster.clusterCreateTime());
            assertThat(tags(taken.tagList())).as("CopyTagsToSnapshot").isEqualTo(Map.of("team", "payments"));
            rds.waiter().waitUntilDBClusterSnapshotAvailable(r -> r.dbClusterSnapshotIdentifier("orders-before"));

            sql(source, "INSERT INTO orders VALUES (3, 'cocoa', 5)", "DELETE FROM orders WHERE id = 1",
                    "UPDATE orders SET qty = 9 WHERE id = 2");
            server.endpoint().admin().advance(Duration.ofHours(1));

            assertThat(rds.describeDBClusterSnapshots(r -> { }).dbClusterSnapshots())
                    .extracting(DBClusterSnapshot::dbClusterSnapshotIdentifier).containsExactly("orders-before");
            assertThat(rds.describeDBClusterSnapshots(r -> r.snapshotType("manual").dbClusterIdentifier("orders"))
                    .dbClusterSnapshots()).hasSize(1);
            assertThat(rds.describeDBClusterSnapshots(r -> r.filters(flt -> flt.name("snapshot-type")
                    .values("manual"))).dbClusterSnapshots()).hasSize(1);
            assertThat(rds.describeDBClusterSnapshots(r -> r.snapshotType("awsbackup")).dbClusterSnapshots())
                    .isEmpty();
            assertThat(rds.describeDBSnapshots(r -> { }).dbSnapshots()).as("a cluster snapshot is not a DB snapshot")
                    .isEmpty();

            DBCluster restored = restore(rds, "orders-restored", "orders-before",
                    Tag.builder().key("restored").value("yes").build());
            assertThat(restored.status()).isEqualTo("creating");
            assertThat(restored.dbClusterMembers()).as("instances are added afterwards, as on AWS").isEmpty();
            assertThat(restored.engine()).isEqualTo("aurora-postgresql");
            assertThat(restored.databaseName()).isEqualTo("ledger");
            assertThat(restored.port()).isPositive().isNotEqualTo(cluster.port());
            assertThat(tags(restored.tagList())).isEqualTo(Map.of("restored", "yes"));
            assertThat(rds.describeDBClusters(r -> r.dbClusterIdentifier("orders-restored")).dbClusters().get(0)
                    .dbClusterMembers()).isEmpty();
            DBInstance back = writer(rds, "orders-restored", "orders-restored-1");
            assertThat(orders(back)).containsExactly("tea:2", "coffee:1");
            assertThat(orders(source)).as("the source is untouched").containsExactly("coffee:9", "cocoa:5");

            // Tags of the cluster snapshot itself, by its ARN.
            rds.addTagsToResource(r -> r.resourceName(taken.dbClusterSnapshotArn()).tags(Tag.builder().key("keep")
                    .value("30d").build()));
            assertThat(tags(rds.listTagsForResource(r -> r.resourceName(taken.dbClusterSnapshotArn())).tagList()))
                    .isEqualTo(Map.of("team", "payments", "keep", "30d"));
            rds.removeTagsFromResource(r -> r.resourceName(taken.dbClusterSnapshotArn()).tagKeys("team"));
            assertThat(tags(rds.describeDBClusterSnapshots(r -> r.dbClusterSnapshotIdentifier("orders-before"))
                    .dbClusterSnapshots().get(0).tagList())).isEqualTo(Map.of("keep", "30d"));
            RdsIT.expect(404, "DBClusterSnapshotNotFoundFault", () -> rds.listTagsForResource(r -> r.resourceName(
                    "arn:aws:rds:eu-west-1:" + f.account()[0] + ":cluster-snapshot:no-such-snapshot")));

            DBClusterSnapshot deleted = rds.deleteDBClusterSnapshot(r -> r.dbClusterSnapshotIdentifier(
                    "orders-before")).dbClusterSnapshot();
            assertThat(deleted.status()).isEqualTo("deleted");
            assertThat(deleted.dbClusterSnapshotArn()).isEqualTo(taken.dbClusterSnapshotArn());
            RdsIT.expect(404, "DBClusterSnapshotNotFoundFault",
                    () -> rds.describeDBClusterSnapshots(r -> r.dbClusterSnapshotIdentifier("orders-before")));
            RdsIT.expect(404, "DBClusterSnapshotNotFoundFault", () -> restore(rds, "orders-late", "orders-before"));
            assertThat(rds.describeDBClusterSnapshots(r -> { }).dbClusterSnapshots()).isEmpty();
        }
    }

    @Test
    void deletingAClusterWithAFinalSnapshotKeepsItsLastRows() throws SQLException {
        try (RdsClient rds = rds()) {
            cluster(rds, "archive", false);
            DBInstance member = writer(rds, "archive", "archive-1");
            sql(member, "CREATE TABLE orders (id INT PRIMARY KEY, item TEXT NOT NULL, qty INT)",
                    "INSERT INTO orders VALUES (1, 'ledger', 7)");
            RdsIT.expect(400, "InvalidDBClusterStateFault", () -> rds.deleteDBCluster(r -> r
                    .dbClusterIdentifier("archive").finalDBSnapshotIdentifier("archive-final")));
            rds.deleteDBInstance(r -> r.dbInstanceIdentifier("archive-1"));
            RdsIT.expect(400, "InvalidParameterCombination", () -> rds.deleteDBCluster(r -> r.dbClusterIdentifier(
                    "archive").skipFinalSnapshot(true).finalDBSnapshotIdentifier("archive-final")));
            RdsIT.expect(400, "InvalidParameterCombination", () -> rds.deleteDBCluster(r -> r
                    .dbClusterIdentifier("archive")));
            RdsIT.expect(400, "InvalidParameterValue", () -> rds.deleteDBCluster(r -> r
                    .dbClusterIdentifier("archive").finalDBSnapshotIdentifier("archive--final")));
            assertThat(rds.describeDBClusterSnapshots(r -> { }).dbClusterSnapshots()
                    .stream().map(DBClusterSnapshot::dbClusterIdentifier)).doesNotContain("archive");

            DBCluster gone = rds.deleteDBCluster(r -> r.dbClusterIdentifier("archive")
                    .finalDBSnapshotIdentifier("archive-final")).dbCluster();
            assertThat(gone.status()).isEqualTo("deleting");
            RdsIT.expect(404, "DBClusterNotFoundFault",
                    () -> rds.describeDBClusters(r -> r.dbClusterIdentifier("archive")));
            DBClusterSnapshot last = rds.describeDBClusterSnapshots(r -> r.dbClusterSnapshotIdentifier(
                    "archive-final")).dbClusterSnapshots().get(0);
            assertThat(last.snapshotType()).isEqualTo("manual");
            assertThat(last.dbClusterIdentifier()).isEqualTo("archive");
            assertThat(last.tagList()).as("no CopyTagsToSnapshot").isEmpty();

            restore(rds, "archive", "archive-final");
            assertThat(orders(writer(rds, "archive", "archive-1"))).containsExactly("ledger:7");
        }
    }

    @Test
    void refusalsWithRdsErrors() {
        try (RdsClient rds = rds(); var backup = f.backup()) {
            DBCluster db = cluster(rds, "checks", false);
            rds.createDBClusterSnapshot(r -> r.dbClusterSnapshotIdentifier("checks-1").dbClusterIdentifier("checks"));
            assertThat(RdsIT.expect(400, "DBClusterSnapshotAlreadyExistsFault", () -> rds.createDBClusterSnapshot(
                    r -> r.dbClusterSnapshotIdentifier("checks-1").dbClusterIdentifier("checks"))).awsErrorDetails()
                    .errorMessage()).isEqualTo("Cannot create the cluster snapshot because one with the identifier "
                    + "checks-1 already exists.");
            RdsIT.expect(400, "DBClusterSnapshotAlreadyExistsFault", () -> rds.deleteDBCluster(r -> r
                    .dbClusterIdentifier("checks").finalDBSnapshotIdentifier("checks-1")));
            assertThat(rds.describeDBClusters(r -> r.dbClusterIdentifier("checks")).dbClusters())
                    .as("a refused final snapshot leaves the cluster").hasSize(1);
            RdsIT.expect(404, "DBClusterNotFoundFault", () -> rds.createDBClusterSnapshot(r -> r
                    .dbClusterSnapshotIdentifier("x-1").dbClusterIdentifier("no-such-cluster")));
            RdsIT.expect(400, "InvalidParameterValue", () -> rds.createDBClusterSnapshot(r -> r
                    .dbClusterSnapshotIdentifier("bad--name").dbClusterIdentifier("checks")));
            RdsIT.expect(400, "InvalidParameterValue", () -> rds.createDBClusterSnapshot(r -> r
                    .dbClusterSnapshotIdentifier("1st").dbClusterIdentifier("checks")));
            RdsIT.expect(404, "DBClusterSnapshotNotFoundFault", () -> rds.deleteDBClusterSnapshot(r -> r
                    .dbClusterSnapshotIdentifier("nope")));
            RdsIT.expect(400, "DBClusterAlreadyExistsFault", () -> restore(rds, "checks", "checks-1"));
            RdsIT.expect(400, "InvalidParameterCombination", () -> rds.restoreDBClusterFromSnapshot(r -> r
                    .dbClusterIdentifier("checks-mysql").snapshotIdentifier("checks-1").engine("aurora-mysql")));
            RdsIT.expect(404, "DBClusterNotFoundFault",
                    () -> rds.describeDBClusters(r -> r.dbClusterIdentifier("checks-mysql")));
            RdsIT.expect(400, "InvalidDBInstanceState", () -> {
                writer(rds, "checks", "checks-w");
                rds.createDBSnapshot(r -> r.dbSnapshotIdentifier("member-1").dbInstanceIdentifier("checks-w"));
            });

            // AWS Backup's snapshot of the cluster: listed, but deleted and restored through AWS Backup.
            String jobId = backup.startBackupJob(r -> r.backupVaultName(f.vaultName()).resourceArn(db.dbClusterArn())
                    .iamRoleArn(f.roleArn())).backupJobId();
            server.endpoint().admin().advance(Duration.ofHours(1));
            String point = backup.describeBackupJob(r -> r.backupJobId(jobId)).recoveryPointArn();
            String id = point.substring(point.indexOf(":cluster-snapshot:") + ":cluster-snapshot:".length());
            assertThat(id).startsWith("awsbackup:job-");
            assertThat(RdsIT.expect(400, "InvalidDBClusterSnapshotStateFault", () -> rds.deleteDBClusterSnapshot(
                    r -> r.dbClusterSnapshotIdentifier(id))).awsErrorDetails().errorMessage())
                    .isEqualTo("DB cluster snapshot " + id + " is kept by AWS Backup as a recovery point: delete it "
                            + "with AWS Backup's DeleteRecoveryPoint.");
            RdsIT.expect(400, "InvalidDBClusterSnapshotStateFault", () -> restore(rds, "from-backup", id));
            RdsIT.expect(400, "InvalidDBClusterSnapshotStateFault", () -> restore(rds, "from-backup", point));
            RdsIT.expect(404, "DBClusterSnapshotNotFoundFault", () -> rds.listTagsForResource(r -> r
                    .resourceName(point)));
            assertThat(rds.describeDBClusterSnapshots(r -> r.dbClusterSnapshotIdentifier(id)).dbClusterSnapshots())
                    .hasSize(1);
            assertThat(rds.describeDBClusterSnapshots(r -> r.dbClusterIdentifier("checks")).dbClusterSnapshots())
                    .extracting(DBClusterSnapshot::dbClusterSnapshotIdentifier).containsExactly("checks-1");
            assertThat(rds.describeDBClusterSnapshots(r -> r.dbClusterIdentifier("checks").snapshotType("awsbackup"))
                    .dbClusterSnapshots()).extracting(DBClusterSnapshot::dbClusterSnapshotIdentifier)
                    .containsExactly(id);
        }
    }
}
