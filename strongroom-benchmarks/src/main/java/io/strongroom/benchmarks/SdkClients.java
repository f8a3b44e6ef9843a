package io.strongroom.benchmarks;

import io.strongroom.testkit.Endpoint;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.endpoints.DynamoDbEndpointProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.endpoints.StsEndpointProvider;

import java.util.concurrent.CompletableFuture;

/**
 * How the load harness builds SDK v2 clients for one target: the same configuration whether the target is
 * Strongroom or moto. Every client has the endpoint override, region eu-west-1, the target's static
 * credentials and no retries ({@link Endpoint#client}); {@code sharedHttpClient} (when not null) is one Apache
 * client for all threads, else each client gets its own; {@code fixedEndpoint} resolves STS and DynamoDB
 * endpoints to the target URL without evaluating the SDK's endpoint rule set on every call. S3 always uses the
 * rule set (path-style addressing): its rules put the bucket into the URL and choose the signing properties, so
 * a fixed provider would change the request, not just its client-side cost.
 */
record SdkClients(Endpoint endpoint, SdkHttpClient sharedHttpClient, boolean fixedEndpoint) {

    StsClient sts() {
        StsClientBuilder builder = StsClient.builder();
        if (fixedEndpoint) {
            CompletableFuture<software.amazon.awssdk.endpoints.Endpoint> answer = fixed();
            builder.endpointProvider((StsEndpointProvider) params -> answer);
        }
        return build(builder);
    }

    DynamoDbClient dynamoDb() {
        DynamoDbClientBuilder builder = DynamoDbClient.builder();
        if (fixedEndpoint) {
            CompletableFuture<software.amazon.awssdk.endpoints.Endpoint> answer = fixed();
            builder.endpointProvider((DynamoDbEndpointProvider) params -> answer);
        }
        return build(builder);
    }

    S3Client s3() {
        return build(S3Client.builder().forcePathStyle(true));
    }

    private CompletableFuture<software.amazon.awssdk.endpoints.Endpoint> fixed() {
        return CompletableFuture.completedFuture(
                software.amazon.awssdk.endpoints.Endpoint.builder().url(endpoint.uri()).build());
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder) {
        if (sharedHttpClient != null) {
            builder.httpClient(sharedHttpClient);
        } else {
            builder.httpClientBuilder(ApacheHttpClient.builder());
        }
        return endpoint.client(builder, AwsBasicCredentials.create(endpoint.accessKeyId(), endpoint.secretAccessKey()));
    }
}
