package io.strongroom.server.cli;

import io.strongroom.server.ServerOptions;
import io.strongroom.server.Strongroom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

@Command(name = "serve", description = "Start Strongroom.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "4599", description = "Port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data", defaultValue = ".strongroom", description = "Data directory (default ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--clock", defaultValue = "simulated",
            description = "simulated (moved by 'clock advance') or system (default ${DEFAULT-VALUE}).")
    String clock;

    @Option(names = "--start", defaultValue = "2027-02-01T00:00:00Z",
            description = "Where a new simulated clock starts (default ${DEFAULT-VALUE}).")
    Instant start;

    @Option(names = "--management-account", defaultValue = "111111111111",
            description = "The management account id created on first start (default ${DEFAULT-VALUE}).")
    String managementAccount;

    @Option(names = "--store", description = "postgresql://user:pass@host:port/db or a JDBC URL; "
            + "default: the embedded SQLite store in the data directory.")
    String store;

    @Option(names = "--seed", defaultValue = "strongroom", description = "Seed for generated ids (first start only).")
    String seed;

    @Option(names = "--demo", description = "On an empty data directory, bring up the seed's organisation "
            + "(twenty accounts, backup policy, central locked vault, SCP, break-glass role); later starts keep it.")
    boolean demo;

    @Override
    public Integer call() throws Exception {
        if (!clock.equals("simulated") && !clock.equals("system")) {
            System.err.println("--clock must be 'simulated' or 'system'");
            return 2;
        }
        if (!managementAccount.matches("\\d{12}")) {
            System.err.println("--management-account must be 12 digits");
            return 2;
        }
        ServerOptions options = new ServerOptions(host, port, data.toAbsolutePath(), clock.equals("simulated"),
                start, managementAccount, store, seed, demo);
        Strongroom server = Strongroom.start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "strongroom-shutdown"));
        Path dir = server.dataDir().root();
        System.out.println("Strongroom is serving at " + server.endpoint());
        System.out.println("  clock: " + (options.simulatedClock() ? "simulated, now " : "system, now ")
                + server.clock().now());
        System.out.println("  data:  " + dir);
        System.out.println("Use it with the AWS CLI:");
        System.out.println("  export AWS_SHARED_CREDENTIALS_FILE=" + server.dataDir().credentialsFile()
                + " AWS_CONFIG_FILE=" + server.dataDir().configFile() + " AWS_PROFILE=strongroom");
        System.out.println("  aws --endpoint-url " + server.endpoint() + " sts get-caller-identity");
        System.out.println("Admin API: " + server.endpoint() + "/_strongroom/ with 'Authorization: Bearer <"
                + server.dataDir().adminTokenFile() + ">'");
        if (server.demo() != null) {
            DemoBanner.print(server, System.out);
        }
        System.out.flush();
        server.join();
        return 0;
    }
}
