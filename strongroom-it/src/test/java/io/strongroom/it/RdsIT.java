package io.strongroom.it;

import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.*;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * RDS through the SDK v2 RdsClient: DB instances and Aurora clusters whose Endpoints are real SQL databases
 * (PostgreSQL JDBC driver), every served operation, AWS's errors, tags, and an SCP on request tags.
 */
class RdsIT {
    static final String PASSWORD = "Sup3r-secret";
    static TestServer server;
    static RdsClient rds;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        rds = server.endpoint().client(RdsClient.builder());
    }

    @AfterAll
    static void stop() {
        rds.close();
        server.close();
    }

    static Tag tag(String k, String v) {
        return Tag.builder().key(k).value(v).build();
    }

    static DBInstance createPostgres(RdsClient client, String id, Tag... tags) {
        return client.createDBInstance(r -> r.dbInstanceIdentifier(id).dbInstanceClass("db.t3.micro")
                .engine("postgres").allocatedStorage(20).masterUsername("app_admin").masterUserPassword(PASSWORD)
                .dbName("ledger").tags(tags)).dbInstance();
    }

    static RdsException expect(int status, String code, Runnable call) {
        Throwable thrown = catchThrowable(call::run);
        assertThat(thrown).isInstanceOf(RdsException.class);
        RdsException e = (RdsException) thrown;
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        assertThat(e.statusCode()).isEqualTo(status);
        assertThat(e.requestId()).isNotBlank();
        return e;
    }

    static Connection connect(Endpoint endpoint, String db, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + endpoint.address() + ":" + endpoint.port() + "/"
                + db, "app_admin", password);
    }

    static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void anInstanceIsARealSqlDatabaseOnItsEndpoint() throws SQLException {
        DBInstance created = createPostgres(rds, "Orders-DB", tag("Backup", "daily"));
        assertThat(created.dbInstanceIdentifier()).isEqualTo("orders-db");
        assertThat(created.dbInstanceStatus()).isEqualTo("creating");
        assertThat(created.dbInstanceArn()).isEqualTo("arn:aws:rds:eu-west-1:111111111111:db:orders-db");
        assertThat(created.dbiResourceId()).matches("db-[A-Z2-7]{26}");
        assertThat(created.endpoint().address()).isEqualTo("127.0.0.1");
        assertThat(created.tagList()).containsExactly(tag("Backup", "daily"));

        DBInstance described = rds.describeDBInstances(r -> r.dbInstanceIdentifier("orders-db")).dbInstances().get(0);
        assertThat(described.dbInstanceStatus()).isEqualTo("available");
        assertThat(described.engine()).isEqualTo("postgres");
        assertThat(described.dbName()).isEqualTo("ledger");
        assertThat(described.endpoint().port()).isEqualTo(created.endpoint().port());
        rds.waiter().waitUntilDBInstanceAvailable(r -> r.dbInstanceIdentifier("orders-db"));

        try (Connection c = connect(described.endpoint(), "ledger", PASSWORD)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE orders (id SERIAL PRIMARY KEY, item TEXT NOT NULL, qty INT)");
                s.execute("INSERT INTO orders (item, qty) VALUES ('tea', 2), ('coffee', 1)");
            }
            c.setAutoCommit(false);
            try (var p = c.prepareStatement("UPDATE orders SET qty = qty + ? WHERE item = ?")) {
                p.setInt(1, 10);
                p.setString(2, "tea");
                assertThat(p.executeUpdate()).isEqualTo(1);
            }
            c.rollback();
            assertThat(rows(c, "SELECT item || ':' || qty FROM orders ORDER BY id")).containsExactly("tea:2", "coffee:1");
        }

        DBInstance deleted = rds.deleteDBInstance(r -> r.dbInstanceIdentifier("orders-db").skipFinalSnapshot(true))
                .dbInstance();
        assertThat(deleted.dbInstanceStatus()).isEqualTo("deleting");
        RdsException gone = expect(404, "DBInstanceNotFound",
                () -> rds.describeDBInstances(r -> r.dbInstanceIdentifier("orders-db")));
        assertThat(gone.awsErrorDetails().errorMessage()).isEqualTo("DBInstance orders-db not found.");
        assertThat(gone).isInstanceOf(DbInstanceNotFoundException.class);
        assertThatThrownBy(() -> connect(created.endpoint(), "ledger", PASSWORD)).isInstanceOf(SQLException.class);
    }

    @Test
    void refusesWhatAwsRefuses() {
        expect(400, "InvalidParameterValue", () -> createPostgres(rds, "1st-db"));
        expect(400, "InvalidParameterValue", () -> createPostgres(rds, "bad--name"));
        expect(400, "InvalidParameterValue", () -> createPostgres(rds, "trailing-"));
        RdsException badClass = expect(400, "InvalidParameterCombination", () -> rds.createDBInstance(r -> r
                .dbInstanceIdentifier("x1").dbInstanceClass("db.t9.huge").engine("postgres").allocatedStorage(20)
                .masterUsername("app_admin").masterUserPassword(PASSWORD)));
        assertThat(badClass.awsErrorDetails().errorMessage()).startsWith("RDS does not support creating a DB "
                + "instance with the following combination: DBInstanceClass=db.t9.huge, Engine=postgres");
        expect(400, "InvalidParameterCombination", () -> rds.createDBInstance(r -> r.dbInstanceIdentifier("x2")
                .dbInstanceClass("db.t3.micro").engine("mysql").allocatedStorage(20).masterUsername("admin1")
                .masterUserPassword(PASSWORD)));
        expect(400, "InvalidParameterValue", () -> rds.createDBInstance(r -> r.dbInstanceIdentifier("x3")
                .dbInstanceClass("db.t3.micro").engine("postgress").allocatedStorage(20).masterUsername("admin1")
                .masterUserPassword(PASSWORD)));
        expect(400, "InvalidParameterCombination", () -> rds.createDBInstance(r -> r.dbInstanceIdentifier("x4")
                .dbInstanceClass("db.t3.micro").engine("postgres").allocatedStorage(10).masterUsername("admin1")
                .masterUserPassword(PASSWORD)));
        RdsException shortPassword = expect(400, "InvalidParameterValue", () -> rds.createDBInstance(r -> r
                .dbInstanceIdentifier("x5").dbInstanceClass("db.t3.micro").engine("postgres").allocatedStorage(20)
                .masterUsername("admin1").masterUserPassword("short")));
        assertThat(shortPassword.awsErrorDetails().errorMessage()).contains("shorter than 8 characters");
        expect(400, "InvalidParameterValue", () -> rds.createDBInstance(r -> r.dbInstanceIdentifier("x6")
                .dbInstanceClass("db.t3.micro").engine("postgres").allocatedStorage(20).masterUsername("admin1")
                .masterUserPassword("has/slash1")));
        expect(400, "InvalidParameterValue", () -> rds.createDBInstance(r -> r.dbInstanceIdentifier("x7")
                .dbInstanceClass("db.t3.micro").engine("postgres").allocatedStorage(20).masterUserPassword(PASSWORD)));
        expect(400, "InvalidParameterValue", () -> rds.createDBInstance(r -> r.dbInstanceIdentifier("x8")
                .dbInstanceClass("db.t3.micro").engine("postgres").allocatedStorage(20).masterUsername("rdsadmin")
                .masterUserPassword(PASSWORD)));

        createPostgres(rds, "twice");
        expect(400, "DBInstanceAlreadyExists", () -> createPostgres(rds, "TWICE"));
        expect(400, "InvalidParameterCombination", () -> rds.deleteDBInstance(r -> r.dbInstanceIdentifier("twice")));
        expect(404, "DBInstanceNotFound", () -> rds.deleteDBInstance(r -> r.dbInstanceIdentifier("never")
                .skipFinalSnapshot(true)));
        expect(400, "InvalidParameterValue", () -> rds.describeDBInstances(r -> r.filters(f -> f.name("colour")
                .values("red"))));
        expect(400, "InvalidParameterValue", () -> rds.describeDBInstances(r -> r.maxRecords(5)));
        rds.deleteDBInstance(r -> r.dbInstanceIdentifier("twice").skipFinalSnapshot(true));
    }

    @Test
    void modifiesClassStoragePasswordAndDeletionProtection() throws SQLException {
        DBInstance created = createPostgres(rds, "modified");
        DBInstance modified = rds.modifyDBInstance(r -> r.dbInstanceIdentifier("modified")
                .dbInstanceClass("db.m6g.large").allocatedStorage(40).masterUserPassword("An0ther-secret")
                .deletionProtection(true).applyImmediately(true)).dbInstance();
        assertThat(modified.dbInstanceClass()).isEqualTo("db.m6g.large");
        assertThat(modified.allocatedStorage()).isEqualTo(40);
        assertThat(modified.deletionProtection()).isTrue();
        try (Connection c = connect(created.endpoint(), "ledger", "An0ther-secret")) {
            assertThat(rows(c, "SELECT 1")).containsExactly("1");
        }
        assertThatThrownBy(() -> connect(created.endpoint(), "ledger", PASSWORD)).isInstanceOf(SQLException.class);
        expect(400, "InvalidParameterValue", () -> rds.modifyDBInstance(r -> r.dbInstanceIdentifier("modified")
                .allocatedStorage(30)));
        expect(400, "InvalidParameterCombination", () -> rds.modifyDBInstance(r -> r
                .dbInstanceIdentifier("modified").dbInstanceClass("db.nope.large")));
        RdsException protectedDelete = expect(400, "InvalidParameterCombination", () -> rds.deleteDBInstance(r -> r
                .dbInstanceIdentifier("modified").skipFinalSnapshot(true)));
        assertThat(protectedDelete.awsErrorDetails().errorMessage())
                .isEqualTo("Cannot delete protected DB Instance, please disable deletion protection and try again.");
        rds.modifyDBInstance(r -> r.dbInstanceIdentifier("modified").deletionProtection(false));
        rds.deleteDBInstance(r -> r.dbInstanceIdentifier("modified").skipFinalSnapshot(true));
    }

    @Test
    void anAuroraClusterSharesOneDatabaseWithItsInstances() throws SQLException {
        DBCluster cluster = rds.createDBCluster(r -> r.dbClusterIdentifier("payments").engine("aurora-postgresql")
                .masterUsername("app_admin").masterUserPassword(PASSWORD).databaseName("ledger")
                .tags(tag("Backup", "aurora"))).dbCluster();
        assertThat(cluster.status()).isEqualTo("creating");
        assertThat(cluster.dbClusterArn()).isEqualTo("arn:aws:rds:eu-west-1:111111111111:cluster:payments");
        DBInstance writer = rds.createDBInstance(r -> r.dbInstanceIdentifier("payments-1")
                .dbClusterIdentifier("payments").engine("aurora-postgresql").dbInstanceClass("db.r6g.large"))
                .dbInstance();
        DBInstance reader = rds.createDBInstance(r -> r.dbInstanceIdentifier("payments-2")
                .dbClusterIdentifier("payments").engine("aurora-postgresql").dbInstanceClass("db.r6g.large"))
                .dbInstance();
        expect(400, "InvalidParameterCombination", () -> rds.createDBInstance(r -> r.dbInstanceIdentifier("p-3")
                .dbClusterIdentifier("payments").engine("aurora-postgresql").dbInstanceClass("db.r6g.large")
                .masterUsername("other")));
        expect(404, "DBClusterNotFoundFault", () -> rds.createDBInstance(r -> r.dbInstanceIdentifier("p-4")
                .dbClusterIdentifier("nowhere").engine("aurora-postgresql").dbInstanceClass("db.r6g.large")));

        DBCluster described = rds.describeDBClusters(r -> r.dbClusterIdentifier("payments")).dbClusters().get(0);
        assertThat(described.status()).isEqualTo("available");
        assertThat(described.dbClusterMembers()).extracting(DBClusterMember::dbInstanceIdentifier)
                .containsExactly("payments-1", "payments-2");
        assertThat(described.dbClusterMembers()).extracting(DBClusterMember::isClusterWriter)
                .containsExactly(true, false);
        assertThat(rds.describeDBInstances(r -> r.filters(f -> f.name("db-cluster-id").values("payments")))
                .dbInstances()).hasSize(2);

        Endpoint clusterEndpoint = Endpoint.builder().address(described.endpoint()).port(described.port()).build();
        try (Connection c = connect(writer.endpoint(), "ledger", PASSWORD); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE payments (id INT PRIMARY KEY, amount NUMERIC(10,2))");
            s.execute("INSERT INTO payments VALUES (1, 9.99)");
        }
        try (Connection viaReader = connect(reader.endpoint(), "ledger", PASSWORD);
             Connection viaCluster = connect(clusterEndpoint, "ledger", PASSWORD)) {
            assertThat(rows(viaReader, "SELECT amount FROM payments")).containsExactly("9.99");
            assertThat(rows(viaCluster, "SELECT amount FROM payments")).containsExactly("9.99");
        }

        RdsException notEmpty = expect(400, "InvalidDBClusterStateFault", () -> rds.deleteDBCluster(r -> r
                .dbClusterIdentifier("payments").skipFinalSnapshot(true)));
        assertThat(notEmpty.awsErrorDetails().errorMessage())
                .isEqualTo("Cluster cannot be deleted, it still contains DB instances in non-deleting state.");
        rds.modifyDBCluster(r -> r.dbClusterIdentifier("payments").masterUserPassword("Cluster-pass-2"));
        try (Connection c = connect(reader.endpoint(), "ledger", "Cluster-pass-2")) {
            assertThat(rows(c, "SELECT id FROM payments")).containsExactly("1");
        }
        rds.deleteDBInstance(r -> r.dbInstanceIdentifier("payments-1"));
        rds.deleteDBInstance(r -> r.dbInstanceIdentifier("payments-2"));
        assertThat(rds.deleteDBCluster(r -> r.dbClusterIdentifier("payments").skipFinalSnapshot(true)).dbCluster()
                .status()).isEqualTo("deleting");
        expect(404, "DBClusterNotFoundFault", () -> rds.describeDBClusters(r -> r.dbClusterIdentifier("payments")));
        assertThatThrownBy(() -> connect(clusterEndpoint, "ledger", "Cluster-pass-2")).isInstanceOf(SQLException.class);
    }

    @Test
    void tagsByArnAndTheTaggingApi() {
        String arn = createPostgres(rds, "tagged", tag("Backup", "weekly")).dbInstanceArn();
        rds.addTagsToResource(r -> r.resourceName(arn).tags(tag("team", "payments"), tag("Backup", "daily")));
        assertThat(rds.listTagsForResource(r -> r.resourceName(arn)).tagList())
                .containsExactly(tag("Backup", "daily"), tag("team", "payments"));
        rds.removeTagsFromResource(r -> r.resourceName(arn).tagKeys("team", "absent"));
        assertThat(rds.listTagsForResource(r -> r.resourceName(arn)).tagList()).containsExactly(tag("Backup", "daily"));
        expect(404, "DBInstanceNotFound", () -> rds.listTagsForResource(r -> r
                .resourceName("arn:aws:rds:eu-west-1:111111111111:db:nobody")));
        expect(404, "DBClusterNotFoundFault", () -> rds.addTagsToResource(r -> r
                .resourceName("arn:aws:rds:eu-west-1:111111111111:cluster:nobody").tags(tag("a", "b"))));
        expect(400, "InvalidParameterValue", () -> rds.listTagsForResource(r -> r.resourceName("tagged")));
        expect(400, "InvalidParameterValue", () -> rds.addTagsToResource(r -> r.resourceName(arn)
                .tags(tag("aws:reserved", "x"))));

        try (ResourceGroupsTaggingApiClient tagging = server.endpoint()
                .client(ResourceGroupsTaggingApiClient.builder())) {
            assertThat(tagging.getResources(r -> r.resourceTypeFilters("rds:db")
                    .tagFilters(f -> f.key("Backup").values("daily"))).resourceTagMappingList())
                    .extracting(m -> m.resourceARN()).contains(arn);
            assertThat(tagging.tagResources(r -> r.resourceARNList(arn).tags(java.util.Map.of("owner", "ops")))
                    .failedResourcesMap()).isEmpty();
        }
        assertThat(rds.listTagsForResource(r -> r.resourceName(arn)).tagList()).contains(tag("owner", "ops"));
    }

    @Test
    void pagesAndFilters() {
        try (TestServer own = TestServer.start(); RdsClient client = own.endpoint().client(RdsClient.builder())) {
            for (int i = 0; i < 21; i++) {
                createPostgres(client, String.format("db-%02d", i));
            }
            DescribeDbInstancesResponse first = client.describeDBInstances(r -> r.maxRecords(20));
            assertThat(first.dbInstances()).hasSize(20);
            assertThat(first.marker()).isNotNull();
            DescribeDbInstancesResponse second = client.describeDBInstances(r -> r.maxRecords(20)
                    .marker(first.marker()));
            assertThat(second.dbInstances()).extracting(DBInstance::dbInstanceIdentifier).containsExactly("db-20");
            assertThat(second.marker()).isNull();
            assertThat(client.describeDBInstancesPaginator(r -> r.maxRecords(20)).dbInstances().stream().count())
                    .isEqualTo(21);
            assertThat(client.describeDBInstances(r -> r.filters(f -> f.name("db-instance-id")
                    .values("db-03", "arn:aws:rds:eu-west-1:111111111111:db:db-04"))).dbInstances())
                    .extracting(DBInstance::dbInstanceIdentifier).containsExactly("db-03", "db-04");
            assertThat(client.describeDBInstances(r -> r.filters(f -> f.name("engine").values("aurora-postgresql")))
                    .dbInstances()).isEmpty();
        }
    }

    @Test
    void scpDenyingUntaggedCreationSeesRequestTags() {
        try (TestServer own = TestServer.start()) {
            ProductionAccount member = ProductionAccount.under(own, "deny-untagged-production",
                    ProductionAccount.denyUntagged("rds:CreateDB*", "\"*\""));
            try (RdsClient memberRds = own.endpoint().client(RdsClient.builder(),
                    member.credentials())) {
                RdsException denied = (RdsException) catchThrowable(() -> createPostgres(memberRds, "untagged"));
                assertThat(denied.statusCode()).isEqualTo(403);
                assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                assertThat(denied.getMessage()).contains("rds:CreateDBInstance");
                RdsException clusterDenied = (RdsException) catchThrowable(() -> memberRds.createDBCluster(r -> r
                        .dbClusterIdentifier("c1").engine("aurora-postgresql").masterUsername("app_admin")
                        .masterUserPassword(PASSWORD)));
                assertThat(clusterDenied.statusCode()).isEqualTo(403);
                assertThat(memberRds.describeDBInstances().dbInstances()).isEmpty();
                assertThat(createPostgres(memberRds, "tagged", tag("Backup", "daily")).dbInstanceArn())
                        .isEqualTo("arn:aws:rds:eu-west-1:" + member.accountId() + ":db:tagged");
            }
        }
    }
}
