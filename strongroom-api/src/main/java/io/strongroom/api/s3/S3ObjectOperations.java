package io.strongroom.api.s3;

import io.strongroom.api.CallContext;
import io.strongroom.api.Served;
import io.strongroom.s3.MultipartUpload;
import io.strongroom.s3.ObjectBody;
import io.strongroom.s3.ObjectRead;
import io.strongroom.s3.ObjectVersion;
import io.strongroom.s3.Preconditions;
import io.strongroom.s3.S3Errors;
import io.strongroom.s3.S3Listing;
import io.strongroom.s3.S3Multipart;
import io.strongroom.s3.S3Service;
import io.strongroom.s3.UploadedPart;
import io.strongroom.s3.WriteOptions;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectResult;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectTaggingRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectTaggingResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectTaggingRequest;
import software.amazon.awssdk.services.s3.model.GetObjectTaggingResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ListPartsRequest;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectTaggingRequest;
import software.amazon.awssdk.services.s3.model.PutObjectTaggingResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Object, listing and multipart operations: SDK shapes to S3's engine and back. */
final class S3ObjectOperations {
    private static final String STANDARD = "STANDARD";
    private final S3Service s3;
    private final S3Listing listing;
    private final S3Multipart multipart;

    S3ObjectOperations(S3Service s3, S3Listing listing, S3Multipart multipart) {
        this.s3 = s3;
        this.listing = listing;
        this.multipart = multipart;
    }

    Served putObject(CallContext ctx, PutObjectRequest q, ObjectBody body) {
        WriteOptions.check(q.storageClassAsString(), q.serverSideEncryptionAsString(), q.sseCustomerAlgorithm());
        ObjectVersion v = s3.putObject(ctx.tx(), ctx.accountId(), q.bucket(), q.key(), body, q.contentType(),
                q.metadata(), taggingHeader(q.tagging()), Preconditions.ofWrite(q.ifMatch(), q.ifNoneMatch()));
        return Served.of(PutObjectResponse.builder().eTag(v.etag()).versionId(shownVersion(v)).build());
    }

    Served getObject(CallContext ctx, GetObjectRequest q, byte[] ignored) {
        WriteOptions.checkCustomerKey(q.sseCustomerAlgorithm());
        ObjectRead read = s3.getObject(ctx.tx(), ctx.accountId(), q.bucket(), q.key(), q.versionId(), q.range(),
                new Preconditions(q.ifMatch(), q.ifNoneMatch(), q.ifModifiedSince(), q.ifUnmodifiedSince()));
        ObjectVersion v = read.version();
        GetObjectResponse.Builder r = GetObjectResponse.builder().eTag(v.etag()).lastModified(v.lastModified())
                .contentType(v.contentType()).contentLength((long) read.bytes().length).metadata(v.metadata())
                .versionId(shownVersion(v)).acceptRanges("bytes")
                .tagCount(v.tags().isEmpty() ? null : v.tags().size());
        if (read.ranged()) {
            r.contentRange("bytes " + read.start() + "-" + read.end() + "/" + v.size());
        }
        return new Served(r.build(), read.bytes());
    }

    HeadObjectResponse headObject(CallContext ctx, HeadObjectRequest q) {
        WriteOptions.checkCustomerKey(q.sseCustomerAlgorithm());
        ObjectVersion v = s3.headObject(ctx.tx(), ctx.accountId(), q.bucket(), q.key(), q.versionId());
        new Preconditions(q.ifMatch(), q.ifNoneMatch(), q.ifModifiedSince(), q.ifUnmodifiedSince()).checkRead(v);
        return HeadObjectResponse.builder().eTag(v.etag()).lastModified(v.lastModified()).contentType(v.contentType())
                .contentLength(v.size()).metadata(v.metadata()).versionId(shownVersion(v)).acceptRanges("bytes")
                .build();
    }

    DeleteObjectResponse deleteObject(CallContext ctx, DeleteObjectRequest q) {
        S3Service.Deletion d = s3.deleteObject(ctx.tx(), ctx.accountId(), q.bucket(), q.key(), q.versionId());
        return DeleteObjectResponse.builder().versionId(d.versionId())
                .deleteMarker(d.deleteMarker() ? Boolean.TRUE : null).build();
    }

