package io.strongroom.storage.jdbc;

import io.strongroom.storage.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brings a store's schema up to date: the scripts {@code db/<dialect>/V<n>__<what>.sql} named in
 * {@code db/<dialect>/migrations.list}, each applied once, all in one transaction, recorded in
 * {@code schema_version}. Scripts hold plain statements ended by a semicolon at the end of a line.
 */
final class Migrations {

    private static final Pattern SCRIPT_NAME = Pattern.compile("V([1-9][0-9]*)__[A-Za-z0-9_]+\\.sql");

    record Script(int version, String name, String sql) {
    }

    private Migrations() {
    }

    /** Applies what is missing and returns the schema version the store is now at. */
    static int migrate(Connection connection, Dialect dialect) throws SQLException {
        List<Script> scripts = scripts(dialect.name());
        int latest = scripts.isEmpty() ? 0 : scripts.get(scripts.size() - 1).version();
        boolean done = false;
        dialect.beginMigration(connection);
        try {
            execute(connection, "CREATE TABLE IF NOT EXISTS schema_version ("
                    + "version INTEGER NOT NULL PRIMARY KEY, script VARCHAR(200) NOT NULL)");
            int current = currentVersion(connection);
            if (current > latest) {
                // An older server must not write to a schema it does not know.
                throw new StoreException("the store is at schema version " + current
                        + " but this server knows only up to " + latest, null);
            }
            for (Script script : scripts) {
                if (script.version() > current) {
                    apply(connection, script);
                }
            }
            dialect.commit(connection);
            done = true;
            return latest;
        } finally {
            if (!done) {
                try {
                    dialect.rollback(connection);
                } catch (SQLException e) {
                    // The failure that got us here is the one worth reporting; the caller discards
                    // the connection.
                }
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    private static int currentVersion(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void apply(Connection connection, Script script) throws SQLException {
        for (String statement : statements(script.sql())) {
            try (Statement s = connection.createStatement()) {
                s.execute(statement);
            }
        }
        try (PreparedStatement s = connection.prepareStatement(
                "INSERT INTO schema_version (version, script) VALUES (?, ?)")) {
            s.setInt(1, script.version());
            s.setString(2, script.name());
            s.executeUpdate();
        }
    }

    static List<String> statements(String sql) {
        StringBuilder text = new StringBuilder();
        for (String line : sql.split("\n")) {
            if (!line.strip().startsWith("--")) {
                text.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String statement : text.toString().split(";[ \t\r]*\n")) {
            if (!statement.isBlank()) {
                statements.add(statement.strip().replaceAll(";$", ""));
            }
        }
        return statements;
    }

    /** The dialect's scripts in version order, checked to be numbered 1, 2, 3 ... without gaps. */
    static List<Script> scripts(String dialect) {
        String folder = "db/" + dialect + "/";
        List<Script> scripts = new ArrayList<>();
        for (String line : resource(folder + "migrations.list").split("\n")) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            Matcher m = SCRIPT_NAME.matcher(name);
            if (!m.matches()) {
                throw new StoreException("bad migration script name " + folder + name, null);
            }
            int version = Integer.parseInt(m.group(1));
            if (version != scripts.size() + 1) {
                throw new StoreException("migration " + folder + name + " is out of sequence", null);
            }
            scripts.add(new Script(version, name, resource(folder + name)));
        }
        return scripts;
    }

    private static String resource(String path) {
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new StoreException("missing resource " + path, null);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot read resource " + path, e);
        }
    }
}
