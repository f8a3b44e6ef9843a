package io.strongroom.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.strongroom.wire.http.WireRequest;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;

/** Every operation of every served service, marshalled by the SDK, routes back to itself. */
class RoutingTest {
    /**
     * Requests the SDK sends identically: S3 Express's ListDirectoryBuckets goes to another endpoint than
     * ListBuckets; WriteGetObjectResponse goes to an Object Lambda host. Neither is served through this router.
     */
    private static final java.util.Set<String> AMBIGUOUS = java.util.Set.of("s3:ListDirectoryBuckets",
            "s3:WriteGetObjectResponse");
    private static final URI ENDPOINT = URI.create("http://localhost:1");
    private static final Map<String, String> CLIENTS = Map.ofEntries(
            Map.entry("sts", "software.amazon.awssdk.services.sts.StsClient"),
            Map.entry("iam", "software.amazon.awssdk.services.iam.IamClient"),
            Map.entry("cloudtrail", "software.amazon.awssdk.services.cloudtrail.CloudTrailClient"),
            Map.entry("kms", "software.amazon.awssdk.services.kms.KmsClient"),
            Map.entry("organizations", "software.amazon.awssdk.services.organizations.OrganizationsClient"),
            Map.entry("backup", "software.amazon.awssdk.services.backup.BackupClient"),
            Map.entry("dynamodb", "software.amazon.awssdk.services.dynamodb.DynamoDbClient"),
            Map.entry("s3", "software.amazon.awssdk.services.s3.S3Client"),
            Map.entry("ec2", "software.amazon.awssdk.services.ec2.Ec2Client"),
            Map.entry("rds", "software.amazon.awssdk.services.rds.RdsClient"),
            Map.entry("elasticfilesystem", "software.amazon.awssdk.services.efs.EfsClient"),
            Map.entry("tagging",
                    "software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient"));

    @Test
    void everyOperationOfEveryServiceRoutesBackToItself() throws Exception {
        Wire wire = Wire.forServices(CLIENTS.keySet());
        List<String> wrong = new ArrayList<>();
        List<String> notMarshallable = new ArrayList<>();
        int routed = 0;
        for (ServiceModel service : wire.services()) {
            assertThat(service.operations()).as(service.name()).hasSizeGreaterThan(5);
            SdkClient client = client(CLIENTS.get(service.name()));
            boolean query = service.protocol() == Protocol.QUERY || service.protocol() == Protocol.EC2;
            for (OperationModel op : service.operations()) {
                SdkRequest request = minimal(op.requestType());
                String bucket = service.protocol() == Protocol.REST_XML
                        ? request.getValueForField("Bucket", String.class).orElse(null) : null;
                if (AMBIGUOUS.contains(service.name() + ":" + op.name())) {
                    continue;
                }
                software.amazon.awssdk.http.SdkHttpFullRequest marshalled;
                try {
                    marshalled = SdkClients.marshal(client, request);
                } catch (IllegalStateException e) {
                    // Required nested payload members we do not fill in: the SDK refuses to marshal.
                    notMarshallable.add(service.name() + ":" + op.name());
                    continue;
                }
                try {
                    WireRequest w = SdkClients.toWire(marshalled, "localhost", query, bucket);
                    ServiceModel resolved = wire.resolveService(w, service.signingName()).orElseThrow();
                    Call call = wire.decode(resolved, w);
                    if (!call.operation().name().equals(op.name())) {
                        wrong.add(service.name() + ":" + op.name() + " -> " + call.operation().name());
                    }
                } catch (RuntimeException e) {
                    wrong.add(service.name() + ":" + op.name() + " -> " + e);
                }
                routed++;
            }
        }
        assertThat(wrong).as("misrouted of %d", routed).isEmpty();
        assertThat(notMarshallable).hasSizeLessThan(12);
        assertThat(routed).isGreaterThan(1500);
    }

    private static SdkClient client(String interfaceName) throws Exception {
        Method builder = Class.forName(interfaceName).getMethod("builder");
        @SuppressWarnings({"unchecked", "rawtypes"})
        AwsClientBuilder b = (AwsClientBuilder) builder.invoke(null);
        return (SdkClient) SdkClients.client(b, ENDPOINT);
    }

    /** Path labels and the members that pick one S3 route over another get a value; nothing else. */
    private static SdkRequest minimal(Class<? extends SdkRequest> type) throws Exception {
        SdkPojo builder = (SdkPojo) type.getMethod("builder").invoke(null);
        for (SdkField<?> f : builder.sdkFields()) {
            boolean label = f.location() == MarshallLocation.PATH || f.location() == MarshallLocation.GREEDY_PATH;
            boolean required = f.containsTrait(software.amazon.awssdk.core.traits.RequiredTrait.class);
            if (required && f.containsTrait(software.amazon.awssdk.core.traits.PayloadTrait.class)) {
                // The SDK refuses to marshal a missing explicit payload.
                if (f.marshallingType() == MarshallingType.SDK_POJO) {
                    f.set(builder, ((software.amazon.awssdk.utils.builder.SdkBuilder<?, ?>) f.constructor().get()).build());
                } else if (f.marshallingType() == MarshallingType.STRING) {
                    f.set(builder, "{}");
                } else if (f.marshallingType() == MarshallingType.SDK_BYTES) {
                    f.set(builder, software.amazon.awssdk.core.SdkBytes.fromUtf8String(""));
                }
                continue;
            }
            if (required && f.location() == MarshallLocation.PAYLOAD) {
                continue;
            }
            if (!label && !required) {
                continue;
            }
            if (f.marshallingType() == MarshallingType.STRING) {
                f.set(builder, "x" + f.memberName());
            } else if (f.marshallingType() == MarshallingType.INTEGER) {
                f.set(builder, 1);
            } else if (f.marshallingType() == MarshallingType.LONG) {
                f.set(builder, 1L);
            } else if (f.marshallingType() == MarshallingType.BOOLEAN) {
                f.set(builder, true);
            }
        }
        return (SdkRequest) ((software.amazon.awssdk.utils.builder.SdkBuilder<?, ?>) builder).build();
    }
}
