package io.strongroom.testkit;

import io.strongroom.server.ServerOptions;
import io.strongroom.server.Strongroom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A Strongroom in this JVM on a free port, with its own temporary data directory and SQLite store. */
public final class TestServer implements AutoCloseable {
    private final Strongroom server;
    private final Endpoint endpoint;

    private TestServer(Strongroom server) {
        this.server = server;
        this.endpoint = new Endpoint(java.net.URI.create(server.endpoint()), server.dataDir().root(),
                server.managementRootCredential().accessKeyId(),
                server.managementRootCredential().secretAccessKey(), server.adminToken());
    }

    public static TestServer start() {
        try {
            return start(ServerOptions.defaults(Files.createTempDirectory("strongroom-test")).withPort(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TestServer start(ServerOptions options) {
        try {
            return new TestServer(Strongroom.start(options));
        } catch (Exception e) {
            throw new IllegalStateException("Strongroom did not start", e);
        }
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public Strongroom server() {
        return server;
    }

    public Path dataDir() {
        return endpoint.dataDir();
    }

    @Override
    public void close() {
        server.close();
    }
}
