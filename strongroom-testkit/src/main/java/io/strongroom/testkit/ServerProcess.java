package io.strongroom.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Strongroom started the way the README says, {@code ./strongroom serve ...}, as a separate process:
 * for tests of the launcher, the files it writes, and crashes ({@link #kill()} is SIGKILL).
 */
public final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final Path dataDir;
    private final int port;
    private final Path log;

    private ServerProcess(Process process, Path dataDir, int port, Path log) {
        this.process = process;
        this.dataDir = dataDir;
        this.port = port;
        this.log = log;
    }

    /** The repository root: where the {@code strongroom} launcher is. */
    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isExecutable(dir.resolve("strongroom"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no ./strongroom launcher above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code ./strongroom serve --port P --data DIR extra...} and waits until it is healthy. */
    public static ServerProcess start(Path dataDir, String... extraArgs) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(repositoryRoot().resolve("strongroom").toString(),
                "serve", "--port", Integer.toString(port), "--data", dataDir.toString()));
        command.addAll(List.of(extraArgs));
        try {
            Files.createDirectories(dataDir);
            Path log = dataDir.resolve("server-" + System.nanoTime() + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            ServerProcess server = new ServerProcess(process, dataDir, port, log);
            server.awaitHealthy(Duration.ofMinutes(5));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitHealthy(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("strongroom exited with " + process.exitValue() + ":\n" + output());
            }
            if (Files.exists(dataDir.resolve("admin-token")) && endpoint().admin().healthy()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("strongroom was not healthy within " + timeout + ":\n" + output());
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Reads the credentials file the server wrote, as the AWS CLI would. */
    public Endpoint endpoint() {
        return Endpoint.fromDataDir(dataDir, uri());
    }

    /**
     * Runs another command of the launcher on this server's data directory, as a user in a second terminal would
     * ({@code ./strongroom clock set ... --data DIR}, {@code ./strongroom mfa-code --data DIR}); its standard output.
     */
    public String command(String... args) {
        List<String> command = new ArrayList<>(List.of(repositoryRoot().resolve("strongroom").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--data", dataDir.toString()));
        try {
            Process run = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(run.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (run.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + run.exitValue()
                        + ": " + out);
            }
            return out.trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** SIGKILL: the server gets no chance to flush or shut down. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * SIGSTOP: the server freezes where it is (its threads, its leases, its transactions in flight) until {@link
     * #resume()}.
     */
    public void pause() {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    public void resume() {
        signal("CONT");
    }

    /**
     * The program the process runs: the launcher replaces itself with the JVM ({@code exec java}), so signals reach the
     * server itself, not a wrapper script.
     */
    public String executable() {
        return process.info().command().orElse("");
    }

    /** The server JVM's process id (the launcher execs the JVM), e.g. to read its CPU time. */
    public long pid() {
        return process.pid();
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " exited with "
                        + kill.exitValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }
}