    DeleteObjectsResponse deleteObjects(CallContext ctx, DeleteObjectsRequest q) {
        List<DeletedObject> deleted = new ArrayList<>();
        q.delete().objects().forEach(o -> {
            S3Service.Deletion d = s3.deleteObject(ctx.tx(), ctx.accountId(), q.bucket(), o.key(), o.versionId());
            DeletedObject.Builder b = DeletedObject.builder().key(o.key()).versionId(o.versionId());
            if (d.deleteMarker()) {
                b.deleteMarker(true).deleteMarkerVersionId(d.versionId());
            }
            deleted.add(b.build());
        });
        boolean quiet = Boolean.TRUE.equals(q.delete().quiet());
        return DeleteObjectsResponse.builder().deleted(quiet ? List.of() : deleted).build();
    }

    CopyObjectResponse copyObject(CallContext ctx, CopyObjectRequest q) {
        WriteOptions.check(q.storageClassAsString(), q.serverSideEncryptionAsString(), q.sseCustomerAlgorithm());
        WriteOptions.checkCustomerKey(q.copySourceSSECustomerAlgorithm());
        CopySource source = CopySource.parse(q.copySource());
        boolean replace = "REPLACE".equals(q.metadataDirectiveAsString());
        ObjectVersion v = s3.copyObject(ctx.tx(), ctx.accountId(), source.bucket(), source.key(),
                source.versionId(), q.destinationBucket(), q.destinationKey(), replace, q.contentType(), q.metadata());
        return CopyObjectResponse.builder().versionId(shownVersion(v)).copySourceVersionId(source.versionId())
                .copyObjectResult(CopyObjectResult.builder().eTag(v.etag()).lastModified(v.lastModified()).build())
                .build();
    }

    ListObjectsV2Response listObjectsV2(CallContext ctx, ListObjectsV2Request q) {
        int max = q.maxKeys() == null ? 1000 : Math.max(0, Math.min(1000, q.maxKeys()));
        boolean url = "url".equals(q.encodingTypeAsString());
        S3Listing.Page page = listing.listObjectsV2(ctx.tx(), ctx.accountId(), q.bucket(), q.prefix(),
                q.delimiter(), max, q.continuationToken(), q.startAfter());
        return ListObjectsV2Response.builder().name(q.bucket()).prefix(encode(q.prefix(), url))
                .delimiter(encode(q.delimiter(), url)).maxKeys(max).keyCount(page.keyCount())
                .isTruncated(page.truncated()).continuationToken(q.continuationToken())
                .nextContinuationToken(page.nextContinuationToken()).startAfter(encode(q.startAfter(), url))
                .encodingType(q.encodingTypeAsString())
                .contents(contents(page, url)).commonPrefixes(commonPrefixes(page, url))
                .build();
    }

    /**
     * ListObjects (version 1, what boto3's {@code bucket.objects} and {@code aws s3api list-objects} call): the same
     * listing, continued after {@code Marker}; NextMarker only with a delimiter, as S3 gives it.
     */
    ListObjectsResponse listObjects(CallContext ctx, ListObjectsRequest q) {
        int max = q.maxKeys() == null ? 1000 : Math.max(0, Math.min(1000, q.maxKeys()));
        boolean url = "url".equals(q.encodingTypeAsString());
        String marker = q.marker() == null || q.marker().isEmpty() ? null : q.marker();
        S3Listing.Page page = listing.listAfterMarker(ctx.tx(), ctx.accountId(), q.bucket(), q.prefix(),
                q.delimiter(), max, marker);
        String nextMarker = q.delimiter() != null && !q.delimiter().isEmpty() ? page.nextMarker() : null;
        return ListObjectsResponse.builder().name(q.bucket()).prefix(encode(q.prefix(), url))
                .delimiter(encode(q.delimiter(), url)).maxKeys(max).isTruncated(page.truncated())
                .marker(encode(q.marker(), url)).nextMarker(encode(nextMarker, url))
                .encodingType(q.encodingTypeAsString())
                .contents(contents(page, url)).commonPrefixes(commonPrefixes(page, url))
                .build();
    }

