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
    private final Path credentials;
    private final Path config;
    private final String profile;
    private final Map<String, String> environment;

    public AwsCli(Endpoint endpoint) {
        this(endpoint, endpoint.dataDir().resolve("credentials"), endpoint.dataDir().resolve("config"), "strongroom",
                Map.of());
    }

    private AwsCli(Endpoint endpoint, Path credentials, Path config, String profile, Map<String, String> environment) {
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.config = config;
        this.profile = profile;
        this.environment = environment;
    }

    /** The same CLI on other credentials and config files (e.g. the demo's), as {@code --profile profile}. */
    public AwsCli withFiles(Path credentialsFile, Path configFile, String profileName) {
        return new AwsCli(endpoint, credentialsFile, configFile, profileName, Map.of());
    }

    /** Another profile of the same files. */
    public AwsCli withProfile(String profileName) {
        return new AwsCli(endpoint, credentials, config, profileName, Map.of());
    }

    /** Temporary credentials in AWS_ACCESS_KEY_ID and friends, as after {@code sts assume-role}; no profile. */
    public AwsCli withSession(String accessKeyId, String secretAccessKey, String sessionToken) {
        return new AwsCli(endpoint, credentials, config, null, Map.of("AWS_ACCESS_KEY_ID", accessKeyId,
                "AWS_SECRET_ACCESS_KEY", secretAccessKey, "AWS_SESSION_TOKEN", sessionToken,
                "AWS_DEFAULT_REGION", "eu-west-1"));
    }

    /** Long-term access keys (another account's root user, say) in AWS_ACCESS_KEY_ID and friends; no profile. */
    public AwsCli withKeys(String accessKeyId, String secretAccessKey) {
        return new AwsCli(endpoint, credentials, config, null, Map.of("AWS_ACCESS_KEY_ID", accessKeyId,
                "AWS_SECRET_ACCESS_KEY", secretAccessKey, "AWS_DEFAULT_REGION", "eu-west-1"));
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
        List<String> command = new ArrayList<>(List.of(executable()));
        if (profile != null) {
            command.addAll(List.of("--profile", profile));
        }
        command.addAll(List.of("--endpoint-url", endpoint.uri().toString(), "--output", "json"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
        env.put("AWS_CONFIG_FILE", config.toString());
        env.putAll(environment);
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
