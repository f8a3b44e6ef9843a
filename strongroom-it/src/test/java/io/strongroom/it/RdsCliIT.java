package io.strongroom.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.strongroom.testkit.AwsCli;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The representative RDS path: the AWS CLI creates a tagged DB instance, psql runs SQL on its Endpoint; deleted with
 * a final snapshot, it is restored into a new instance with the same rows.
 */
class RdsCliIT {
    static TestServer server;
    static AwsCli cli;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        cli = new AwsCli(server.endpoint());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Psql(int exitCode, String stdout, String stderr) {
    }

    static Psql psql(int port, String password, String... commands) throws IOException, InterruptedException {
        List<String> args = new java.util.ArrayList<>(List.of("psql", "-h", "127.0.0.1", "-p",
                Integer.toString(port), "-U", "app_admin", "-d", "inventory", "-X", "-A", "-t",
                "-v", "ON_ERROR_STOP=1"));
        for (String c : commands) {
            args.add("-c");
            args.add(c);
        }
        ProcessBuilder pb = new ProcessBuilder(args);
        pb.environment().put("PGPASSWORD", password);
        pb.environment().put("PGCONNECT_TIMEOUT", "10");
        Process p = pb.start();
        p.getOutputStream().close();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Psql(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void createAnInstanceAndRunSqlWithPsql() throws Exception {
        JsonNode created = cli.json("rds", "create-db-instance", "--db-instance-identifier", "inventory-db",
                "--db-instance-class", "db.t3.micro", "--engine", "postgres", "--allocated-storage", "20",
                "--master-username", "app_admin", "--master-user-password", "Psql-secret-1", "--db-name",
                "inventory", "--tags", "Key=Backup,Value=daily-prod");
        assertThat(created.at("/DBInstance/DBInstanceStatus").asText()).isEqualTo("creating");
        assertThat(created.at("/DBInstance/Endpoint/Address").asText()).isEqualTo("127.0.0.1");
        int port = created.at("/DBInstance/Endpoint/Port").asInt();
        assertThat(port).isPositive();

        JsonNode described = cli.json("rds", "describe-db-instances", "--db-instance-identifier", "inventory-db");
        assertThat(described.at("/DBInstances/0/DBInstanceStatus").asText()).isEqualTo("available");
        assertThat(described.at("/DBInstances/0/TagList/0/Key").asText()).isEqualTo("Backup");

        Psql written = psql(port, "Psql-secret-1",
                "CREATE TABLE items (sku VARCHAR(20) PRIMARY KEY, qty INT NOT NULL)",
                "INSERT INTO items VALUES ('bolt', 40), ('nut', 75)",
                "BEGIN; UPDATE items SET qty = qty - 5 WHERE sku = 'bolt'; COMMIT;");
        assertThat(written.exitCode()).as(written.stderr()).isZero();
        Psql read = psql(port, "Psql-secret-1", "SELECT sku || '=' || qty FROM items ORDER BY sku");
        assertThat(read.exitCode()).as(read.stderr()).isZero();
        assertThat(read.stdout().strip().lines().toList()).containsExactly("bolt=35", "nut=75");

        Psql refused = psql(port, "wrong-password", "SELECT 1");
        assertThat(refused.exitCode()).isNotZero();

        AwsCli.Result missing = cli.run("rds", "describe-db-instances", "--db-instance-identifier", "no-such-db");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("DBInstanceNotFound");

        // Deleted with a final snapshot (D128), which restores into a new instance holding the same rows.
        JsonNode deleted = cli.json("rds", "delete-db-instance", "--db-instance-identifier", "inventory-db",
                "--final-db-snapshot-identifier", "inventory-final");
        assertThat(deleted.at("/DBInstance/DBInstanceStatus").asText()).isEqualTo("deleting");
        assertThat(psql(port, "Psql-secret-1", "SELECT 1").exitCode()).isNotZero();
        JsonNode finalSnapshot = cli.json("rds", "describe-db-snapshots", "--db-snapshot-identifier",
                "inventory-final");
        assertThat(finalSnapshot.at("/DBSnapshots/0/SnapshotType").asText()).isEqualTo("manual");
        assertThat(finalSnapshot.at("/DBSnapshots/0/DBInstanceIdentifier").asText()).isEqualTo("inventory-db");
        JsonNode restored = cli.json("rds", "restore-db-instance-from-db-snapshot", "--db-instance-identifier",
                "inventory-again", "--db-snapshot-identifier", "inventory-final");
        int restoredPort = restored.at("/DBInstance/Endpoint/Port").asInt();
        Psql again = psql(restoredPort, "Psql-secret-1", "SELECT sku || '=' || qty FROM items ORDER BY sku");
        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(again.stdout().strip().lines().toList()).containsExactly("bolt=35", "nut=75");
    }

    /** D144 through the CLI: shared with another account by its id, the snapshot is restored there with its rows. */
    @Test
    void aSnapshotSharedWithAnotherAccountIsRestoredThereWithItsRows() throws Exception {
        int port = cli.json("rds", "create-db-instance", "--db-instance-identifier", "ledger-db",
                "--db-instance-class", "db.t3.micro", "--engine", "postgres", "--allocated-storage", "20",
                "--master-username", "app_admin", "--master-user-password", "Psql-secret-1", "--db-name",
                "inventory").at("/DBInstance/Endpoint/Port").asInt();
        Psql written = psql(port, "Psql-secret-1", "CREATE TABLE items (sku VARCHAR(20) PRIMARY KEY, qty INT)",
                "INSERT INTO items VALUES ('washer', 12)");
        assertThat(written.exitCode()).as(written.stderr()).isZero();
        String arn = cli.json("rds", "create-db-snapshot", "--db-snapshot-identifier", "ledger-shared",
                "--db-instance-identifier", "ledger-db").at("/DBSnapshot/DBSnapshotArn").asText();
        String[] other = server.endpoint().admin().createAccount("rds-cli-grantee");
        AwsCli grantee = cli.withKeys(other[1], other[2]);

        AwsCli.Result refused = grantee.run("rds", "restore-db-instance-from-db-snapshot",
                "--db-instance-identifier", "ledger-copy", "--db-snapshot-identifier", arn);
        assertThat(refused.exitCode()).as("not shared yet").isNotZero();
        assertThat(refused.stderr()).contains("AccessDenied");

        JsonNode shared = cli.json("rds", "modify-db-snapshot-attribute", "--db-snapshot-identifier",
                "ledger-shared", "--attribute-name", "restore", "--values-to-add", other[0]);
        assertThat(shared.at("/DBSnapshotAttributesResult/DBSnapshotAttributes/0/AttributeName").asText())
                .isEqualTo("restore");
        assertThat(shared.at("/DBSnapshotAttributesResult/DBSnapshotAttributes/0/AttributeValues/0").asText())
                .isEqualTo(other[0]);
        JsonNode seen = grantee.json("rds", "describe-db-snapshots", "--include-shared", "--snapshot-type",
                "shared");
        assertThat(seen.at("/DBSnapshots").size()).isEqualTo(1);
        assertThat(seen.at("/DBSnapshots/0/DBSnapshotArn").asText()).isEqualTo(arn);

        int copyPort = grantee.json("rds", "restore-db-instance-from-db-snapshot", "--db-instance-identifier",
                "ledger-copy", "--db-snapshot-identifier", arn).at("/DBInstance/Endpoint/Port").asInt();
        Psql read = psql(copyPort, "Psql-secret-1", "SELECT sku || '=' || qty FROM items");
        assertThat(read.exitCode()).as(read.stderr()).isZero();
        assertThat(read.stdout().strip()).isEqualTo("washer=12");
    }

    @Test
    void aClusterSnapshotTakenAndRestoredThroughTheCli() throws Exception {
        JsonNode cluster = cli.json("rds", "create-db-cluster", "--db-cluster-identifier", "stock",
                "--engine", "aurora-postgresql", "--master-username", "app_admin", "--master-user-password",
                "Psql-secret-1", "--database-name", "inventory");
        assertThat(cluster.at("/DBCluster/Status").asText()).isEqualTo("creating");
        int port = cli.json("rds", "create-db-instance", "--db-instance-identifier", "stock-1",
                "--db-cluster-identifier", "stock", "--engine", "aurora-postgresql", "--db-instance-class",
                "db.r6g.large").at("/DBInstance/Endpoint/Port").asInt();
        Psql written = psql(port, "Psql-secret-1", "CREATE TABLE items (sku VARCHAR(20) PRIMARY KEY, qty INT)",
                "INSERT INTO items VALUES ('gear', 3), ('belt', 8)");
        assertThat(written.exitCode()).as(written.stderr()).isZero();

        // Taken (D130), listed with and without the type, then the rows change.
        JsonNode taken = cli.json("rds", "create-db-cluster-snapshot", "--db-cluster-snapshot-identifier",
                "stock-monday", "--db-cluster-identifier", "stock", "--tags", "Key=purpose,Value=audit");
        assertThat(taken.at("/DBClusterSnapshot/Status").asText()).isEqualTo("available");
        assertThat(taken.at("/DBClusterSnapshot/DBClusterSnapshotArn").asText()).endsWith(":cluster-snapshot:"
                + "stock-monday");
        JsonNode listed = cli.json("rds", "describe-db-cluster-snapshots");
        assertThat(listed.at("/DBClusterSnapshots").size()).isEqualTo(1);
        assertThat(listed.at("/DBClusterSnapshots/0/SnapshotType").asText()).isEqualTo("manual");
        assertThat(listed.at("/DBClusterSnapshots/0/DBClusterIdentifier").asText()).isEqualTo("stock");
        assertThat(listed.at("/DBClusterSnapshots/0/TagList/0/Value").asText()).isEqualTo("audit");
        assertThat(cli.json("rds", "describe-db-cluster-snapshots", "--snapshot-type", "manual",
                "--db-cluster-snapshot-identifier", "stock-monday").at("/DBClusterSnapshots").size()).isEqualTo(1);
        assertThat(cli.json("rds", "describe-db-cluster-snapshots", "--snapshot-type", "awsbackup")
                .at("/DBClusterSnapshots").size()).isZero();
        assertThat(psql(port, "Psql-secret-1", "UPDATE items SET qty = 0").exitCode()).isZero();

        cli.json("rds", "restore-db-cluster-from-snapshot", "--db-cluster-identifier", "stock-monday-copy",
                "--snapshot-identifier", "stock-monday", "--engine", "aurora-postgresql");
        int copyPort = cli.json("rds", "create-db-instance", "--db-instance-identifier", "stock-copy-1",
                "--db-cluster-identifier", "stock-monday-copy", "--engine", "aurora-postgresql",
                "--db-instance-class", "db.r6g.large").at("/DBInstance/Endpoint/Port").asInt();
        Psql read = psql(copyPort, "Psql-secret-1", "SELECT sku || '=' || qty FROM items ORDER BY sku");
        assertThat(read.exitCode()).as(read.stderr()).isZero();
        assertThat(read.stdout().strip().lines().toList()).containsExactly("belt=8", "gear=3");

        assertThat(cli.json("rds", "delete-db-cluster-snapshot", "--db-cluster-snapshot-identifier",
                "stock-monday").at("/DBClusterSnapshot/Status").asText()).isEqualTo("deleted");
        AwsCli.Result gone = cli.run("rds", "describe-db-cluster-snapshots", "--db-cluster-snapshot-identifier",
                "stock-monday");
        assertThat(gone.exitCode()).isNotZero();
        assertThat(gone.stderr()).contains("DBClusterSnapshotNotFoundFault");
    }
}
