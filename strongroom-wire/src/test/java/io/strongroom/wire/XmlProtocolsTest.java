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
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.CreateTagsRequest;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.ListRolesResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutBucketTaggingRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.Tagging;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.PolicyDescriptorType;

class XmlProtocolsTest {
    static Wire wire = Wire.forServices(List.of("sts", "iam", "ec2", "s3"));
    static LoopbackServer server;
    static StsClient sts;
    static IamClient iam;
    static Ec2Client ec2;
    static S3Client s3;
    static final Instant T = Instant.parse("2024-05-06T07:08:09Z");

    @BeforeAll
    static void start() throws Exception {
        server = new LoopbackServer(wire);
        sts = SdkClients.client(StsClient.builder(), server.endpoint());
        iam = SdkClients.client(IamClient.builder(), server.endpoint());
        ec2 = SdkClients.client(Ec2Client.builder(), server.endpoint());
        s3 = SdkClients.client(S3Client.builder().forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED), server.endpoint());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Call roundTrip(String service, SdkClient client, SdkRequest request, boolean form, String bucket,
                                  String host) {
        WireRequest w = SdkClients.toWire(SdkClients.marshal(client, request), host, form, bucket);
        // A bare "localhost" says nothing about the service: only a signature's scope does.
        String scope = host.startsWith("localhost") ? service : null;
        ServiceModel s = wire.resolveService(w, scope).orElseThrow();
        assertThat(s.name()).isEqualTo(service);
        Call call = wire.decode(s, w);
        assertThat(call.request()).isEqualTo(request);
        return call;
    }

    @Test
    void queryRequestsDecodeToTheSdkObject() {
        roundTrip("sts", sts, AssumeRoleRequest.builder().roleArn("arn:aws:iam::111122223333:role/r")
                .roleSessionName("s").durationSeconds(900).policyArns(PolicyDescriptorType.builder().arn("arn:p").build())
                .tags(software.amazon.awssdk.services.sts.model.Tag.builder().key("k").value("v").build())
                .transitiveTagKeys("k").build(), true, null, "sts.amazonaws.com");
        roundTrip("iam", iam, CreateRoleRequest.builder().roleName("r").assumeRolePolicyDocument("{\"a\":\"b c&d\"}")
                .maxSessionDuration(3600).tags(software.amazon.awssdk.services.iam.model.Tag.builder().key("k")
                        .value("v").build()).build(), true, null, "iam.amazonaws.com");
        roundTrip("iam", iam, software.amazon.awssdk.services.iam.model.ListRolesRequest.builder().pathPrefix("/a/")
                .maxItems(5).build(), true, null, "iam.amazonaws.com");
    }

    @Test
    void ec2RequestsDecodeToTheSdkObject() {
        roundTrip("ec2", ec2, DescribeInstancesRequest.builder().instanceIds("i-1", "i-2")
                .filters(Filter.builder().name("tag:Name").values("a", "b").build(), Filter.builder().name("x").build())
                .maxResults(10).dryRun(false).build(), true, null, "ec2.us-east-1.amazonaws.com");
        roundTrip("ec2", ec2, CreateTagsRequest.builder().resources("i-1").tags(Tag.builder().key("k").value("v").build())
                .build(), true, null, "ec2.amazonaws.com");
        roundTrip("ec2", ec2, software.amazon.awssdk.services.ec2.model.DescribeSnapshotsRequest.builder()
                .ownerIds("self").snapshotIds("snap-1").build(), true, null, "ec2.amazonaws.com");
    }

    @Test
    void restXmlRequestsDecodeToTheSdkObjectPathAndVirtualHostStyle() {
        PutObjectRequest put = PutObjectRequest.builder().bucket("b").key("dir/a b+c.txt").contentType("text/plain")
                .metadata(Map.of("color", "blue")).objectLockRetainUntilDate(T).storageClass("FUTURE_CLASS").build();
        Call c = roundTrip("s3", s3, put, false, "b", "localhost:4566");
        assertThat(c.operation().name()).isEqualTo("PutObject");
        Call v = roundTrip("s3", s3, put, false, null, "b.s3.localhost:4566");
        assertThat(v.operation().name()).isEqualTo("PutObject");
        roundTrip("s3", s3, put, false, null, "b.localhost");
        roundTrip("s3", s3, CreateMultipartUploadRequest.builder().bucket("b").key("k").build(), false, "b",
                "s3.localhost");
        roundTrip("s3", s3, PutBucketTaggingRequest.builder().bucket("b").tagging(Tagging.builder()
                .tagSet(software.amazon.awssdk.services.s3.model.Tag.builder().key("k").value("v").build()).build())
                .build(), false, "b", "localhost");
        roundTrip("s3", s3, DeleteObjectsRequest.builder().bucket("b").delete(Delete.builder().quiet(true)
                .objects(ObjectIdentifier.builder().key("a").build(), ObjectIdentifier.builder().key("b").versionId("1")
                        .build()).build()).build(), false, "b", "localhost");
        Call get = roundTrip("s3", s3, GetObjectRequest.builder().bucket("b").key("k").range("bytes=0-1")
                .partNumber(2).ifModifiedSince(T).build(), false, "b", "localhost");
        assertThat(get.operation().name()).isEqualTo("GetObject");
    }

