package io.strongroom.storage.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server for tests, started once per JVM from the binaries installed on the
 * machine (under {@code /usr/lib/postgresql/<version>/bin}, or the directory named by the
 * {@code STRONGROOM_PG_BIN} environment variable) in a temporary data directory, listening on a free
 * loopback port, with fsync on. Stopped and deleted when the JVM exits.
 *
 * <p>Without PostgreSQL binaries, tests calling {@link #shared()} are skipped, except on CI
 * ({@code CI=true}), where they fail: a suite that silently skips its PostgreSQL half is worse than
 * a red build. PostgreSQL refuses to run as root, so as root it runs as the {@code postgres} user.
 */
public final class PostgresTestServer {

    public static final String USER = "strongroom";

    private static final String OS_USER = "postgres";
    private static final long START_TIMEOUT_SECONDS = 120;
    private static PostgresTestServer shared;
    private static Throwable startFailure;

    private final Path binaries;
    private final Path root;
    private final Path data;
    private final boolean asPostgresUser;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();
    private volatile boolean stopped;

    private PostgresTestServer(Path binaries, Path root, boolean asPostgresUser, int port) {
        this.binaries = binaries;
        this.root = root;
        this.data = root.resolve("data");
        this.asPostgresUser = asPostgresUser;
        this.port = port;
    }

    /**
     * The JVM's server, started on first use. Skips the calling test (a JUnit assumption) when no
     * PostgreSQL is installed, unless {@code CI=true}.
     */
    public static synchronized PostgresTestServer shared() {
        if (shared == null && startFailure == null) {
            Path bin = findBinaries();
            if (bin == null) {
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    throw new IllegalStateException("CI=true but no PostgreSQL binaries (initdb, pg_ctl, postgres) "
                            + "under /usr/lib/postgresql/*/bin or STRONGROOM_PG_BIN");
                }
                Assumptions.abort("no PostgreSQL binaries installed; PostgreSQL tests skipped");
            }
            try {
                shared = start(bin);
                Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "postgres-test-server-stop"));
            } catch (RuntimeException | Error e) {
                startFailure = e;
            }
        }
        if (startFailure != null) {
            throw new IllegalStateException("the PostgreSQL test server did not start", startFailure);
        }
        return shared;
    }

    /** Whether PostgreSQL binaries are installed where this class looks. */
    public static boolean available() {
        return findBinaries() != null;
    }

    /** Creates an empty database with a fresh name and returns its store location. */
    public String newDatabase() {
        String name = "strongroom_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        createDatabase(name);
        return location(name);
    }

    /** Creates an empty database of that name. */
    public void createDatabase(String name) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), properties());
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
    }

    /** The libpq URI of a database on this server, as {@link StoreFactory#open} accepts it. */
    public String location(String database) {
        return "postgresql://" + USER + "@127.0.0.1:" + port + "/" + database;
    }

    /** The JDBC URL of a database on this server, naming the user. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER;
    }

    public int port() {
        return port;
    }

    /** Stops the server and deletes its files; later calls do nothing. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            run(List.of(binaries.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"), false);
        } finally {
            deleteTree(root);
        }
    }

    private static PostgresTestServer start(Path bin) {
        boolean root = isRoot();
        Path dir;
        try {
            dir = Files.createTempDirectory(Path.of("/tmp"), "strongroom-pg-");
            if (root) {
                chown(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PostgresTestServer server = new PostgresTestServer(bin, dir, root, freePort());
        try {
            server.initdb();
            server.startPostgres();
            return server;
        } catch (RuntimeException | Error e) {
            server.stop();
            throw e;
        }
    }

    private void initdb() {
        run(List.of(binaries.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--auth=trust",
                "-E", "UTF8", "--locale=C", "--no-sync"), true);
        try {
            // Durability is on in the tests as in production: the crash tests and the timings mean
            // something only with real fsyncs.
            Files.writeString(data.resolve("postgresql.conf"), String.join("\n",
                    "listen_addresses = '127.0.0.1'",
                    "port = " + port,
                    "unix_socket_directories = '" + root + "'",
                    "fsync = on",
                    "synchronous_commit = on",
                    "max_connections = 300",
                    "shared_buffers = 32MB",
                    "log_min_messages = warning",
                    ""), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startPostgres() {
        run(List.of(binaries.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", root.resolve("log").toString(),
                "-w", "-t", String.valueOf(START_TIMEOUT_SECONDS), "start"), true);
    }

    private void run(List<String> command, boolean mustSucceed) {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", OS_USER, "--"));
        }
        full.addAll(command);
        try {
            Path output = Files.createTempFile("strongroom-pg-cmd-", ".log");
            try {
                Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output.toFile())
                        .directory(new java.io.File("/tmp")).start();
                boolean exited = p.waitFor(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                if (!exited) {
                    p.destroyForcibly();
                }
                if (mustSucceed && (!exited || p.exitValue() != 0)) {
                    throw new IllegalStateException(String.join(" ", full) + " failed:\n" + Files.readString(output)
                            + serverLog());
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String serverLog() {
        try {
            Path log = root.resolve("log");
            return Files.exists(log) ? "\nserver log:\n" + Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static Properties properties() {
        Properties p = new Properties();
        p.setProperty("user", USER);
        return p;
    }

    private static Path findBinaries() {
        String configured = System.getenv("STRONGROOM_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            Path bin = Path.of(configured);
            return hasBinaries(bin) ? bin : null;
        }
        Path base = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(base)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(base)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(PostgresTestServer::hasBinaries)
                    .max(Comparator.comparing(PostgresTestServer::majorVersion))
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean hasBinaries(Path bin) {
        return Stream.of("initdb", "pg_ctl", "postgres").allMatch(b -> Files.isExecutable(bin.resolve(b)));
    }

    private static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static void chown(Path dir) throws IOException {
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user = users.lookupPrincipalByName(OS_USER);
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
        view.setOwner(user);
        try {
            GroupPrincipal group = users.lookupPrincipalByGroupName(OS_USER);
            view.setGroup(group);
        } catch (IOException e) {
            // The owner alone is enough for initdb; the group is tidiness.
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Temporary files; the OS cleans /tmp eventually.
        }
    }
}
