package io.strongroom.rds.h2;

import io.strongroom.rds.Databases;
import org.h2.tools.Server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The databases as embedded H2 databases in PostgreSQL mode, one directory per key under {@code baseDir}, served
 * by one H2 PostgreSQL server on an internal port, each reached through its own {@link PostgresEndpoint}s.
 *
 * <p>Every database has two administrators: the master user of the create call, and {@code rdsadmin} (as RDS
 * has), whose random password is kept in {@code <key>/rdsadmin} and with which Strongroom itself connects
 * (scripts, password changes). {@code WRITE_DELAY=0} makes H2 write every commit to its file before it answers,
 * so an acknowledged COMMIT survives a kill of the process.
 */
public final class H2Databases implements Databases, AutoCloseable {
    static final String ADMIN = "rdsadmin";
    private static final String SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";WRITE_DELAY=0;DB_CLOSE_DELAY=-1";

    private final Path baseDir;
    private final SecureRandom random = new SecureRandom();
    private final Server pgServer;
    private final Map<String, PostgresEndpoint> endpoints = new HashMap<>();
    private final Map<String, String> endpointKeys = new HashMap<>();

    public H2Databases(Path baseDir) {
        this.baseDir = baseDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.baseDir);
            this.pgServer = startPgServer(this.baseDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Server startPgServer(Path baseDir) throws IOException {
        SQLException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
            try {
                return Server.createPgServer("-pgPort", Integer.toString(port), "-baseDir", baseDir.toString(),
                        "-ifExists").start();
            } catch (SQLException e) {
                last = e; // another process took the port between the probe and the start
            }
        }
        throw new IOException("cannot start the H2 PostgreSQL server", last);
    }

    @Override
    public synchronized void create(String key, String dbName, String masterUsername, String masterPassword) {
        if (Files.exists(databaseFile(key, dbName))) {
            return;
        }
        try (Connection c = newDatabase(key, dbName); Statement s = c.createStatement()) {
            s.execute("CREATE USER IF NOT EXISTS " + quote(masterUsername) + " PASSWORD " + literal(masterPassword)
                    + " ADMIN");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + key, e);
        }
    }

    @Override
    public synchronized void createFromScript(String key, String dbName, byte[] script) {
        if (Files.exists(databaseFile(key, dbName))) {
            return;
        }
        Path file = dir(key).resolve("restore.sql");
        try (Connection c = newDatabase(key, dbName); Statement s = c.createStatement()) {
            Files.write(file, script);
            s.execute("RUNSCRIPT FROM " + literal(file.toString()) + " CHARSET 'UTF-8'");
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot restore database " + key, e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A leftover script is removed with the database.
            }
        }
    }

    @Override
    public byte[] script(String key, String dbName) {
        StringBuilder out = new StringBuilder();
        try (Connection c = connect(key, dbName)) {
            // One snapshot of every table: the script is the database at one moment.
            c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            c.setAutoCommit(false);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SCRIPT")) {
                while (rs.next()) {
                    out.append(rs.getString(1)).append('\n');
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot script database " + key, e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void changePassword(String key, String dbName, String username, String newPassword) {
        try (Connection c = connect(key, dbName); Statement s = c.createStatement()) {
            s.execute("ALTER USER " + quote(username) + " SET PASSWORD " + literal(newPassword));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot change a password in database " + key, e);
        }
    }

    @Override
    public synchronized void drop(String key) {
        endpointKeys.entrySet().stream().filter(e -> e.getValue().equals(key)).map(Map.Entry::getKey).toList()
                .forEach(this::unlisten);
        shutdown(key);
        deleteTree(dir(key));
    }

    @Override
    public synchronized int listen(String endpointId, int preferredPort, String key, String dbName) {
        PostgresEndpoint existing = endpoints.get(endpointId);
        if (existing != null) {
            return existing.port();
        }
        open(key, dbName);
        PostgresEndpoint endpoint;
        try {
            endpoint = openEndpoint(preferredPort, key, dbName);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        endpoints.put(endpointId, endpoint);
        endpointKeys.put(endpointId, key);
        return endpoint.port();
    }

    private PostgresEndpoint openEndpoint(int preferredPort, String key, String dbName) throws IOException {
        String h2Name = key + "/" + dbName;
        if (preferredPort > 0) {
            try {
                return PostgresEndpoint.open(preferredPort, pgServer.getPort(), h2Name, dbName);
            } catch (IOException taken) {
                // The port is in use: any free one will do.
            }
        }
        return PostgresEndpoint.open(0, pgServer.getPort(), h2Name, dbName);
    }

    @Override
    public synchronized void unlisten(String endpointId) {
        PostgresEndpoint endpoint = endpoints.remove(endpointId);
        endpointKeys.remove(endpointId);
        if (endpoint != null) {
            endpoint.close();
        }
    }

    @Override
    public synchronized void retainOnly(Set<String> keys) {
        try (Stream<Path> dirs = Files.list(baseDir)) {
            dirs.filter(Files::isDirectory).filter(d -> !keys.contains(d.getFileName().toString()))
                    .forEach(d -> {
                        shutdown(d.getFileName().toString());
                        deleteTree(d);
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a port is free on the loopback address (for choosing a requested Port). */
    public static boolean portFree(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort() == port;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        Set.copyOf(endpoints.keySet()).forEach(this::unlisten);
        pgServer.stop();
        try (Stream<Path> dirs = Files.list(baseDir)) {
            dirs.filter(Files::isDirectory).forEach(d -> shutdown(d.getFileName().toString()));
        } catch (IOException e) {
            // Closing is best effort: every commit is on disk already.
        }
    }

    // ---- H2

    /** Opens the database in this process (it stays open: DB_CLOSE_DELAY=-1) before clients reach it. */
    private void open(String key, String dbName) {
        try (Connection ignored = connect(key, dbName)) {
            // Opening is all.
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open database " + key, e);
        }
    }

    private Connection newDatabase(String key, String dbName) throws SQLException {
        String password = HexFormat.of().formatHex(bytes(24));
        try {
            Files.createDirectories(dir(key));
            Path secret = dir(key).resolve(ADMIN);
            Files.writeString(secret, password);
            try {
                Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the data directory's own permissions protect it.
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return DriverManager.getConnection(url(key, dbName), ADMIN, password);
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private Connection connect(String key, String dbName) throws SQLException {
        String password;
        try {
            password = Files.readString(dir(key).resolve(ADMIN)).trim();
        } catch (IOException e) {
            throw new SQLException("no database " + key, e);
        }
        return DriverManager.getConnection(url(key, dbName) + ";IFEXISTS=TRUE", ADMIN, password);
    }

    private void shutdown(String key) {
        try (Stream<Path> files = Files.list(dir(key))) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".mv.db")) {
                    try (Connection c = connect(key, name.substring(0, name.length() - ".mv.db".length()));
                         Statement s = c.createStatement()) {
                        s.execute("SHUTDOWN");
                    } catch (SQLException e) {
                        // Not open, or already gone.
                    }
                }
            }
        } catch (IOException e) {
            // No such database directory.
        }
    }

    private String url(String key, String dbName) {
        return "jdbc:h2:" + dir(key).resolve(dbName) + SETTINGS;
    }

    private Path dir(String key) {
        if (!key.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("bad database key " + key);
        }
        return baseDir.resolve(key);
    }

    private Path databaseFile(String key, String dbName) {
        return dir(key).resolve(dbName + ".mv.db");
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
