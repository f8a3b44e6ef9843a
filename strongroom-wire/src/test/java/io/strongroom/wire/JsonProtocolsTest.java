package io.strongroom.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.strongroom.kernel.ErrorCode;
import io.strongroom.kernel.ServiceException;
import io.strongroom.wire.http.Headers;
import io.strongroom.wire.http.WireRequest;
import io.strongroom.wire.http.WireResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.BackupPlanInput;
import software.amazon.awssdk.services.backup.model.BackupRuleInput;
import software.amazon.awssdk.services.backup.model.CreateBackupPlanRequest;
import software.amazon.awssdk.services.backup.model.DescribeBackupVaultRequest;
import software.amazon.awssdk.services.backup.model.DescribeBackupVaultResponse;
import software.amazon.awssdk.services.backup.model.Lifecycle;
import software.amazon.awssdk.services.backup.model.ListRecoveryPointsByBackupVaultRequest;
import software.amazon.awssdk.services.backup.model.TagResourceRequest;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsRequest;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DescribeKeyRequest;
import software.amazon.awssdk.services.kms.model.DescribeKeyResponse;
import software.amazon.awssdk.services.kms.model.EncryptRequest;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.CreatePolicyRequest;
import software.amazon.awssdk.services.organizations.model.Tag;

class JsonProtocolsTest {
    static Wire wire = Wire.forServices(List.of("dynamodb", "kms", "cloudtrail", "organizations", "backup"));
    static LoopbackServer server;
    static DynamoDbClient dynamo;
    static KmsClient kms;
    static CloudTrailClient cloudtrail;
    static OrganizationsClient orgs;
    static BackupClient backup;
    static final Instant T = Instant.parse("2024-05-06T07:08:09.123Z");