    private static List<S3Object> contents(S3Listing.Page page, boolean url) {
        return page.contents().stream().map(v -> S3Object.builder().key(encode(v.key(), url))
                .lastModified(v.lastModified()).eTag(v.etag()).size(v.size()).storageClass(STANDARD).build()).toList();
    }

    private static List<CommonPrefix> commonPrefixes(S3Listing.Page page, boolean url) {
        return page.commonPrefixes().stream().map(p -> CommonPrefix.builder().prefix(encode(p, url)).build())
                .toList();
    }

    ListObjectVersionsResponse listObjectVersions(CallContext ctx, ListObjectVersionsRequest q) {
        int max = q.maxKeys() == null ? 1000 : Math.max(0, Math.min(1000, q.maxKeys()));
        boolean url = "url".equals(q.encodingTypeAsString());
        S3Listing.VersionPage page = listing.listObjectVersions(ctx.tx(), ctx.accountId(), q.bucket(), q.prefix(),
                max, q.keyMarker(), q.versionIdMarker());
        List<software.amazon.awssdk.services.s3.model.ObjectVersion> versions = new ArrayList<>();
        List<DeleteMarkerEntry> markers = new ArrayList<>();
        for (ObjectVersion v : page.versions()) {
            boolean latest = listing.isLatest(ctx.tx(), v);
            if (v.deleteMarker()) {
                markers.add(DeleteMarkerEntry.builder().key(encode(v.key(), url)).versionId(v.versionId())
                        .isLatest(latest).lastModified(v.lastModified()).owner(S3BucketOperations.owner(ctx.accountId()))
                        .build());
            } else {
                versions.add(software.amazon.awssdk.services.s3.model.ObjectVersion.builder()
                        .key(encode(v.key(), url)).versionId(v.versionId()).isLatest(latest)
                        .lastModified(v.lastModified()).eTag(v.etag()).size(v.size()).storageClass(STANDARD)
                        .owner(S3BucketOperations.owner(ctx.accountId())).build());
            }
        }
        return ListObjectVersionsResponse.builder().name(q.bucket()).prefix(encode(q.prefix(), url))
                .keyMarker(q.keyMarker()).versionIdMarker(q.versionIdMarker()).maxKeys(max).isTruncated(page.truncated())
                .nextKeyMarker(page.nextKeyMarker()).nextVersionIdMarker(page.nextVersionIdMarker())
                .encodingType(q.encodingTypeAsString()).versions(versions).deleteMarkers(markers).build();
    }

    PutObjectTaggingResponse putObjectTagging(CallContext ctx, PutObjectTaggingRequest q) {
        if (q.tagging() == null) {
            throw S3Errors.malformedXml();
        }
        String versionId = s3.putObjectTagging(ctx.tx(), ctx.accountId(), q.bucket(), q.key(), q.versionId(),
                S3BucketOperations.tags(q.tagging().tagSet()));
        return PutObjectTaggingResponse.builder().versionId(versionId).build();
    }

    GetObjectTaggingResponse getObjectTagging(CallContext ctx, GetObjectTaggingRequest q) {
        ObjectVersion v = s3.getObjectTagging(ctx.tx(), ctx.accountId(), q.bucket(), q.key(), q.versionId());
        return GetObjectTaggingResponse.builder().versionId(v.versionId())
                .tagSet(S3BucketOperations.tagSet(v.tags())).build();
    }

    DeleteObjectTaggingResponse deleteObjectTagging(CallContext ctx, DeleteObjectTaggingRequest q) {
        String versionId = s3.putObjectTagging(ctx.tx(), ctx.accountId(), q.bucket(), q.key(), q.versionId(),
                Map.of());
        return DeleteObjectTaggingResponse.builder().versionId(versionId).build();
    }

