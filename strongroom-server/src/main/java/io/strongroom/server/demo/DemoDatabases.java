package io.strongroom.server.demo;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.Tag;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The estate's SQL databases, made through RDS and filled over their PostgreSQL endpoints as an application would:
 * payments-db (RDS PostgreSQL, 100 payments) and ledger-db (an Aurora PostgreSQL cluster with one writer instance,
 * 250 journal entries).
 */
final class DemoDatabases {
    /** Where a database answers and how to sign in: one line of the demo's summary. */
    record Database(String name, int port, String user, String password, String database) {
        String summaryLine() {
            return name + " 127.0.0.1:" + port + " user " + user + " password " + password + " database " + database;
        }
    }

    /** One row of a table's contents, set on the INSERT statement. */
    private interface RowWriter {
        void set(PreparedStatement insert, int row) throws SQLException;
    }

    private final DemoClients clients;

    DemoDatabases(DemoClients clients) {
        this.clients = clients;
    }

    /** payments-db: an RDS PostgreSQL instance tagged daily-prod (the seed's worked restoration restores it). */
    Database payments(AwsCredentials root) {
        Database db;
        try (RdsClient rds = clients.client(RdsClient.builder(), root)) {
            int port = rds.createDBInstance(r -> r.dbInstanceIdentifier("payments-db").dbInstanceClass("db.t3.micro")
                    .engine("postgres").allocatedStorage(20).masterUsername("payments")
                    .masterUserPassword("PaymentsDemo123").dbName("payments").tags(backup("daily-prod")))
                    .dbInstance().endpoint().port();
            db = new Database("payments-db", port, "payments", "PaymentsDemo123", "payments");
        }
        fill(db, "CREATE TABLE payment (id INT PRIMARY KEY, customer TEXT NOT NULL, amount_cents INT NOT NULL, "
                + "status TEXT NOT NULL)", "INSERT INTO payment VALUES (?, ?, ?, ?)", 100, (insert, i) -> {
                    insert.setInt(1, i);
                    insert.setString(2, "customer-" + (i % 17));
                    insert.setInt(3, 1000 + i * 37);
                    insert.setString(4, i % 10 == 0 ? "refunded" : "settled");
                });
        return db;
    }

    /**
     * ledger-db: an Aurora PostgreSQL cluster tagged daily-prod (the seed's ledger account backs up "Aurora" daily)
     * and its writer; AWS Backup protects the cluster, so the member instance is tagged only to pass the SCP.
     */
    Database ledger(AwsCredentials root) {
        Database db;
        try (RdsClient rds = clients.client(RdsClient.builder(), root)) {
            rds.createDBCluster(r -> r.dbClusterIdentifier("ledger-db").engine("aurora-postgresql")
                    .masterUsername("ledger").masterUserPassword("LedgerDemo123").databaseName("ledger")
                    .tags(backup("daily-prod")));
            rds.createDBInstance(r -> r.dbInstanceIdentifier("ledger-db-1").dbClusterIdentifier("ledger-db")
                    .engine("aurora-postgresql").dbInstanceClass("db.r6g.large").tags(backup("daily-prod")));
            int port = rds.describeDBClusters(r -> r.dbClusterIdentifier("ledger-db")).dbClusters().get(0).port();
            db = new Database("ledger-db", port, "ledger", "LedgerDemo123", "ledger");
        }
        fill(db, "CREATE TABLE journal_entry (id INT PRIMARY KEY, account TEXT NOT NULL, debit_cents INT NOT NULL, "
                + "credit_cents INT NOT NULL, posted_on TEXT NOT NULL)",
                "INSERT INTO journal_entry VALUES (?, ?, ?, ?, ?)", 250, (insert, i) -> {
                    insert.setInt(1, i);
                    insert.setString(2, i % 2 == 0 ? "receivables" : "revenue");
                    insert.setInt(3, i % 2 == 0 ? 500 + i * 13 : 0);
                    insert.setInt(4, i % 2 == 0 ? 0 : 500 + (i - 1) * 13);
                    insert.setString(5, String.format("2027-01-%02d", 1 + i % 31));
                });
        return db;
    }

    private static Tag backup(String tier) {
        return Tag.builder().key("Backup").value(tier).build();
    }

    private static void fill(Database db, String create, String insertSql, int rows, RowWriter row) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + db.port() + "/"
                + db.database(), db.user(), db.password())) {
            try (Statement s = c.createStatement()) {
                s.execute(create);
            }
            try (PreparedStatement insert = c.prepareStatement(insertSql)) {
                for (int i = 1; i <= rows; i++) {
                    row.set(insert, i);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not fill " + db.name() + ": " + e.getMessage(), e);
        }
    }
}
