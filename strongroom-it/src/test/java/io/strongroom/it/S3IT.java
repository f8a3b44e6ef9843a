package io.strongroom.it;

import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateBucketConfiguration;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Tagging;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** S3 through the SDK v2 client, path style: buckets, objects, listings, multipart, versioning, tags, policy. */
class S3IT {
    static TestServer server;
    static S3Client s3;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        s3 = server.endpoint().client(S3Client.builder().forcePathStyle(true));
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    static void bucket(String name) {
        s3.createBucket(b -> b.bucket(name).createBucketConfiguration(CreateBucketConfiguration.builder()
                .locationConstraint(BucketLocationConstraint.EU_WEST_1).build()));
    }

    static void put(String bucket, String key, String body) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(body));
    }

    static String get(String bucket, String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
    }

    static AwsServiceException failure(Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            return e;
        }
        throw new AssertionError("expected the call to fail");
    }

    static void assertError(Runnable call, int status, String code) {
        AwsServiceException e = failure(call);
        assertThat(e.statusCode()).isEqualTo(status);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
    }

    @Test
    void conditionalReadsAndWrites() {
        bucket("it-conditions");
        String etag = s3.putObject(b -> b.bucket("it-conditions").key("state").ifNoneMatch("*"),
                RequestBody.fromString("v1")).eTag();
        // If-None-Match: * writes only where nothing is (a lock file, as Terraform's S3 backend takes it).
        AwsServiceException taken = failure(() -> s3.putObject(b -> b.bucket("it-conditions").key("state")
                .ifNoneMatch("*"), RequestBody.fromString("v2")));
        assertThat(taken.statusCode()).isEqualTo(412);
        assertThat(taken.awsErrorDetails().errorCode()).isEqualTo("PreconditionFailed");
        assertThat(get("it-conditions", "state")).isEqualTo("v1");
        assertError(() -> s3.putObject(b -> b.bucket("it-conditions").key("state").ifMatch("\"0000\""),
                RequestBody.fromString("v2")), 412, "PreconditionFailed");
        assertError(() -> s3.putObject(b -> b.bucket("it-conditions").key("nothing-here").ifMatch(etag),
                RequestBody.fromString("v2")), 404, "NoSuchKey");
        String second = s3.putObject(b -> b.bucket("it-conditions").key("state").ifMatch(etag),
                RequestBody.fromString("v2")).eTag();
        assertThat(get("it-conditions", "state")).isEqualTo("v2");

        assertThat(s3.getObjectAsBytes(b -> b.bucket("it-conditions").key("state").ifMatch(second)).asUtf8String())
                .isEqualTo("v2");
        assertError(() -> s3.getObjectAsBytes(b -> b.bucket("it-conditions").key("state").ifMatch(etag)), 412,
                "PreconditionFailed");
        assertThat(failure(() -> s3.getObjectAsBytes(b -> b.bucket("it-conditions").key("state")
                .ifNoneMatch(second))).statusCode()).isEqualTo(304);
        java.time.Instant modified = s3.headObject(b -> b.bucket("it-conditions").key("state")).lastModified();
        assertThat(failure(() -> s3.headObject(b -> b.bucket("it-conditions").key("state")
                .ifModifiedSince(modified))).statusCode()).isEqualTo(304);
        assertThat(s3.headObject(b -> b.bucket("it-conditions").key("state")
                .ifModifiedSince(modified.minusSeconds(60))).eTag()).isEqualTo(second);
        assertThat(failure(() -> s3.headObject(b -> b.bucket("it-conditions").key("state")
                .ifUnmodifiedSince(modified.minusSeconds(60)))).statusCode()).isEqualTo(412);
    }

    @Test
    void expectedBucketOwnerMustOwnTheBucket() {
        bucket("it-owner");
        put("it-owner", "doc", "mine");
        String owner = server.endpoint().client(software.amazon.awssdk.services.sts.StsClient.builder())
                .getCallerIdentity().account();
        assertThat(s3.getObjectAsBytes(b -> b.bucket("it-owner").key("doc").expectedBucketOwner(owner))
                .asUtf8String()).isEqualTo("mine");
        assertError(() -> s3.getObjectAsBytes(b -> b.bucket("it-owner").key("doc")
                .expectedBucketOwner("999999999999")), 403, "AccessDenied");
        assertError(() -> s3.putObject(b -> b.bucket("it-owner").key("doc").expectedBucketOwner("999999999999"),
                RequestBody.fromString("theirs")), 403, "AccessDenied");
        assertThat(get("it-owner", "doc")).isEqualTo("mine");
        assertThat(failure(() -> s3.headBucket(b -> b.bucket("it-owner").expectedBucketOwner("999999999999")))
                .statusCode()).isEqualTo(403);
    }

    @Test
    void writeOptionsAreCheckedAndCustomerKeysNeedHttps() throws Exception {
        bucket("it-options");
        s3.putObject(b -> b.bucket("it-options").key("ia").storageClass("STANDARD_IA").serverSideEncryption("AES256"),
                RequestBody.fromString("kept"));
        assertThat(get("it-options", "ia")).isEqualTo("kept");
        assertError(() -> s3.putObject(b -> b.bucket("it-options").key("x").storageClass("FASTEST"),
                RequestBody.fromString("no")), 400, "InvalidStorageClass");
        assertError(() -> s3.putObject(b -> b.bucket("it-options").key("x").serverSideEncryption("ROT13"),
                RequestBody.fromString("no")), 400, "InvalidArgument");
        assertError(() -> s3.createMultipartUpload(b -> b.bucket("it-options").key("x").storageClass("FASTEST")),
                400, "InvalidStorageClass");
        String key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        String keyMd5 = java.util.Base64.getEncoder().encodeToString(HexFormat.of().parseHex(md5(new byte[32])));
        AwsServiceException sseC = failure(() -> s3.headObject(b -> b.bucket("it-options").key("ia")
                .sseCustomerAlgorithm("AES256").sseCustomerKey(key).sseCustomerKeyMD5(keyMd5)));
        assertThat(sseC.statusCode()).isEqualTo(400);
        assertThat(s3.listObjectsV2(b -> b.bucket("it-options")).keyCount()).isEqualTo(1);
    }

    /**
     * boto3's {@code generate_presigned_url} and the AWS CLI v1's {@code s3 presign} write S3's version-2 query
     * signature (D100): HMAC-SHA1 of the method, two empty headers, the expiry and the path, as
     * {@code SigV2PresignedTest} checks against URLs botocore made.
     */
    @Test
    void version2PresignedUrlsFetchTheObjectUntilTheyExpire() throws Exception {
        bucket("it-presigned");
        put("it-presigned", "shared/report one.csv", "a,b\n");
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.util.function.BiFunction<String, Long, Integer> status = (path, expires) -> {
            try {
                javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
                mac.init(new javax.crypto.spec.SecretKeySpec(server.endpoint().secretAccessKey()
                        .getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
                String signature = java.util.Base64.getEncoder().encodeToString(mac.doFinal(
                        ("GET\n\n\n" + expires + "\n" + path).getBytes(StandardCharsets.UTF_8)));
                java.net.URI uri = java.net.URI.create(server.endpoint().uri() + "/it-presigned/shared/report%20one.csv"
                        + "?AWSAccessKeyId=" + server.endpoint().accessKeyId() + "&Expires=" + expires + "&Signature="
                        + java.net.URLEncoder.encode(signature, StandardCharsets.UTF_8));
                var answer = http.send(java.net.http.HttpRequest.newBuilder(uri).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode() == 200 ? answer.body() : "a,b\n").isEqualTo("a,b\n");
                return answer.statusCode();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        long inAnHour = java.time.Instant.now().getEpochSecond() + 3600;
        assertThat(status.apply("/it-presigned/shared/report%20one.csv", inAnHour)).isEqualTo(200);
        assertThat(status.apply("/it-presigned/shared/report%20one.csv", inAnHour - 7200)).isEqualTo(403);
        assertThat(status.apply("/it-presigned/shared/other.csv", inAnHour)).isEqualTo(403);
    }

    @Test
    void listObjectsVersionOneFollowsMarkers() {
        bucket("it-list-v1");
        for (String key : List.of("a/1", "a/2", "b/1", "c", "d/x/1", "e")) {
            put("it-list-v1", key, "x");
        }
        List<String> seen = new ArrayList<>();
        String marker = null;
        software.amazon.awssdk.services.s3.model.ListObjectsResponse page;
        do {
            String from = marker;
            page = s3.listObjects(b -> b.bucket("it-list-v1").delimiter("/").maxKeys(2).marker(from));
            page.contents().forEach(o -> seen.add(o.key()));
            page.commonPrefixes().forEach(p -> seen.add(p.prefix()));
            marker = page.nextMarker();
        } while (page.isTruncated());
        assertThat(seen).containsExactly("a/", "b/", "c", "d/", "e");

        software.amazon.awssdk.services.s3.model.ListObjectsResponse all = s3.listObjects(b -> b.bucket("it-list-v1")
                .marker("b/1"));
        assertThat(all.contents()).extracting(S3Object::key).containsExactly("c", "d/x/1", "e");
        assertThat(all.nextMarker()).isNull();
        assertThat(s3.listObjects(b -> b.bucket("it-list-v1").prefix("a/").maxKeys(1)).isTruncated()).isTrue();
    }

    @Test
    void keysLongerThan1024BytesAreRefused() {
        bucket("it-long-keys");
        String longest = "k".repeat(1024);
        put("it-long-keys", longest, "fits");
        assertThat(get("it-long-keys", longest)).isEqualTo("fits");
        assertError(() -> put("it-long-keys", "\u00e9".repeat(513), "two bytes each"), 400, "KeyTooLongError");
        assertError(() -> s3.createMultipartUpload(b -> b.bucket("it-long-keys").key("k".repeat(1025))), 400,
                "KeyTooLongError");
        assertThat(s3.listObjectsV2(b -> b.bucket("it-long-keys")).keyCount()).isEqualTo(1);
    }

    @Test
    void aPayloadThatDoesNotMatchItsChecksumIsRefusedAndNotStored() {
        bucket("it-digests");
        software.amazon.awssdk.core.sync.RequestBody body =
                software.amazon.awssdk.core.sync.RequestBody.fromString("ledger rows");
        AwsServiceException crc = failure(() -> s3.putObject(b -> b.bucket("it-digests").key("crc")
                .checksumCRC32("AAAAAA=="), body));
        assertThat(crc.statusCode()).isEqualTo(400);
        assertThat(crc.awsErrorDetails().errorCode()).isEqualTo("BadDigest");
        assertThat(crc.awsErrorDetails().errorMessage())
                .isEqualTo("The CRC32 you specified did not match the calculated checksum.");
        AwsServiceException md5 = failure(() -> s3.putObject(b -> b.bucket("it-digests").key("md5")
                .contentMD5("1B2M2Y8AsgTpgAmY7PhCfg=="), body));
        assertThat(md5.statusCode()).isEqualTo(400);
        assertThat(md5.awsErrorDetails().errorCode()).isEqualTo("BadDigest");
        assertError(() -> s3.putObject(b -> b.bucket("it-digests").key("md5").contentMD5("not-base64"), body),
                400, "InvalidDigest");
        assertThat(s3.listObjectsV2(b -> b.bucket("it-digests")).keyCount()).isZero();
        // The right values, and the SDK's own trailing CRC32, are accepted.
        s3.putObject(b -> b.bucket("it-digests").key("ok").checksumCRC32("qEzIHA==")
                .contentMD5(java.util.Base64.getEncoder().encodeToString(md5("ledger rows"))), body);
        assertThat(get("it-digests", "ok")).isEqualTo("ledger rows");
    }

    @Test
    void aWrongChecksumInTheAwsChunkedTrailerIsRefused() {
        bucket("it-trailers");
        var identity = io.strongroom.testkit.RawRequests.identity(server.endpoint().accessKeyId(),
                server.endpoint().secretAccessKey(), null);
        var raw = new io.strongroom.testkit.RawRequests();
        var good = raw.send(io.strongroom.testkit.RawRequests.s3PutWithCrc32Trailer(server.endpoint().uri(),
                "/it-trailers/good", identity, "ledger rows", chunked -> {
                    assertThat(chunked).contains("x-amz-checksum-crc32:qEzIHA==");
                    return chunked;
                }));
        assertThat(good.status()).isEqualTo(200);
        var bad = raw.send(io.strongroom.testkit.RawRequests.s3PutWithCrc32Trailer(server.endpoint().uri(),
                "/it-trailers/bad", identity, "ledger rows", chunked -> chunked.replace("qEzIHA==", "AAAAAA==")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("<Code>BadDigest</Code>");
        assertThat(s3.listObjectsV2(b -> b.bucket("it-trailers")).contents()).extracting(o -> o.key())
                .containsExactly("good");
        assertThat(get("it-trailers", "good")).isEqualTo("ledger rows");
    }

    static byte[] md5(String text) {
        try {
            return java.security.MessageDigest.getInstance("MD5").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void bucketsAreCreatedListedLocatedAndDeletedOnlyWhenEmpty() {
        bucket("it-buckets");
        assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).contains("it-buckets");
        assertThat(s3.getBucketLocation(b -> b.bucket("it-buckets")).locationConstraintAsString())
                .isEqualTo("eu-west-1");
        assertThat(s3.headBucket(b -> b.bucket("it-buckets")).bucketRegion()).isEqualTo("eu-west-1");
        assertError(() -> bucket("it-buckets"), 409, "BucketAlreadyOwnedByYou");
        // (Without a configuration the SDK itself adds its region's LocationConstraint: S3ProviderTest holds that rule.)
        assertError(() -> s3.createBucket(b -> b.bucket("it-wrong-constraint").createBucketConfiguration(
                c -> c.locationConstraint(BucketLocationConstraint.US_WEST_2))), 400,
                "IllegalLocationConstraintException");

        put("it-buckets", "x", "1");
        AwsServiceException notEmpty = failure(() -> s3.deleteBucket(b -> b.bucket("it-buckets")));
        assertThat(notEmpty.statusCode()).isEqualTo(409);
        assertThat(notEmpty.awsErrorDetails().errorCode()).isEqualTo("BucketNotEmpty");
        s3.deleteObject(b -> b.bucket("it-buckets").key("x"));
        s3.deleteBucket(b -> b.bucket("it-buckets"));
        assertThatThrownBy(() -> s3.headBucket(b -> b.bucket("it-buckets"))).isInstanceOf(NoSuchBucketException.class);
        AwsServiceException missing = failure(() -> s3.listObjectsV2(b -> b.bucket("it-buckets")));
        assertThat(missing).isInstanceOf(NoSuchBucketException.class);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.awsErrorDetails().errorMessage()).isEqualTo("The specified bucket does not exist");
    }

    @Test
    void anotherAccountCannotTakeOrUseABucket() {
        bucket("it-owned");
        String[] outsider = server.endpoint().admin().createAccount("s3-outsider");
        try (S3Client other = server.endpoint().client(S3Client.builder().forcePathStyle(true),
                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(outsider[1], outsider[2]))) {
            assertError(() -> other.createBucket(b -> b.bucket("it-owned").createBucketConfiguration(
                    c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1))), 409, "BucketAlreadyExists");
            assertError(() -> other.listObjectsV2(b -> b.bucket("it-owned")), 403, "AccessDenied");
        }
    }

    @Test
    void aBucketPolicyGrantsAnotherAccountThroughTheAuthorizer() {
        bucket("it-shared");
        s3.putObject(b -> b.bucket("it-shared").key("report.csv"), RequestBody.fromString("a,b\n1,2\n"));
        String[] outsider = server.endpoint().admin().createAccount("s3-reader");
        try (S3Client other = server.endpoint().client(S3Client.builder().forcePathStyle(true),
                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(outsider[1], outsider[2]))) {
            assertError(() -> other.getObjectAsBytes(b -> b.bucket("it-shared").key("report.csv")), 403, "AccessDenied");

            s3.putBucketPolicy(b -> b.bucket("it-shared").policy("{\"Version\":\"2012-10-17\",\"Statement\":[{"
                    + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + outsider[0] + ":root\"},"
                    + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::it-shared/*\"}]}"));

            assertThat(other.getObjectAsBytes(b -> b.bucket("it-shared").key("report.csv")).asUtf8String())
                    .isEqualTo("a,b\n1,2\n");
            assertError(() -> other.putObject(b -> b.bucket("it-shared").key("x"), RequestBody.fromString("x")),
                    403, "AccessDenied");
            assertError(() -> other.deleteBucketPolicy(b -> b.bucket("it-shared")), 403, "AccessDenied");
        }
    }

    @Test
    void objectsArePutGotRangedHeadedCopiedAndDeleted() throws Exception {
        bucket("it-objects");
        byte[] body = "hello, strongroom".getBytes(StandardCharsets.UTF_8);
        String etag = s3.putObject(b -> b.bucket("it-objects").key("dir/hello.txt").contentType("text/plain")
                .metadata(Map.of("colour", "blue")), RequestBody.fromBytes(body)).eTag();
        assertThat(etag).isEqualTo("\"" + md5(body) + "\"");

        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket("it-objects").key("dir/hello.txt"));
        assertThat(got.asByteArray()).isEqualTo(body);
        assertThat(got.response().contentType()).isEqualTo("text/plain");
        assertThat(got.response().metadata()).containsEntry("colour", "blue");
        assertThat(got.response().eTag()).isEqualTo(etag);

        ResponseBytes<GetObjectResponse> range = s3.getObjectAsBytes(b -> b.bucket("it-objects")
                .key("dir/hello.txt").range("bytes=7-16"));
        assertThat(range.asUtf8String()).isEqualTo("strongroom");
        assertThat(range.response().contentRange()).isEqualTo("bytes 7-16/17");
        assertThat(s3.getObjectAsBytes(b -> b.bucket("it-objects").key("dir/hello.txt").range("bytes=-4"))
                .asUtf8String()).isEqualTo("room");
        assertError(() -> s3.getObjectAsBytes(b -> b.bucket("it-objects").key("dir/hello.txt")
                .range("bytes=100-200")), 416, "InvalidRange");

        assertThat(s3.headObject(b -> b.bucket("it-objects").key("dir/hello.txt")).contentLength()).isEqualTo(17L);
        AwsServiceException noKey = failure(() -> s3.getObjectAsBytes(b -> b.bucket("it-objects").key("nope")));
        assertThat(noKey).isInstanceOf(NoSuchKeyException.class);
        assertThat(noKey.statusCode()).isEqualTo(404);
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket("it-objects").key("nope")))
                .isInstanceOf(NoSuchKeyException.class);

        s3.copyObject(b -> b.sourceBucket("it-objects").sourceKey("dir/hello.txt")
                .destinationBucket("it-objects").destinationKey("copy of hello.txt"));
        assertThat(get("it-objects", "copy of hello.txt")).isEqualTo("hello, strongroom");

        s3.deleteObject(b -> b.bucket("it-objects").key("dir/hello.txt"));
        assertThatThrownBy(() -> get("it-objects", "dir/hello.txt")).isInstanceOf(NoSuchKeyException.class);
        assertThat(get("it-objects", "copy of hello.txt")).isEqualTo("hello, strongroom");
    }

    @Test
    void listObjectsV2PagesWithPrefixDelimiterAndStartAfter() {
        bucket("it-list");
        for (String key : List.of("a.txt", "logs/2027/01.log", "logs/2027/02.log", "logs/2028/01.log", "photos/x.jpg",
                "z.txt")) {
            put("it-list", key, key);
        }
        ListObjectsV2Response top = s3.listObjectsV2(b -> b.bucket("it-list").delimiter("/"));
        assertThat(top.contents()).extracting(S3Object::key).containsExactly("a.txt", "z.txt");
        assertThat(top.commonPrefixes()).extracting(p -> p.prefix()).containsExactly("logs/", "photos/");
        assertThat(top.keyCount()).isEqualTo(4);

        ListObjectsV2Response logs = s3.listObjectsV2(b -> b.bucket("it-list").prefix("logs/").delimiter("/"));
        assertThat(logs.commonPrefixes()).extracting(p -> p.prefix()).containsExactly("logs/2027/", "logs/2028/");

        List<String> keys = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket("it-list").maxKeys(2).continuationToken(t));
            page.contents().forEach(o -> keys.add(o.key()));
            token = page.isTruncated() ? page.nextContinuationToken() : null;
            pages++;
        } while (token != null);
        assertThat(keys).containsExactly("a.txt", "logs/2027/01.log", "logs/2027/02.log", "logs/2028/01.log",
                "photos/x.jpg", "z.txt");
        assertThat(pages).isEqualTo(3);

        assertThat(s3.listObjectsV2(b -> b.bucket("it-list").startAfter("logs/2028/01.log")).contents())
                .extracting(S3Object::key).containsExactly("photos/x.jpg", "z.txt");
        assertThat(s3.listObjectsV2Paginator(b -> b.bucket("it-list").delimiter("/").maxKeys(1)).stream()
                .mapToInt(p -> p.keyCount()).sum()).isEqualTo(4);
    }

    @Test
    void multipartUploadAssemblesPartsWithAwsEtag() throws Exception {
        bucket("it-multipart");
        byte[] part1 = filled(5 * 1024 * 1024, (byte) 'a');
        byte[] part2 = filled(1234, (byte) 'b');
        String uploadId = s3.createMultipartUpload(b -> b.bucket("it-multipart").key("big.bin")).uploadId();
        String e1 = s3.uploadPart(b -> b.bucket("it-multipart").key("big.bin").uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(part1)).eTag();
        String e2 = s3.uploadPart(b -> b.bucket("it-multipart").key("big.bin").uploadId(uploadId).partNumber(2),
                RequestBody.fromBytes(part2)).eTag();
        assertThat(s3.listParts(b -> b.bucket("it-multipart").key("big.bin").uploadId(uploadId)).parts())
                .extracting(p -> p.partNumber()).containsExactly(1, 2);
        String etag = s3.completeMultipartUpload(b -> b.bucket("it-multipart").key("big.bin").uploadId(uploadId)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(e1).build(),
                        CompletedPart.builder().partNumber(2).eTag(e2).build()))).eTag();
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        md5.update(MessageDigest.getInstance("MD5").digest(part1));
        md5.update(MessageDigest.getInstance("MD5").digest(part2));
        assertThat(etag).isEqualTo("\"" + HexFormat.of().formatHex(md5.digest()) + "-2\"");

        byte[] whole = s3.getObjectAsBytes(b -> b.bucket("it-multipart").key("big.bin")).asByteArray();
        assertThat(whole.length).isEqualTo(part1.length + part2.length);
        assertThat(whole[part1.length - 1]).isEqualTo((byte) 'a');
        assertThat(whole[part1.length]).isEqualTo((byte) 'b');

        String aborted = s3.createMultipartUpload(b -> b.bucket("it-multipart").key("gone")).uploadId();
        s3.abortMultipartUpload(b -> b.bucket("it-multipart").key("gone").uploadId(aborted));
        AwsServiceException noUpload = failure(() -> s3.listParts(b -> b.bucket("it-multipart").key("gone")
                .uploadId(aborted)));
        assertThat(noUpload).isInstanceOf(NoSuchUploadException.class);
        assertThat(noUpload.statusCode()).isEqualTo(404);
    }

    @Test
    void anOverwriteReplacesTheNullVersionWithoutVersioningAndWhileSuspended() {
        bucket("it-overwrite");
        put("it-overwrite", "k", "one");
        put("it-overwrite", "k", "two");
        assertThat(get("it-overwrite", "k")).isEqualTo("two");
        assertThat(s3.listObjectVersions(b -> b.bucket("it-overwrite")).versions())
                .extracting(v -> v.versionId()).containsExactly("null");

        s3.putBucketVersioning(b -> b.bucket("it-overwrite")
                .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        String kept = s3.putObject(b -> b.bucket("it-overwrite").key("k"), RequestBody.fromString("three"))
                .versionId();
        s3.putBucketVersioning(b -> b.bucket("it-overwrite")
                .versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED)));
        put("it-overwrite", "k", "four");
        put("it-overwrite", "k", "five");

        assertThat(get("it-overwrite", "k")).isEqualTo("five");
        assertThat(s3.listObjectVersions(b -> b.bucket("it-overwrite")).versions())
                .extracting(v -> v.versionId()).containsExactly("null", kept);
        assertThat(s3.getObjectAsBytes(b -> b.bucket("it-overwrite").key("k").versionId(kept)).asUtf8String())
                .isEqualTo("three");
    }

    @Test
    void versioningKeepsVersionsAndDeleteMarkers() {
        bucket("it-versions");
        assertThat(s3.getBucketVersioning(b -> b.bucket("it-versions")).statusAsString()).isNull();
        s3.putBucketVersioning(b -> b.bucket("it-versions")
                .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        assertThat(s3.getBucketVersioning(b -> b.bucket("it-versions")).statusAsString()).isEqualTo("Enabled");

        String v1 = s3.putObject(b -> b.bucket("it-versions").key("doc"), RequestBody.fromString("one")).versionId();
        String v2 = s3.putObject(b -> b.bucket("it-versions").key("doc"), RequestBody.fromString("two")).versionId();
        assertThat(v1).isNotNull().isNotEqualTo(v2);
        assertThat(get("it-versions", "doc")).isEqualTo("two");
        assertThat(s3.getObjectAsBytes(b -> b.bucket("it-versions").key("doc").versionId(v1)).asUtf8String())
                .isEqualTo("one");

        var deleted = s3.deleteObject(b -> b.bucket("it-versions").key("doc"));
        assertThat(deleted.deleteMarker()).isTrue();
        assertThat(deleted.versionId()).isNotNull();
        assertThatThrownBy(() -> get("it-versions", "doc")).isInstanceOf(NoSuchKeyException.class);
        assertThat(s3.listObjectsV2(b -> b.bucket("it-versions")).contents()).isEmpty();

        ListObjectVersionsResponse versions = s3.listObjectVersions(b -> b.bucket("it-versions"));
        assertThat(versions.versions()).extracting(v -> v.versionId()).containsExactly(v2, v1);
        assertThat(versions.versions()).allSatisfy(v -> assertThat(v.isLatest()).isFalse());
        assertThat(versions.deleteMarkers()).singleElement().satisfies(m -> {
            assertThat(m.isLatest()).isTrue();
            assertThat(m.versionId()).isEqualTo(deleted.versionId());
        });

        List<String> paged = new ArrayList<>();
        String[] marker = {null, null};
        ListObjectVersionsResponse page;
        do {
            page = s3.listObjectVersions(b -> b.bucket("it-versions").maxKeys(1).keyMarker(marker[0])
                    .versionIdMarker(marker[1]));
            page.versions().forEach(v -> paged.add(v.versionId()));
            page.deleteMarkers().forEach(m -> paged.add(m.versionId()));
            marker[0] = page.nextKeyMarker();
            marker[1] = page.nextVersionIdMarker();
        } while (page.isTruncated());
        assertThat(paged).containsExactly(deleted.versionId(), v2, v1);
        ListObjectVersionsResponse none = s3.listObjectVersions(b -> b.bucket("it-versions").maxKeys(0));
        assertThat(none.versions()).isEmpty();
        assertThat(none.isTruncated()).isTrue();

        s3.deleteObject(b -> b.bucket("it-versions").key("doc").versionId(deleted.versionId()));
        assertThat(get("it-versions", "doc")).isEqualTo("two");
        assertError(() -> s3.getObject(b -> b.bucket("it-versions").key("doc").versionId("not-a-version")), 400,
                "InvalidArgument");
        assertError(() -> s3.deleteObject(b -> b.bucket("it-versions").key("doc").versionId("not-a-version")), 400,
                "InvalidArgument");
        assertError(() -> s3.getObject(b -> b.bucket("it-versions").key("doc").versionId("0".repeat(32))), 404,
                "NoSuchVersion");
        assertError(() -> s3.deleteBucket(b -> b.bucket("it-versions")), 409, "BucketNotEmpty");
    }

    @Test
    void bucketAndObjectTagsAndBucketPolicy() {
        bucket("it-tags");
        assertError(() -> s3.getBucketTagging(b -> b.bucket("it-tags")), 404, "NoSuchTagSet");
        s3.putBucketTagging(b -> b.bucket("it-tags").tagging(Tagging.builder()
                .tagSet(Tag.builder().key("Backup").value("daily").build()).build()));
        assertThat(s3.getBucketTagging(b -> b.bucket("it-tags")).tagSet())
                .containsExactly(Tag.builder().key("Backup").value("daily").build());
        s3.deleteBucketTagging(b -> b.bucket("it-tags"));
        assertError(() -> s3.getBucketTagging(b -> b.bucket("it-tags")), 404, "NoSuchTagSet");

        s3.putObject(b -> b.bucket("it-tags").key("t").tagging("team=platform&tier=gold"),
                RequestBody.fromString("x"));
        assertThat(s3.getObjectTagging(b -> b.bucket("it-tags").key("t")).tagSet()).extracting(Tag::key)
                .containsExactlyInAnyOrder("team", "tier");
        s3.putObjectTagging(b -> b.bucket("it-tags").key("t").tagging(t -> t.tagSet(
                Tag.builder().key("only").value("one").build())));
        assertThat(s3.getObjectTagging(b -> b.bucket("it-tags").key("t")).tagSet()).extracting(Tag::key)
                .containsExactly("only");
        s3.deleteObjectTagging(b -> b.bucket("it-tags").key("t"));
        assertThat(s3.getObjectTagging(b -> b.bucket("it-tags").key("t")).tagSet()).isEmpty();

        assertError(() -> s3.getBucketPolicy(b -> b.bucket("it-tags")), 404, "NoSuchBucketPolicy");
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\","
                + "\"Action\":\"s3:DeleteObject\",\"Resource\":\"arn:aws:s3:::it-tags/*\"}]}";
        s3.putBucketPolicy(b -> b.bucket("it-tags").policy(policy));
        assertThat(s3.getBucketPolicy(b -> b.bucket("it-tags")).policy()).isEqualTo(policy);
        assertError(() -> s3.putBucketPolicy(b -> b.bucket("it-tags").policy(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                        + "\"Resource\":\"arn:aws:s3:::it-tags/*\"}]}")), 400, "MalformedPolicy");
        s3.deleteBucketPolicy(b -> b.bucket("it-tags"));
        assertError(() -> s3.getBucketPolicy(b -> b.bucket("it-tags")), 404, "NoSuchBucketPolicy");
    }

    @Test
    void subResourcesThatCannotBeConfiguredAnswerAwsStateForABucketWithout() {
        bucket("it-settings");
        var acl = s3.getBucketAcl(b -> b.bucket("it-settings"));
        assertThat(acl.owner().id()).isEqualTo("111111111111");
        assertThat(acl.grants()).singleElement().satisfies(g -> {
            assertThat(g.grantee().typeAsString()).isEqualTo("CanonicalUser");
            assertThat(g.grantee().id()).isEqualTo("111111111111");
            assertThat(g.permissionAsString()).isEqualTo("FULL_CONTROL");
        });
        assertThat(s3.getBucketAccelerateConfiguration(b -> b.bucket("it-settings")).statusAsString()).isNull();
        assertThat(s3.getBucketLogging(b -> b.bucket("it-settings")).loggingEnabled()).isNull();
        assertThat(s3.getBucketRequestPayment(b -> b.bucket("it-settings")).payerAsString()).isEqualTo("BucketOwner");

        Map<String, Runnable> unconfigured = new java.util.LinkedHashMap<>();
        unconfigured.put("NoSuchCORSConfiguration/The CORS configuration does not exist",
                () -> s3.getBucketCors(b -> b.bucket("it-settings")));
        unconfigured.put("NoSuchWebsiteConfiguration/The specified bucket does not have a website configuration",
                () -> s3.getBucketWebsite(b -> b.bucket("it-settings")));
        unconfigured.put("NoSuchLifecycleConfiguration/The lifecycle configuration does not exist",
                () -> s3.getBucketLifecycleConfiguration(b -> b.bucket("it-settings")));
        unconfigured.put("ReplicationConfigurationNotFoundError/The replication configuration was not found",
                () -> s3.getBucketReplication(b -> b.bucket("it-settings")));
        unconfigured.put("ServerSideEncryptionConfigurationNotFoundError/The server side encryption configuration"
                + " was not found", () -> s3.getBucketEncryption(b -> b.bucket("it-settings")));
        unconfigured.put("ObjectLockConfigurationNotFoundError/Object Lock configuration does not exist for this"
                + " bucket", () -> s3.getObjectLockConfiguration(b -> b.bucket("it-settings")));
        unconfigured.forEach((expected, call) -> {
            AwsServiceException e = failure(call);
            assertThat(e.statusCode()).as(expected).isEqualTo(404);
            assertThat(e.awsErrorDetails().errorCode() + "/" + e.awsErrorDetails().errorMessage()).isEqualTo(expected);
        });

        assertError(() -> s3.getBucketAcl(b -> b.bucket("it-settings-none")), 404, "NoSuchBucket");
        assertError(() -> s3.getBucketCors(b -> b.bucket("it-settings-none")), 404, "NoSuchBucket");
        assertError(() -> s3.getBucketRequestPayment(b -> b.bucket("it-settings-none")), 404, "NoSuchBucket");
        assertError(() -> s3.getBucketLogging(b -> b.bucket("it-settings-none")), 404, "NoSuchBucket");
    }

    @Test
    void copyNeedsReadOnTheSourceAndWriteOnTheTarget() {
        bucket("it-copy-auth");
        put("it-copy-auth", "readable.txt", "open");
        put("it-copy-auth", "secret.txt", "closed");
        try (software.amazon.awssdk.services.iam.IamClient iam = server.endpoint().client(
                software.amazon.awssdk.services.iam.IamClient.builder()
                        .region(software.amazon.awssdk.regions.Region.AWS_GLOBAL))) {
            iam.createUser(b -> b.userName("copier"));
            iam.putUserPolicy(b -> b.userName("copier").policyName("copy").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":["
                            + "{\"Effect\":\"Allow\",\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::it-copy-auth/*\"},"
                            + "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                            + "\"Resource\":\"arn:aws:s3:::it-copy-auth/readable*\"}]}"));
            var key = iam.createAccessKey(b -> b.userName("copier")).accessKey();
            try (S3Client copier = server.endpoint().client(S3Client.builder().forcePathStyle(true),
                    software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(key.accessKeyId(),
                            key.secretAccessKey()))) {
                copier.copyObject(b -> b.sourceBucket("it-copy-auth").sourceKey("readable.txt")
                        .destinationBucket("it-copy-auth").destinationKey("copied.txt"));
                AwsServiceException denied = failure(() -> copier.copyObject(b -> b.sourceBucket("it-copy-auth")
                        .sourceKey("secret.txt").destinationBucket("it-copy-auth").destinationKey("leak.txt")));
                assertThat(denied.statusCode()).isEqualTo(403);
                assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                assertThat(denied.awsErrorDetails().errorMessage())
                        .contains("s3:GetObject", "arn:aws:s3:::it-copy-auth/secret.txt");
            }
        }
        assertThat(get("it-copy-auth", "copied.txt")).isEqualTo("open");
        assertThatThrownBy(() -> get("it-copy-auth", "leak.txt")).isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void virtualHostedStyleAddressesTheBucketByHost() {
        bucket("it-virtual");
        put("it-virtual", "v/key.txt", "by path");
        // bucket.localhost resolves to this machine however the host's resolver treats *.localhost.
        java.net.URI uri = server.endpoint().uri();
        java.net.URI local = java.net.URI.create("http://localhost:" + uri.getPort());
        try (S3Client virtual = S3Client.builder().endpointOverride(local)
                .region(software.amazon.awssdk.regions.Region.EU_WEST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        server.endpoint().rootCredentials()))
                .httpClientBuilder(software.amazon.awssdk.http.apache.ApacheHttpClient.builder()
                        .dnsResolver(host -> new java.net.InetAddress[] {java.net.InetAddress.getLoopbackAddress()}))
                .build()) {
            assertThat(virtual.getObjectAsBytes(b -> b.bucket("it-virtual").key("v/key.txt")).asUtf8String())
                    .isEqualTo("by path");
            virtual.putObject(b -> b.bucket("it-virtual").key("by-host"), RequestBody.fromString("by host"));
            assertThat(virtual.listObjectsV2(b -> b.bucket("it-virtual")).contents()).extracting(S3Object::key)
                    .containsExactly("by-host", "v/key.txt");
        }
        assertThat(get("it-virtual", "by-host")).isEqualTo("by host");
    }

    private static byte[] filled(int size, byte value) {
        byte[] bytes = new byte[size];
        java.util.Arrays.fill(bytes, value);
        return bytes;
    }

    private static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    @SuppressWarnings("unused")
    private static <T> Consumer<T> none() {
        return t -> { };
    }
}