    CreateMultipartUploadResponse createMultipartUpload(CallContext ctx, CreateMultipartUploadRequest q) {
        WriteOptions.check(q.storageClassAsString(), q.serverSideEncryptionAsString(), q.sseCustomerAlgorithm());
        MultipartUpload u = multipart.create(ctx.tx(), ctx.accountId(), q.bucket(), q.key(), q.contentType(),
                q.metadata());
        return CreateMultipartUploadResponse.builder().bucket(q.bucket()).key(q.key()).uploadId(u.uploadId()).build();
    }

    Served uploadPart(CallContext ctx, UploadPartRequest q, ObjectBody body) {
        UploadedPart p = multipart.uploadPart(ctx.tx(), ctx.accountId(), q.bucket(), q.key(), q.uploadId(),
                q.partNumber() == null ? 0 : q.partNumber(), body);
        return Served.of(UploadPartResponse.builder().eTag(p.etag()).build());
    }

    CompleteMultipartUploadResponse completeMultipartUpload(CallContext ctx, CompleteMultipartUploadRequest q) {
        if (q.multipartUpload() == null) {
            throw S3Errors.malformedXml();
        }
        List<S3Multipart.PartRef> parts = q.multipartUpload().parts().stream()
                .map(p -> new S3Multipart.PartRef(p.partNumber() == null ? 0 : p.partNumber(), p.eTag())).toList();
        ObjectVersion v = multipart.complete(ctx.tx(), ctx.accountId(), q.bucket(), q.key(), q.uploadId(), parts);
        return CompleteMultipartUploadResponse.builder().bucket(q.bucket()).key(q.key()).eTag(v.etag())
                .location("/" + q.bucket() + "/" + q.key()).versionId(shownVersion(v)).build();
    }

    AbortMultipartUploadResponse abortMultipartUpload(CallContext ctx, AbortMultipartUploadRequest q) {
        multipart.abort(ctx.tx(), ctx.accountId(), q.bucket(), q.key(), q.uploadId());
        return AbortMultipartUploadResponse.builder().build();
    }

    ListPartsResponse listParts(CallContext ctx, ListPartsRequest q) {
        List<UploadedPart> parts = multipart.listParts(ctx.tx(), ctx.accountId(), q.bucket(), q.key(), q.uploadId());
        return ListPartsResponse.builder().bucket(q.bucket()).key(q.key()).uploadId(q.uploadId())
                .maxParts(1000).isTruncated(false).storageClass(STANDARD)
                .parts(parts.stream().map(p -> Part.builder().partNumber(p.partNumber()).eTag(p.etag())
                        .size(p.size()).lastModified(p.lastModified()).build()).toList())
                .build();
    }

    ListMultipartUploadsResponse listMultipartUploads(CallContext ctx, ListMultipartUploadsRequest q) {
        return ListMultipartUploadsResponse.builder().bucket(q.bucket()).isTruncated(false).maxUploads(1000)
                .uploads(multipart.listUploads(ctx.tx(), ctx.accountId(), q.bucket()).stream()
                        .map(u -> software.amazon.awssdk.services.s3.model.MultipartUpload.builder().key(u.key())
                                .uploadId(u.uploadId()).initiated(u.initiated()).storageClass(STANDARD).build())
                        .toList())
                .build();
    }

    /** The x-amz-version-id S3 shows: none for a bucket whose versioning was never set. */
    private static String shownVersion(ObjectVersion v) {
        return ObjectVersion.NULL_VERSION.equals(v.versionId()) ? null : v.versionId();
    }

    /** x-amz-tagging: a URL query string of tags. */
    private static Map<String, String> taggingHeader(String tagging) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (tagging == null || tagging.isEmpty()) {
            return tags;
        }
        for (String pair : tagging.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String val = eq < 0 ? "" : pair.substring(eq + 1);
            tags.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(val, StandardCharsets.UTF_8));
        }
        return tags;
    }

    /** EncodingType=url: keys and prefixes percent-encoded, keeping '/' readable as S3 does. */
    private static String encode(String value, boolean url) {
        if (value == null || !url) {
            return value;
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/")
                .replace("%7E", "~");
    }
}