    @BeforeAll
    static void start() throws Exception {
        server = new LoopbackServer(wire);
        dynamo = SdkClients.client(DynamoDbClient.builder(), server.endpoint());
        kms = SdkClients.client(KmsClient.builder(), server.endpoint());
        cloudtrail = SdkClients.client(CloudTrailClient.builder(), server.endpoint());
        orgs = SdkClients.client(OrganizationsClient.builder(), server.endpoint());
        backup = SdkClients.client(BackupClient.builder(), server.endpoint());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Call roundTrip(String service, SdkClient client, SdkRequest request) {
        WireRequest w = SdkClients.toWire(SdkClients.marshal(client, request), service + ".us-east-1.amazonaws.com",
                false, null);
        ServiceModel s = wire.resolveService(w, null).orElseThrow();
        assertThat(s.name()).isEqualTo(service);
        Call call = wire.decode(s, w);
        assertThat(call.request()).isEqualTo(request);
        return call;
    }

    @Test
    void awsJson10RequestsDecodeToTheSdkObject() {
        roundTrip("dynamodb", dynamo, PutItemRequest.builder().tableName("t")
                .item(Map.of("pk", AttributeValue.fromS("a"), "n", AttributeValue.fromN("1.5"),
                        "b", AttributeValue.fromB(SdkBytes.fromUtf8String("bin")),
                        "l", AttributeValue.fromL(List.of(AttributeValue.fromBool(true), AttributeValue.fromNul(true))),
                        "m", AttributeValue.fromM(Map.of("x", AttributeValue.fromSs(List.of("p", "q"))))))
                .conditionExpression("attribute_not_exists(pk)").build());
        roundTrip("dynamodb", dynamo, QueryRequest.builder().tableName("t").keyConditionExpression("pk = :v")
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("a"))).limit(10)
                .scanIndexForward(false).select("UNKNOWN_FUTURE_SELECT").build());
        roundTrip("dynamodb", dynamo, GetItemRequest.builder().tableName("t").consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("a"))).attributesToGet("a", "b").build());
    }

    @Test
    void awsJson11RequestsDecodeToTheSdkObject() {
        Call c = roundTrip("kms", kms, EncryptRequest.builder().keyId("alias/x")
                .plaintext(SdkBytes.fromByteArray(new byte[] {0, 1, 2, (byte) 255}))
                .encryptionContext(Map.of("k", "v")).grantTokens("g1", "g2").build());
        assertThat(c.operation().name()).isEqualTo("Encrypt");
        roundTrip("cloudtrail", cloudtrail, LookupEventsRequest.builder().startTime(T).endTime(T.plusSeconds(60))
                .lookupAttributes(LookupAttribute.builder().attributeKey("EventName").attributeValue("x").build())
                .maxResults(5).build());
        roundTrip("organizations", orgs, CreatePolicyRequest.builder().name("p").content("{}").type("SERVICE_CONTROL_POLICY")
                .description("d").tags(Tag.builder().key("k").value("v").build()).build());
    }

    @Test
    void restJsonRequestsDecodeToTheSdkObject() {
        roundTrip("backup", backup, CreateBackupPlanRequest.builder().backupPlan(BackupPlanInput.builder()
                .backupPlanName("plan").rules(BackupRuleInput.builder().ruleName("r").targetBackupVaultName("v")
                        .scheduleExpression("cron(0 5 ? * * *)").lifecycle(Lifecycle.builder().deleteAfterDays(35L).build())
                        .recoveryPointTags(Map.of("a", "b")).build()).build())
                .backupPlanTags(Map.of("t", "v")).creatorRequestId("req").build());
        Call c = roundTrip("backup", backup, ListRecoveryPointsByBackupVaultRequest.builder()
                .backupVaultName("my vault/x").byCreatedAfter(T).byResourceType("EFS").maxResults(3).nextToken("n")
                .build());
        assertThat(c.operation().name()).isEqualTo("ListRecoveryPointsByBackupVault");
        roundTrip("backup", backup, TagResourceRequest.builder()
                .resourceArn("arn:aws:backup:us-east-1:111122223333:backup-vault:v").tags(Map.of("k", "v")).build());
        roundTrip("backup", backup, DescribeBackupVaultRequest.builder().backupVaultName("v")
                .backupVaultAccountId("111122223333").build());
    }

    @Test
    void sdkClientsParseOurResponses() {
        GetItemResponse item = GetItemResponse.builder().item(Map.of("pk", AttributeValue.fromS("a"),
                "b", AttributeValue.fromB(SdkBytes.fromUtf8String("x")), "n", AttributeValue.fromN("7"))).build();
        server.handler = c -> item;
        GetItemResponse gotItem = dynamo.getItem(b -> b.tableName("t").key(Map.of("pk", AttributeValue.fromS("a"))));
        SdkAssertions.assertSameMembers(gotItem, item);

        DescribeKeyResponse key = DescribeKeyResponse.builder().keyMetadata(KeyMetadata.builder().keyId("k")
                .arn("arn:aws:kms:us-east-1:111122223333:key/k").creationDate(T).enabled(true)
                .keyState("SomeFutureState").keyUsage("ENCRYPT_DECRYPT").encryptionAlgorithmsWithStrings("SYMMETRIC_DEFAULT")
                .build()).build();
        server.handler = c -> key;
        DescribeKeyResponse got = kms.describeKey(DescribeKeyRequest.builder().keyId("k").build());
        SdkAssertions.assertSameMembers(got, key);
        assertThat(got.keyMetadata().keyStateAsString()).isEqualTo("SomeFutureState");

        LookupEventsResponse events = LookupEventsResponse.builder().events(Event.builder().eventId("e")
                .eventTime(T).eventName("CreateTrail").cloudTrailEvent("{\"a\":1}").build()).nextToken("n").build();
        server.handler = c -> events;
        SdkAssertions.assertSameMembers(cloudtrail.lookupEvents(b -> b.maxResults(1)), events);

        DescribeBackupVaultResponse vault = DescribeBackupVaultResponse.builder().backupVaultName("v")
                .backupVaultArn("arn:aws:backup:us-east-1:111122223333:backup-vault:v").creationDate(T)
                .numberOfRecoveryPoints(3L).locked(true).minRetentionDays(7L).lockDate(T.plusSeconds(5)).build();
        server.handler = c -> vault;
        SdkAssertions.assertSameMembers(backup.describeBackupVault(b -> b.backupVaultName("v")), vault);
    }

    @Test
    void sdkClientsParseOurErrors() {
        server.handler = c -> {
            throw new ServiceException(ErrorCode.of("NotFoundException"), "Key 'k' does not exist");
        };
        NotFoundException e = catchThrowableOfType(NotFoundException.class,
                () -> kms.describeKey(b -> b.keyId("k")));
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotFoundException");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Key 'k' does not exist");
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.requestId()).isEqualTo("req-1234");

        server.handler = c -> {
            throw new ServiceException(ErrorCode.of("ResourceNotFoundException"), "Backup vault v does not exist",
                    Map.of("Code", "ERROR_3002", "Type", "User"));
        };
        var be = catchThrowableOfType(software.amazon.awssdk.services.backup.model.ResourceNotFoundException.class,
                () -> backup.describeBackupVault(b -> b.backupVaultName("v")));
        assertThat(be.statusCode()).isEqualTo(400);
        assertThat(be.code()).isEqualTo("ERROR_3002");
        assertThat(be.type()).isEqualTo("User");
        assertThat(be.awsErrorDetails().errorMessage()).isEqualTo("Backup vault v does not exist");
        assertThat(be.requestId()).isEqualTo("req-1234");

        server.handler = c -> {
            throw new ServiceException(ErrorCode.of("ResourceNotFoundException"), "Requested resource not found");
        };
        var de = catchThrowableOfType(software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException.class,
                () -> dynamo.getItem(b -> b.tableName("t").key(Map.of("pk", AttributeValue.fromS("a")))));
        assertThat(de.statusCode()).isEqualTo(400);
        assertThat(de.awsErrorDetails().errorMessage()).isEqualTo("Requested resource not found");
    }

    @Test
    void modeledErrorMembersReachTheSdk() {
        var reasons = software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException.builder()
                .cancellationReasons(
                        software.amazon.awssdk.services.dynamodb.model.CancellationReason.builder().code("None")
                                .build(),
                        software.amazon.awssdk.services.dynamodb.model.CancellationReason.builder()
                                .code("ConditionalCheckFailed").message("The conditional request failed")
                                .item(Map.of("pk", AttributeValue.fromS("a"), "n", AttributeValue.fromN("1")))
                                .build())
                .build();
        server.handler = c -> {
            throw new io.strongroom.wire.codec.ModeledError(new ServiceException(
                    ErrorCode.of("TransactionCanceledException"), "Transaction cancelled"), reasons);
        };
        var e = catchThrowableOfType(software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException.class,
                () -> dynamo.transactWriteItems(b -> b.transactItems(t -> t.put(p -> p.tableName("t")
                        .item(Map.of("pk", AttributeValue.fromS("a")))))));
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Transaction cancelled");
        assertThat(e.cancellationReasons()).isEqualTo(reasons.cancellationReasons());
    }

    @Test
    void unknownOperationAndMalformedBodiesGetTheProtocolsErrors() {
        ServiceModel kmsModel = wire.service("kms").orElseThrow();
        WireRequest unknown = new WireRequest("POST", "/", null,
                Headers.of("X-Amz-Target", "TrentService.Nope", "Content-Type", "application/x-amz-json-1.1"),
                "{}".getBytes(StandardCharsets.UTF_8), null);
        ServiceException e = catchThrowableOfType(ServiceException.class, () -> wire.decode(kmsModel, unknown));
        WireResponse r = wire.encodeError(kmsModel, e, "rid");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.headers().firstOrNull("x-amzn-ErrorType")).isEqualTo("UnknownOperationException");
        assertThat(new String(r.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"__type\":\"UnknownOperationException\",\"message\":\"Unknown operation TrentService.Nope\"}");
        assertThat(r.headers().firstOrNull("x-amzn-RequestId")).isEqualTo("rid");

        for (String body : List.of("{not json", "[1]", "{\"KeyId\": 5}", "{\"Plaintext\": \"%%%\"}",
                "{\"GrantTokens\": \"x\"}", "{\"EncryptionContext\": [1]}")) {
            WireRequest bad = new WireRequest("POST", "/", null, Headers.of("X-Amz-Target", "TrentService.Encrypt"),
                    body.getBytes(StandardCharsets.UTF_8), null);
            ServiceException se = catchThrowableOfType(ServiceException.class, () -> wire.decode(kmsModel, bad));
            assertThat(se.code()).as(body).isEqualTo("SerializationException");
            assertThat(wire.encodeError(kmsModel, se, "rid").status()).isEqualTo(400);
        }

        ServiceModel backupModel = wire.service("backup").orElseThrow();
        ServiceException nr = catchThrowableOfType(ServiceException.class, () -> wire.decode(backupModel,
                new WireRequest("GET", "/no/such/route", null, new Headers(), null, null)));
        WireResponse nrr = wire.encodeError(backupModel, nr, "rid");
        assertThat(nrr.status()).isEqualTo(404);
        assertThat(nrr.headers().firstOrNull("x-amzn-ErrorType")).isEqualTo("UnknownOperationException");

        ServiceException bb = catchThrowableOfType(ServiceException.class, () -> wire.decode(backupModel,
                new WireRequest("PUT", "/backup/plans/", null, new Headers(), "{\"BackupPlan\":3}".getBytes(), null)));
        assertThat(bb.code()).isEqualTo("SerializationException");
    }
}
