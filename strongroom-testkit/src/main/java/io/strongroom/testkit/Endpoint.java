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
