package io.strongroom.it;

import io.strongroom.testkit.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A COMMIT the SQL client saw acknowledged survives a SIGKILL of Strongroom: after a restart the instance
 * answers on the same Endpoint with every acknowledged row.
 */
class RdsCrashIT {
    static final String PASSWORD = "Crash-test-1";

    @TempDir
    Path data;

    static Connection connect(int port) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/orders", "app_admin", PASSWORD);
    }

    @Test
    void acknowledgedCommitsSurviveSigkill() throws Exception {
        ServerProcess server = ServerProcess.start(data);
        int port;
        try (RdsClient rds = server.endpoint().client(RdsClient.builder())) {
            DBInstance db = rds.createDBInstance(r -> r.dbInstanceIdentifier("crash").dbInstanceClass("db.t3.micro")
                    .engine("postgres").allocatedStorage(20).masterUsername("app_admin").masterUserPassword(PASSWORD)
                    .dbName("orders")).dbInstance();
            port = db.endpoint().port();
        }
        try (Connection c = connect(port); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id INT PRIMARY KEY, writer INT, note VARCHAR(40))");
        }
        List<Integer> acknowledged = new CopyOnWriteArrayList<>();
        CountDownLatch enough = new CountDownLatch(200);
        ExecutorService writers = Executors.newFixedThreadPool(3);
        for (int w = 0; w < 3; w++) {
            int writer = w;
            writers.submit(() -> {
                try (Connection c = connect(port);
                     PreparedStatement insert = c.prepareStatement("INSERT INTO orders VALUES (?, ?, ?)")) {
                    c.setAutoCommit(false);
                    for (int n = 0; ; n++) {
                        // Two rows per transaction: the COMMIT is what is acknowledged.
                        int id = writer * 1_000_000 + n * 2;
                        for (int k = 0; k < 2; k++) {
                            insert.setInt(1, id + k);
                            insert.setInt(2, writer);
                            insert.setString(3, "row " + (id + k));
                            insert.executeUpdate();
                        }
                        c.commit();
                        acknowledged.add(id);
                        acknowledged.add(id + 1);
                        enough.countDown();
                    }
                } catch (SQLException killed) {
                    return null; // the server died under us: the transaction in flight was never acknowledged
                }
            });
        }
        assertThat(enough.await(120, TimeUnit.SECONDS)).isTrue();
        server.kill();
        writers.shutdown();
        assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        Set<Integer> before = new HashSet<>(acknowledged);

        try (ServerProcess restarted = ServerProcess.start(data);
             RdsClient rds = restarted.endpoint().client(RdsClient.builder())) {
            DBInstance again = rds.describeDBInstances(r -> r.dbInstanceIdentifier("crash")).dbInstances().get(0);
            assertThat(again.endpoint().port()).isEqualTo(port);
            Set<Integer> found = new HashSet<>();
            try (Connection c = connect(port); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id FROM orders")) {
                while (rs.next()) {
                    found.add(rs.getInt(1));
                }
            }
            assertThat(found).containsAll(before);
            // Whole transactions only: no row without its partner.
            assertThat(found.stream().filter(id -> !found.contains(id % 2 == 0 ? id + 1 : id - 1))).isEmpty();
        }
    }
}
