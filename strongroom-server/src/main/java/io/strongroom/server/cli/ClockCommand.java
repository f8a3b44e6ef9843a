package io.strongroom.server.cli;

import io.strongroom.server.DataDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "clock", description = "Show or move a running server's clock.",
        subcommands = {ClockCommand.Show.class, ClockCommand.Advance.class, ClockCommand.Set.class})
final class ClockCommand {

    abstract static class AdminCall implements Callable<Integer> {
        @Option(names = "--data", defaultValue = ".strongroom", description = "Data directory (default ${DEFAULT-VALUE}).")
        Path data;

        @Option(names = "--endpoint", description = "Server URL (default: the one the server wrote in the data directory).")
        String endpoint;

        int call(String method, String path, String body) throws Exception {
            HttpResponse<String> response = send(path, body);
            System.out.println(response.body());
            return response.statusCode() == 200 ? 0 : 1;
        }

        /** The admin API's answer to a GET of {@code path}, or an exception naming its status. */
        String get(String path) throws Exception {
            HttpResponse<String> response = send(path, null);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("admin API answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        }

        static com.fasterxml.jackson.databind.JsonNode json(String text) throws Exception {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        }

        private HttpResponse<String> send(String path, String body) throws Exception {
            DataDir dir = new DataDir(data);
            String base = endpoint != null ? endpoint : dir.endpoint().orElse("http://127.0.0.1:4599");
            String token = Files.readString(dir.adminTokenFile()).trim();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/_strongroom/" + path))
                    .header("Authorization", "Bearer " + token);
            request = body == null ? request.GET()
                    : request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    @Command(name = "show", description = "Print the server's current time.")
    static final class Show extends AdminCall {
        @Override
        public Integer call() throws Exception {
            return call("GET", "clock", null);
        }
    }

    @Command(name = "advance", description = "Move the simulated clock forward, running all work that falls due.")
    static final class Advance extends AdminCall {
        @Parameters(index = "0", description = "ISO-8601 duration: PT6H, P1D, P1M, P1Y.")
        String duration;

        @Override
        public Integer call() throws Exception {
            return call("POST", "clock/advance", "{\"duration\":\"" + duration.replace("\"", "") + "\"}");
        }
    }

    @Command(name = "set", description = "Move the simulated clock forward to an instant.")
    static final class Set extends AdminCall {
        @Parameters(index = "0", description = "ISO-8601 instant, e.g. 2027-03-01T02:00:00Z.")
        String time;

        @Override
        public Integer call() throws Exception {
            return call("POST", "clock/set", "{\"time\":\"" + time.replace("\"", "") + "\"}");
        }
    }
}
