package io.strongroom.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The files Strongroom keeps beside its store, a public contract users' scripts rely on:
 * {@code credentials} and {@code config} (AWS CLI/SDK profile "strongroom"), {@code admin-token}
 * and {@code endpoint}, and the resources' data users read and write with ordinary tools: {@code ebs/<vol-id>.img}
 * (an EBS volume's bytes) and {@code efs/<fs-id>/} (an EFS file system's content).
 */
public final class DataDir {
    public static final String PROFILE = "strongroom";
    public static final String DEFAULT_REGION = "eu-west-1";

    private final Path root;

    public DataDir(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path storeFile() {
        return root.resolve("strongroom.db");
    }

    /** The SQL databases of RDS DB instances and Aurora clusters, one directory each. */
    public Path rdsDatabases() {
        return root.resolve("rds");
    }

    public Path credentialsFile() {
        return root.resolve("credentials");
    }

    public Path configFile() {
        return root.resolve("config");
    }

    public Path adminTokenFile() {
        return root.resolve("admin-token");
    }

    public Path endpointFile() {
        return root.resolve("endpoint");
    }

    /** The KMS master key (32 random bytes, hex): every KMS key's material in the store is sealed under it. */
    public Path kmsMasterKeyFile() {
        return root.resolve("kms-master-key");
    }

    /** Each EBS volume's bytes, as {@code <vol-id>.img}. */
    public Path ebsVolumes() {
        return root.resolve("ebs");
    }

    /** The bytes of each EBS snapshot an account made with CreateSnapshot, as {@code <snap-id>.snap} (D127). */
    public Path ebsSnapshots() {
        return root.resolve("ebs-snapshots");
    }

    /** Each EFS file system's content, as the directory {@code <fs-id>/}. */
    /** The vault storage engine's packs and manifests, under every backup vault. */
    public Path vaultStorage() {
        return root.resolve("vault-storage");
    }

    public Path efsFileSystems() {
        return root.resolve("efs");
    }

    public void create() {
        try {
            Files.createDirectories(root);
            Files.createDirectories(ebsVolumes());
            Files.createDirectories(ebsSnapshots());
            Files.createDirectories(efsFileSystems());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + root, e);
        }
    }

    /** The admin token, made on first start and kept across restarts. */
    public String adminToken() {
        Optional<String> existing = read(adminTokenFile());
        if (existing.isPresent() && !existing.get().isBlank()) {
            return existing.get().trim();
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        writeSecret(adminTokenFile(), token + "\n");
        return token;
    }

    /**
     * The installation's KMS master key, made on first start and kept across restarts. Without it the KMS keys in
     * the store cannot be used: back it up with the store, and give every server sharing a store the same file.
     */
    public byte[] kmsMasterKey() {
        Optional<String> existing = read(kmsMasterKeyFile());
        if (existing.isPresent() && !existing.get().isBlank()) {
            return HexFormat.of().parseHex(existing.get().trim());
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        writeSecret(kmsMasterKeyFile(), HexFormat.of().formatHex(key) + "\n");
        return key;
    }

    public void writeCredentials(String accessKeyId, String secretAccessKey) {
        writeSecret(credentialsFile(), "[" + PROFILE + "]\n"
                + "aws_access_key_id = " + accessKeyId + "\n"
                + "aws_secret_access_key = " + secretAccessKey + "\n");
        write(configFile(), "[profile " + PROFILE + "]\n"
                + "region = " + DEFAULT_REGION + "\n"
                + "output = json\n");
    }

    public void writeEndpoint(String url) {
        write(endpointFile(), url + "\n");
    }

    public Optional<String> endpoint() {
        return read(endpointFile()).map(String::trim);
    }

    private static Optional<String> read(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeSecret(Path file, String text) {
        write(file, text);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system: the file keeps the default permissions.
        }
    }
}
