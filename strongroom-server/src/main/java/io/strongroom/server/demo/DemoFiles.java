package io.strongroom.server.demo;

import software.amazon.awssdk.auth.credentials.AwsCredentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the demo leaves in {@code <data>/demo/}: an AWS credentials and config file with one profile per account
 * (its root key) plus {@code management}, {@code payments-admin} and {@code oncall}, the break-glass MFA seed and
 * serial, the accounts' ids and the SQL databases' endpoints in the marker {@code complete}, written last, which
 * makes a second start do nothing.
 */
public final class DemoFiles {
    private final Path dir;

    public DemoFiles(Path dataDir) {
        this.dir = dataDir.resolve("demo");
    }

    public Path dir() {
        return dir;
    }

    public Path credentials() {
        return dir.resolve("credentials");
    }

    public Path config() {
        return dir.resolve("config");
    }

    public Path mfaSeedFile() {
        return dir.resolve("mfa-seed");
    }

    public boolean complete() {
        return Files.exists(dir.resolve("complete"));
    }

    /** The break-glass device's base32 seed, when the demo was built. */
    public Optional<String> mfaSeed() {
        try {
            return Files.exists(mfaSeedFile()) ? Optional.of(Files.readString(mfaSeedFile()).trim()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String summary() {
        try {
            return Files.readString(dir.resolve("complete"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(String organizationId, Map<String, String> accounts, Map<String, AwsCredentials> profiles,
               String mfaSeed, List<DemoDatabases.Database> databases) {
        StringBuilder credentials = new StringBuilder();
        StringBuilder config = new StringBuilder();
        profiles.forEach((name, c) -> {
            credentials.append('[').append(name).append("]\naws_access_key_id = ").append(c.accessKeyId())
                    .append("\naws_secret_access_key = ").append(c.secretAccessKey()).append("\n\n");
            config.append("[profile ").append(name).append("]\nregion = ").append(DemoPolicies.REGION)
                    .append("\noutput = json\n\n");
        });
        StringBuilder summary = new StringBuilder("organization " + organizationId + "\n");
        accounts.forEach((name, id) -> summary.append("account ").append(name).append(' ').append(id).append('\n'));
        databases.forEach(db -> summary.append(db.summaryLine()).append('\n'));
        summary.append("mfa-serial arn:aws:iam::").append(accounts.get(DemoEstate.BACKUP_ACCOUNT))
                .append(":mfa/oncall\n");
        try {
            Files.createDirectories(dir);
            secret(credentials(), credentials.toString());
            Files.writeString(config(), config.toString());
            secret(mfaSeedFile(), mfaSeed + "\n");
            Files.writeString(dir.resolve("complete"), summary.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void secret(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content);
    }
}