    @Test
    void sdkClientsParseOurQueryAndEc2Responses() {
        AssumeRoleResponse assumed = AssumeRoleResponse.builder().credentials(Credentials.builder().accessKeyId("ASIA")
                .secretAccessKey("s").sessionToken("t").expiration(T).build()).packedPolicySize(6).sourceIdentity("x")
                .build();
        server.handler = c -> assumed;
        SdkAssertions.assertSameMembers(sts.assumeRole(b -> b.roleArn("arn:r").roleSessionName("s")), assumed);
        assertThat(new String(server.lastResponse.get().body(), StandardCharsets.UTF_8))
                .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>")
                .endsWith("</AssumeRoleResult><ResponseMetadata><RequestId>req-1234</RequestId></ResponseMetadata></AssumeRoleResponse>");

        GetCallerIdentityResponse id = GetCallerIdentityResponse.builder().account("111122223333")
                .arn("arn:aws:iam::111122223333:user/u").userId("AIDA").build();
        server.handler = c -> id;
        SdkAssertions.assertSameMembers(sts.getCallerIdentity(), id);

        ListRolesResponse roles = ListRolesResponse.builder().roles(Role.builder().roleName("r").arn("arn").path("/")
                .roleId("AROA").createDate(T).assumeRolePolicyDocument("%7B%7D").build()).isTruncated(false).build();
        server.handler = c -> roles;
        SdkAssertions.assertSameMembers(iam.listRoles(), roles);

        DescribeInstancesResponse instances = DescribeInstancesResponse.builder().reservations(Reservation.builder()
                .reservationId("r-1").ownerId("111122223333").instances(Instance.builder().instanceId("i-1")
                        .launchTime(T).tags(Tag.builder().key("k").value("v").build()).build()).build()).build();
        server.handler = c -> instances;
        SdkAssertions.assertSameMembers(ec2.describeInstances(), instances);
        assertThat(new String(server.lastResponse.get().body(), StandardCharsets.UTF_8))
                .contains("<DescribeInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>req-1234</requestId><reservationSet><item><reservationId>r-1</reservationId>");
    }

    @Test
    void sdkClientsParseOurRestXmlResponses() {
        ListBucketsResponse buckets = ListBucketsResponse.builder().buckets(Bucket.builder().name("b").creationDate(T)
                .build()).owner(o -> o.id("id").displayName("me")).build();
        server.handler = c -> buckets;
        SdkAssertions.assertSameMembers(s3.listBuckets(), buckets);
        assertThat(new String(server.lastResponse.get().body(), StandardCharsets.UTF_8))
                .contains("<ListAllMyBucketsResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Buckets><Bucket><Name>b</Name>");

        ListObjectsV2Response objects = ListObjectsV2Response.builder().name("b").keyCount(2).isTruncated(false)
                .contents(S3Object.builder().key("a").size(3L).lastModified(T).eTag("\"e\"").build(),
                        S3Object.builder().key("b").size(0L).lastModified(T).build()).maxKeys(1000).build();
        server.handler = c -> objects;
        SdkAssertions.assertSameMembers(s3.listObjectsV2(b -> b.bucket("b")), objects);

        GetObjectResponse meta = GetObjectResponse.builder().contentType("text/plain").contentLength(5L)
                .metadata(Map.of("color", "blue")).lastModified(T).eTag("\"e\"").build();
        server.handler = c -> meta;
        server.streamingBody = "hello".getBytes(StandardCharsets.UTF_8);
        var bytes = s3.getObjectAsBytes(b -> b.bucket("b").key("dir/k"));
        server.streamingBody = null;
        assertThat(bytes.asUtf8String()).isEqualTo("hello");
        SdkAssertions.assertSameMembers(bytes.response(), meta);

        server.handler = c -> software.amazon.awssdk.services.s3.model.PutObjectResponse.builder().eTag("\"x\"").build();
        assertThat(s3.putObject(b -> b.bucket("b").key("k"), RequestBody.fromString("data")).eTag()).isEqualTo("\"x\"");
        assertThat(server.lastCall.get().operation().name()).isEqualTo("PutObject");
    }

