package io.strongroom.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Terraform as a user runs it against Strongroom, in one working directory, with the AWS provider installed from a
 * local filesystem mirror (machines without the Terraform Registry). Found on the machine or not at all:
 * {@link #locate(Path)} says why not, so a test can skip.
 */
public final class Terraform {
    /** Where the AWS provider is looked for: Terraform's own implied local mirror, then a system-wide one. */
    private static final List<Path> MIRRORS = List.of(
            Path.of(System.getProperty("user.home"), ".terraform.d", "plugins"),
            Path.of("/opt/tf-plugins"),
            Path.of("/usr/share/terraform/plugins"));
    private static final String PROVIDER = "registry.terraform.io/hashicorp/aws";

    private final Path executable;
    private final Path workDir;
    private final Path cliConfig;

    private Terraform(Path executable, Path workDir, Path cliConfig) {
        this.executable = executable;
        this.workDir = workDir;
        this.cliConfig = cliConfig;
    }

    /** What {@link #locate} found: Terraform ready to run, or why it cannot. */
    public record Located(Optional<Terraform> terraform, String missing) {
    }

    /**
     * Terraform on PATH (or {@code $TERRAFORM}) and the AWS provider in a filesystem mirror ({@code
     * $STRONGROOM_TF_PLUGIN_MIRROR} first), working in {@code workDir} with a CLI configuration that installs the
     * provider from that mirror only.
     */
    public static Located locate(Path workDir) {
        Optional<Path> executable = executable();
        if (executable.isEmpty()) {
            return new Located(Optional.empty(), "terraform is not on this machine (PATH or $TERRAFORM)");
        }
        Optional<Path> mirror = mirror();
        if (mirror.isEmpty()) {
            return new Located(Optional.empty(), "the Terraform AWS provider (" + PROVIDER + ") is in no filesystem "
                    + "mirror of this machine ($STRONGROOM_TF_PLUGIN_MIRROR, " + MIRRORS + ")");
        }
        try {
            Files.createDirectories(workDir);
            Path config = workDir.resolve("terraform.rc");
            Files.writeString(config, "provider_installation {\n"
                    + "  filesystem_mirror {\n    path    = \"" + mirror.get() + "\"\n"
                    + "    include = [\"" + PROVIDER + "\"]\n  }\n"
                    + "  direct {\n    exclude = [\"" + PROVIDER + "\"]\n  }\n}\n");
            return new Located(Optional.of(new Terraform(executable.get(), workDir, config)), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Path> executable() {
        String named = System.getenv("TERRAFORM");
        if (named != null && Files.isExecutable(Path.of(named))) {
            return Optional.of(Path.of(named));
        }
        String path = System.getenv("PATH");
        return path == null ? Optional.empty() : Stream.of(path.split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir, "terraform")).filter(Files::isExecutable).findFirst();
    }

    private static Optional<Path> mirror() {
        List<Path> candidates = new ArrayList<>();
        String named = System.getenv("STRONGROOM_TF_PLUGIN_MIRROR");
        if (named != null) {
            candidates.add(Path.of(named));
        }
        candidates.addAll(MIRRORS);
        return candidates.stream().filter(dir -> Files.isDirectory(dir.resolve(PROVIDER))).findFirst();
    }

    public Path workDir() {
        return workDir;
    }

    public record Result(int exitCode, String output) {
    }

    /**
     * {@code terraform <args> -no-color} in the working directory, with no AWS settings inherited from the
     * environment (the configuration names its credentials file); fails after {@code timeoutMinutes}.
     */
    public Result run(int timeoutMinutes, String... args) {
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        command.addAll(List.of(args));
        command.add("-no-color");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("TF_"));
        env.put("TF_CLI_CONFIG_FILE", cliConfig.toString());
        env.put("TF_IN_AUTOMATION", "1");
        env.put("CHECKPOINT_DISABLE", "1");
        try {
            Path log = Files.createTempFile(workDir, "terraform-" + args[0] + "-", ".log");
            Process process = builder.redirectOutput(log.toFile()).start();
            if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("terraform " + String.join(" ", args) + " took over " + timeoutMinutes
                        + " minutes:\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs a command that must exit with {@code expected}; else fails with Terraform's output. */
    public String expect(int expected, int timeoutMinutes, String... args) {
        Result result = run(timeoutMinutes, args);
        if (result.exitCode() != expected) {
            throw new AssertionError("terraform " + String.join(" ", args) + " exited with " + result.exitCode()
                    + " (expected " + expected + "):\n" + result.output());
        }
        return result.output();
    }
}
