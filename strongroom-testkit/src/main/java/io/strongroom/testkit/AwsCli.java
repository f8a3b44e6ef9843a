package io.strongroom.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The AWS CLI as users run it against Strongroom: the credentials and config files the server wrote,
 * profile {@code strongroom}, {@code --endpoint-url}. Prefers Debian's {@code /usr/bin/aws}.
 */
public final class AwsCli {
    private final Endpoint endpoint;

    public AwsCli(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    public record Result(int exitCode, String stdout, String stderr) {
    }

    public static String executable() {
        return Files.isExecutable(Path.of("/usr/bin/aws")) ? "/usr/bin/aws" : "aws";
    }

    /**
     * Runs a command that must succeed and returns its JSON output (null when it prints nothing); a
     * failure is reported with the command and the CLI's error output.
     */
    public com.fasterxml.jackson.databind.JsonNode json(String... args) {
        Result result = run(args);
        if (result.exitCode() != 0) {
            throw new AssertionError("aws " + String.join(" ", args) + " exited with " + result.exitCode() + ":\n"
                    + result.stderr());
        }
        try {
            return result.stdout().isBlank() ? null : new com.fasterxml.jackson.databind.ObjectMapper().readTree(result.stdout());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Result run(String... args) {
        return run(Map.of(), args);
    }

    public Result run(Map<String, String> extraEnv, String... args) {
        List<String> command = new ArrayList<>(List.of(executable(), "--profile", "strongroom",
                "--endpoint-url", endpoint.uri().toString(), "--output", "json"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("AWS_SHARED_CREDENTIALS_FILE", endpoint.dataDir().resolve("credentials").toString());
        env.put("AWS_CONFIG_FILE", endpoint.dataDir().resolve("config").toString());
        env.put("AWS_PAGER", "");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.putAll(extraEnv);
        try {
            Path out = Files.createTempFile("aws-cli", ".out");
            Path err = Files.createTempFile("aws-cli", ".err");
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("aws " + String.join(" ", args) + " did not finish in 120 s");
            }
            Result result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