    @Test
    void sdkClientsParseOurXmlErrors() {
        server.handler = c -> {
            throw new ServiceException(ErrorCode.of("NoSuchEntity"), "The role with name r cannot be found.");
        };
        NoSuchEntityException e = catchThrowableOfType(NoSuchEntityException.class, () -> iam.getRole(b -> b.roleName("r")));
        assertThat(e.statusCode()).isEqualTo(404);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchEntity");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The role with name r cannot be found.");
        assertThat(e.requestId()).isEqualTo("req-1234");

        server.handler = c -> {
            throw new ServiceException(ErrorCode.of("InvalidInstanceID.NotFound"), "The instance ID 'i-1' does not exist");
        };
        Ec2Exception ee = catchThrowableOfType(Ec2Exception.class, () -> ec2.describeInstances());
        assertThat(ee.statusCode()).isEqualTo(400);
        assertThat(ee.awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceID.NotFound");
        assertThat(ee.requestId()).isEqualTo("req-1234");

        server.handler = c -> {
            throw new ServiceException(ErrorCode.of("NoSuchBucket"), "The specified bucket does not exist",
                    Map.of("BucketName", "b"));
        };
        NoSuchBucketException nb = catchThrowableOfType(NoSuchBucketException.class, () -> s3.listObjectsV2(b -> b.bucket("b")));
        assertThat(nb.statusCode()).isEqualTo(404);
        assertThat(nb.awsErrorDetails().errorMessage()).isEqualTo("The specified bucket does not exist");
        assertThat(nb.requestId()).isEqualTo("req-1234");
        assertThat(new String(server.lastResponse.get().body(), StandardCharsets.UTF_8)).isEqualTo(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchBucket</Code><Message>The specified bucket"
                        + " does not exist</Message><BucketName>b</BucketName><RequestId>req-1234</RequestId><HostId>"
                        + server.lastResponse.get().headers().firstOrNull("x-amz-id-2") + "</HostId></Error>");
    }

    @Test
    void unknownActionsAndMalformedInputGetTheProtocolsErrors() {
        ServiceModel stsModel = wire.service("sts").orElseThrow();
        WireRequest unknown = new WireRequest("POST", "/", null,
                Headers.of("Content-Type", "application/x-www-form-urlencoded"),
                "Action=Nope&Version=2011-06-15".getBytes(StandardCharsets.UTF_8), null);
        ServiceException e = catchThrowableOfType(ServiceException.class, () -> wire.decode(stsModel, unknown));
        WireResponse r = wire.encodeError(stsModel, e, "rid");
        assertThat(r.status()).isEqualTo(400);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>"
                + "<Code>InvalidAction</Code><Message>Could not find operation Nope for version 2011-06-15</Message>"
                + "</Error><RequestId>rid</RequestId></ErrorResponse>");

        WireRequest badValue = new WireRequest("POST", "/", "Action=AssumeRole&Version=2011-06-15&DurationSeconds=abc",
                new Headers(), null, null);
        assertThat(catchThrowableOfType(ServiceException.class, () -> wire.decode(stsModel, badValue)).code())
                .isEqualTo("InvalidParameterValue");
        WireRequest badEscape = new WireRequest("POST", "/", "Action=AssumeRole&Version=2011-06-15&RoleArn=%zz",
                new Headers(), null, null);
        assertThat(catchThrowableOfType(ServiceException.class, () -> wire.decode(stsModel, badEscape)).code())
                .isEqualTo("MalformedQueryString");

        ServiceModel ec2Model = wire.service("ec2").orElseThrow();
        ServiceException ue = catchThrowableOfType(ServiceException.class, () -> wire.decode(ec2Model,
                new WireRequest("POST", "/", "Action=Nope&Version=2016-11-15", new Headers(), null, null)));
        assertThat(new String(wire.encodeError(ec2Model, ue, "rid").body(), StandardCharsets.UTF_8)).isEqualTo(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>InvalidAction</Code>"
                        + "<Message>Could not find operation Nope for version 2016-11-15</Message></Error></Errors>"
                        + "<RequestID>rid</RequestID></Response>");

        ServiceModel s3Model = wire.service("s3").orElseThrow();
        ServiceException mx = catchThrowableOfType(ServiceException.class, () -> wire.decode(s3Model,
                new WireRequest("PUT", "/b", "tagging", Headers.of("Host", "localhost"), "<Tagging><TagSet>".getBytes(),
                        null)));
        assertThat(mx.code()).isEqualTo("MalformedXML");
        assertThat(wire.encodeError(s3Model, mx, "rid").status()).isEqualTo(400);
        ServiceException mna = catchThrowableOfType(ServiceException.class, () -> wire.decode(s3Model,
                new WireRequest("PATCH", "/b/k", null, Headers.of("Host", "localhost"), null, null)));
        assertThat(mna.code()).isEqualTo("MethodNotAllowed");
        assertThat(wire.encodeError(s3Model, mna, "rid").status()).isEqualTo(405);
    }
}
