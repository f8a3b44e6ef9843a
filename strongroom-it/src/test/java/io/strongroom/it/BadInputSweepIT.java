package io.strongroom.it;

import io.strongroom.api.OperationSpec;
import io.strongroom.api.ServiceApi;
import io.strongroom.testkit.Endpoint;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.RequiredTrait;
import software.amazon.awssdk.core.traits.TraitType;
import software.amazon.awssdk.utils.builder.SdkBuilder;
import software.amazon.awssdk.services.accessanalyzer.AccessAnalyzerClient;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every served operation through the SDK v2: once with no members, once with the required ones naming real
 * resources, then with each member in turn set to values no valid request has (empty, very long, negative, the
 * largest numbers, wrong values inside lists, maps and structures). Whatever the service answers, it is an answer:
 * never a 5xx, a dropped connection or a response the SDK cannot read. Decisions D93 to D95 came from this sweep.
 */
class BadInputSweepIT {
    private static final Pattern LAST = Pattern.compile("^(Delete|Remove|Terminate|Leave|Close|Disable|Deregister"
            + "|Detach|Stop|Cancel|Untag|Schedule|Revoke|Retire|Move|Update|Modify|Put|Disassociate|Abort)");
    private static final int MODES = 3;
    static TestServer server;
    static Map<String, AutoCloseable> clients = new HashMap<>();
    static Map<String, Object> known = new HashMap<>();

