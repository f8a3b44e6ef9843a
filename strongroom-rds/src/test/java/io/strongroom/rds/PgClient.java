package io.strongroom.rds;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The PostgreSQL JDBC driver against an endpoint on 127.0.0.1, as an application would use it. */
record PgClient(int port, String database, String user, String password) {
    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, user, password);
    }

    void run(String... statements) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rows of the test table {@code accounts}, rendered for comparison. */
    List<String> accounts() {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, owner, balance FROM accounts ORDER BY id")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getBigDecimal(3));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static final String[] CREATE_ACCOUNTS = {
            "CREATE TABLE accounts (id INT PRIMARY KEY, owner VARCHAR(40), balance NUMERIC(10,2))",
            "INSERT INTO accounts VALUES (1, 'ada', 10.50), (2, 'grace', 20.00)"};
    static final String[] CHANGE_ACCOUNTS = {"UPDATE accounts SET balance = 0", "DELETE FROM accounts WHERE id = 2",
            "INSERT INTO accounts VALUES (3, 'mallory', 99.99)"};
}
