package io.strongroom.server;

import java.nio.file.Path;
import java.time.Instant;

/**
 * How to run a server. {@code port} 0 picks a free port (tests). {@code storeLocation} null means the
 * embedded SQLite file in the data directory. {@code demo} brings up the seed's organisation on first start
 * (DemoSeed) before the server reports ready.
 */
public record ServerOptions(String host, int port, Path dataDir, boolean simulatedClock, Instant start,
                            String managementAccount, String storeLocation, String seed, boolean demo) {
    public ServerOptions(String host, int port, Path dataDir, boolean simulatedClock, Instant start,
                         String managementAccount, String storeLocation, String seed) {
        this(host, port, dataDir, simulatedClock, start, managementAccount, storeLocation, seed, false);
    }

    public static final Instant DEFAULT_START = Instant.parse("2027-02-01T00:00:00Z");
    public static final String DEFAULT_MANAGEMENT_ACCOUNT = "111111111111";

    public static ServerOptions defaults(Path dataDir) {
        return new ServerOptions("127.0.0.1", 4599, dataDir, true, DEFAULT_START, DEFAULT_MANAGEMENT_ACCOUNT,
                null, "strongroom");
    }

    public ServerOptions withPort(int port) {
        return new ServerOptions(host, port, dataDir, simulatedClock, start, managementAccount, storeLocation, seed, demo);
    }

    public ServerOptions withStore(String location) {
        return new ServerOptions(host, port, dataDir, simulatedClock, start, managementAccount, location, seed, demo);
    }

    public ServerOptions withClock(boolean simulated) {
        return new ServerOptions(host, port, dataDir, simulated, start, managementAccount, storeLocation, seed, demo);
    }

    public ServerOptions withDemo(boolean on) {
        return new ServerOptions(host, port, dataDir, simulatedClock, start, managementAccount, storeLocation, seed, on);
    }
}