    @BeforeAll
    static void start() {
        server = TestServer.start();
        Endpoint e = server.endpoint();
        clients.put("sts", e.client(StsClient.builder()));
        clients.put("cloudtrail", e.client(CloudTrailClient.builder()));
        clients.put("organizations", e.client(OrganizationsClient.builder()));
        clients.put("iam", e.client(IamClient.builder()));
        clients.put("accessanalyzer", e.client(AccessAnalyzerClient.builder()));
        clients.put("dynamodb", e.client(DynamoDbClient.builder()));
        clients.put("s3", e.client(S3Client.builder().forcePathStyle(true)));
        clients.put("elasticfilesystem", e.client(EfsClient.builder()));
        clients.put("kms", e.client(KmsClient.builder()));
        clients.put("ec2", e.client(Ec2Client.builder()));
        clients.put("rds", e.client(RdsClient.builder()));
        clients.put("backup", e.client(BackupClient.builder()));
        clients.put("tagging", e.client(ResourceGroupsTaggingApiClient.builder()));
        makeKnownResources();
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : clients.values()) {
            c.close();
        }
        server.close();
    }

    /** Resources whose names fill the members of the same name, so calls get past "not found". */
    private static void makeKnownResources() {
        ((DynamoDbClient) clients.get("dynamodb")).createTable(r -> r.tableName("sweep-table")
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .billingMode("PAY_PER_REQUEST"));
        known.put("TableName", "sweep-table");
        S3Client s3 = (S3Client) clients.get("s3");
        s3.createBucket(r -> r.bucket("sweep-bucket").createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
        s3.putObject(r -> r.bucket("sweep-bucket").key("sweep-object"), RequestBody.fromString("data"));
        known.put("Bucket", "sweep-bucket");
        known.put("Key", "sweep-object");
        ((BackupClient) clients.get("backup")).createBackupVault(r -> r.backupVaultName("sweep-vault"));
        known.put("BackupVaultName", "sweep-vault");
        known.put("KeyId", ((KmsClient) clients.get("kms")).createKey(r -> { }).keyMetadata().keyId());
        ((IamClient) clients.get("iam")).createRole(r -> r.roleName("sweep-role").assumeRolePolicyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                        + "\"backup.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"));
        known.put("RoleName", "sweep-role");
        known.put("VolumeId", ((Ec2Client) clients.get("ec2")).createVolume(r -> r.availabilityZone("eu-west-1a")
                .size(1)).volumeId());
    }

    @Test
    void everyOperationAnswersBadInputWithoutAServerFault() throws Exception {
        List<String> faults = new ArrayList<>();
        int calls = 0;
        for (ServiceApi api : server.server().apis()) {
            Object client = clients.get(api.serviceName());
            assertThat(client).as("an SDK client for " + api.serviceName()).isNotNull();
            List<OperationSpec<?, ?>> specs = new ArrayList<>(api.operations().values());
            specs.sort(Comparator.comparing((OperationSpec<?, ?> s) -> LAST.matcher(s.name()).find())
                    .thenComparing(OperationSpec::name));
            for (OperationSpec<?, ?> spec : specs) {
                Method method = sdkMethod(client, spec.requestType());
                String op = api.serviceName() + " " + spec.name();
                List<SdkField<?>> fields = fields(spec.requestType());
                calls += call(client, method, build(spec.requestType(), Map.of()), op + " with no members", faults);
                Map<String, Object> base = new LinkedHashMap<>();
                for (SdkField<?> f : fields) {
                    boolean named = f.marshallingType() == MarshallingType.STRING && known.containsKey(f.memberName());
                    if (named || f.containsTrait(RequiredTrait.class, TraitType.REQUIRED_TRAIT)) {
                        Object v = named ? known.get(f.memberName()) : garbage(f, 0, 1);
                        if (v != null) {
                            base.put(f.memberName(), v);
                        }
                    }
                }
                calls += call(client, method, build(spec.requestType(), base), op + " with " + base.keySet(), faults);
                for (SdkField<?> f : fields) {
                    for (int mode = 0; mode < MODES; mode++) {
                        Object bad = garbage(f, mode, 1);
                        if (bad == null) {
                            continue;
                        }
                        Map<String, Object> members = new LinkedHashMap<>(base);
                        members.put(f.memberName(), bad);
                        calls += call(client, method, build(spec.requestType(), members),
                                op + " " + f.memberName() + " (" + mode + ")", faults);
                    }
                }
            }
        }
        assertThat(calls).isGreaterThan(3000);
        assertThat(faults).as(calls + " calls").isEmpty();
    }

    /** The client's method for a request type: {@code op(Request)} or, for uploads, {@code op(Request, RequestBody)}. */
    private static Method sdkMethod(Object client, Class<?> requestType) {
        for (Class<?> type : client.getClass().getInterfaces()) {
            for (Method m : type.getMethods()) {
                Class<?>[] p = m.getParameterTypes();
                if (!m.getName().endsWith("Paginator") && p.length >= 1 && p[0] == requestType
                        && (p.length == 1 || (p.length == 2 && p[1] == RequestBody.class))) {
                    return m;
                }
            }
        }
        throw new AssertionError("no SDK method takes " + requestType.getSimpleName());
    }

    private static int call(Object client, Method method, Object request, String what, List<String> faults) {
        try {
            Object result = method.getParameterCount() == 2
                    ? method.invoke(client, request, RequestBody.fromString("sweep"))
                    : method.invoke(client, request);
            if (result instanceof AutoCloseable stream) {
                stream.close();
            }
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SdkServiceException service) {
                if (service.statusCode() >= 500) {
                    faults.add(what + ": " + service.statusCode() + " " + service.getMessage());
                }
            } else if (cause instanceof SdkClientException refused && serverCaused(refused)) {
                faults.add(what + ": " + refused);
            }
            // Anything else is the SDK refusing the request before sending it.
        } catch (Exception e) {
            faults.add(what + ": " + e);
        }
        return 1;
    }

    /** A dropped or timed-out connection, or an answer the SDK could not read; not its own checks of the input. */
    private static boolean serverCaused(SdkClientException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException || String.valueOf(t.getMessage()).contains("Unable to unmarshall")) {
                return true;
            }
        }
        return false;
    }

    private static List<SdkField<?>> fields(Class<?> requestType) throws Exception {
        SdkPojo builder = (SdkPojo) requestType.getMethod("builder").invoke(null);
        return builder.sdkFields();
    }

    private static Object build(Class<?> requestType, Map<String, Object> members) throws Exception {
        SdkPojo builder = (SdkPojo) requestType.getMethod("builder").invoke(null);
        for (SdkField<?> f : builder.sdkFields()) {
            if (members.containsKey(f.memberName())) {
                f.set(builder, members.get(f.memberName()));
            }
        }
        return ((SdkBuilder<?, ?>) builder).build();
    }

    /** A value of the member's type no valid request has; null where nesting goes too deep. */
    private static Object garbage(SdkField<?> f, int mode, int depth) {
        if (depth > 3) {
            return null;
        }
        MarshallingType<?> type = f.marshallingType();
        if (type == MarshallingType.STRING) {
            return new String[]{"!!bad value!!", "", "x".repeat(2000)}[mode];
        } else if (type == MarshallingType.INTEGER) {
            return new Integer[]{-1, 0, Integer.MAX_VALUE}[mode];
        } else if (type == MarshallingType.LONG) {
            return new Long[]{-1L, 0L, Long.MAX_VALUE}[mode];
        } else if (type == MarshallingType.SHORT) {
            return new Short[]{-1, 0, Short.MAX_VALUE}[mode];
        } else if (type == MarshallingType.DOUBLE) {
            return new Double[]{-1.5, 0.0, Double.MAX_VALUE}[mode];
        } else if (type == MarshallingType.FLOAT) {
            return new Float[]{-1.5f, 0f, Float.MAX_VALUE}[mode];
        } else if (type == MarshallingType.BOOLEAN) {
            return mode != 1;
        } else if (type == MarshallingType.INSTANT) {
            return new Instant[]{Instant.EPOCH, Instant.parse("1900-01-01T00:00:00Z"),
                    Instant.parse("9999-12-31T23:59:59Z")}[mode];
        } else if (type == MarshallingType.SDK_BYTES) {
            return new SdkBytes[]{SdkBytes.fromUtf8String("\u0000"), SdkBytes.fromByteArray(new byte[0]),
                    SdkBytes.fromByteArray(new byte[300_000])}[mode];
        } else if (type == MarshallingType.LIST) {
            Object element = garbage(f.getRequiredTrait(ListTrait.class,
                    TraitType.LIST_TRAIT).memberFieldInfo(), mode, depth + 1);
            if (element == null || mode == 1) {
                return List.of();
            }
            // Many elements, except in a header: 120 of them there would pass any server's header limit (8 KB),
            // and a server refusing the header section may close while the client still writes it.
            boolean header = f.location() == software.amazon.awssdk.core.protocol.MarshallLocation.HEADER;
            return mode == 0 ? List.of(element)
                    : java.util.Collections.nCopies(header ? 2 : depth == 1 ? 120 : 3, element);
        } else if (type == MarshallingType.MAP) {
            Object value = garbage(f.getRequiredTrait(MapTrait.class,
                    TraitType.MAP_TRAIT).valueFieldInfo(), mode, depth + 1);
            if (value == null || mode == 1) {
                return Map.of();
            }
            return Map.of(mode == 0 ? "!!bad key!!" : "aws:reserved", value);
        } else if (type == MarshallingType.SDK_POJO) {
            Supplier<SdkPojo> constructor = f.constructor();
            SdkPojo nested = constructor.get();
            for (SdkField<?> inner : nested.sdkFields()) {
                Object v = garbage(inner, mode, depth + 1);
                if (v != null) {
                    inner.set(nested, v);
                }
            }
            return ((SdkBuilder<?, ?>) nested).build();
        }
        return null;
    }
}
