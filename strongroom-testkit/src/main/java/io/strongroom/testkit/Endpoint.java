package io.strongroom.testkit;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.nio.file.Path;

/**
 * A running Strongroom as a client sees it: its URL, data directory and the management account's
 * root credentials, plus SDK client configuration pointed at it.
 */
public record Endpoint(URI uri, Path dataDir, String accessKeyId, String secretAccessKey, String adminToken) {

    /** A running server's endpoint from the files it wrote into its data directory. */
    public static Endpoint fromDataDir(Path dataDir, URI uri) {
        try {
            java.util.Properties credentials = new java.util.Properties();
            try (var in = java.nio.file.Files.newBufferedReader(dataDir.resolve("credentials"))) {
                credentials.load(in);
            }
            String token = java.nio.file.Files.readString(dataDir.resolve("admin-token")).trim();
            return new Endpoint(uri, dataDir, credentials.getProperty("aws_access_key_id").trim(),
                    credentials.getProperty("aws_secret_access_key").trim(), token);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A running server's endpoint from its data directory, at the URL it wrote there. */
    public static Endpoint fromDataDir(Path dataDir) {
        try {
            return fromDataDir(dataDir, URI.create(java.nio.file.Files.readString(dataDir.resolve("endpoint")).trim()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public AwsCredentials rootCredentials() {
        return AwsBasicCredentials.create(accessKeyId, secretAccessKey);
    }

    /** Points any SDK v2 client builder at this server, signed with {@code credentials}, no retries. */
    public <B extends AwsClientBuilder<B, C>, C> C client(B builder, AwsCredentials credentials) {
        return builder.endpointOverride(uri)
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
                .build();
    }

    /** Same, as the management account's root user. */
    public <B extends AwsClientBuilder<B, C>, C> C client(B builder) {
        return client(builder, rootCredentials());
    }

    public static AwsCredentials session(String keyId, String secret, String token) {
        return AwsSessionCredentials.create(keyId, secret, token);
    }

    public AdminClient admin() {
        return new AdminClient(uri, adminToken);
    }
}
