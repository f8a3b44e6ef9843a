package io.strongroom.s3;

import io.strongroom.s3.codec.S3Json;
import io.strongroom.storage.Collection;
import io.strongroom.storage.Tx;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Multipart uploads. Parts are stored as content of their own; completing an upload hands the chosen parts'
 * content to the object as its segments (no copy) and drops the parts not chosen. The ETag is AWS's:
 * MD5 of the concatenated binary part MD5s, then {@code -N}.
 */
public final class S3Multipart {
    static final Collection<MultipartUpload> UPLOADS = new Collection<>("s3-uploads", S3Json.of(MultipartUpload.class));
    static final Collection<UploadedPart> PARTS = new Collection<>("s3-parts", S3Json.of(UploadedPart.class));
    private static final long MIN_PART = 5L * 1024 * 1024;

    private final S3Service s3;

    public S3Multipart(S3Service s3) {
        this.s3 = s3;
    }

    public MultipartUpload create(Tx tx, String accountId, String bucket, String key, String contentType,
                                  Map<String, String> metadata) {
        s3.ownedBucket(tx, accountId, bucket);
        S3Service.checkKeyLength(key);
        String uploadId = Keys.zeroPadded(Long.toHexString(tx.nextSequence("s3-upload")), 32) + "-mpu";
        MultipartUpload upload = new MultipartUpload(uploadId, bucket, key, s3.now(), contentType, metadata, accountId);
        UPLOADS.put(tx, uploadKey(bucket, uploadId), upload, Tx.ABSENT);
        return upload;
    }

    public UploadedPart uploadPart(Tx tx, String accountId, String bucket, String key, String uploadId,
                                   int partNumber, ObjectBody body) {
        upload(tx, accountId, bucket, key, uploadId);
        if (partNumber < 1 || partNumber > 10000) {
            throw S3Errors.invalidArgument("Part number must be an integer between 1 and 10000, inclusive",
                    "partNumber", Integer.toString(partNumber));
        }
        String partKey = partKey(uploadId, partNumber);
        PARTS.get(tx, partKey).ifPresent(old -> ObjectContent.delete(tx, List.of(old.segment())));
        Segment segment = ObjectContent.write(tx, body.bytes());
        UploadedPart part = new UploadedPart(uploadId, partNumber, body.etag(), body.bytes().length, s3.now(),
                segment);
        PARTS.put(tx, partKey, part);
        return part;
    }

    /** One part the caller names in CompleteMultipartUpload. */
    public record PartRef(int partNumber, String etag) {
    }

    public ObjectVersion complete(Tx tx, String accountId, String bucket, String key, String uploadId,
                                  List<PartRef> chosen) {
        MultipartUpload upload = upload(tx, accountId, bucket, key, uploadId);
        if (chosen.isEmpty()) {
            throw S3Errors.malformedXml();
        }
        List<UploadedPart> stored = PARTS.list(tx, uploadId + "/");
        List<UploadedPart> used = new ArrayList<>();
        int previous = 0;
        for (PartRef ref : chosen) {
            if (ref.partNumber() <= previous) {
                throw S3Errors.invalidPartOrder();
            }
            previous = ref.partNumber();
            UploadedPart part = stored.stream().filter(p -> p.partNumber() == ref.partNumber()).findFirst()
                    .filter(p -> ref.etag() == null || ETags.bare(p.etag()).equals(ETags.bare(ref.etag())))
                    .orElseThrow(() -> S3Errors.invalidPart(ref.etag()));
            used.add(part);
        }
        for (int i = 0; i < used.size() - 1; i++) {
            if (used.get(i).size() < MIN_PART) {
                throw S3Errors.entityTooSmall();
            }
        }
        ByteArrayOutputStream md5s = new ByteArrayOutputStream();
        used.forEach(p -> md5s.writeBytes(HexFormat.of().parseHex(ETags.bare(p.etag()))));
        MessageDigest md5 = S3Service.md5();
        String etag = "\"" + HexFormat.of().formatHex(md5.digest(md5s.toByteArray())) + "-" + used.size() + "\"";
        long size = used.stream().mapToLong(UploadedPart::size).sum();
        stored.stream().filter(p -> !used.contains(p)).forEach(p -> ObjectContent.delete(tx, List.of(p.segment())));
        stored.forEach(p -> PARTS.delete(tx, partKey(uploadId, p.partNumber())));
        UPLOADS.delete(tx, uploadKey(bucket, uploadId));
        Bucket b = s3.ownedBucket(tx, accountId, bucket);
        return s3.storeVersion(tx, b, key, false, etag, size, upload.contentType(), upload.metadata(), Map.of(),
                used.stream().map(UploadedPart::segment).toList());
    }

    public void abort(Tx tx, String accountId, String bucket, String key, String uploadId) {
        upload(tx, accountId, bucket, key, uploadId);
        drop(tx, bucket, uploadId);
    }

    public List<UploadedPart> listParts(Tx tx, String accountId, String bucket, String key, String uploadId) {
        upload(tx, accountId, bucket, key, uploadId);
        return PARTS.list(tx, uploadId + "/");
    }

    public List<MultipartUpload> listUploads(Tx tx, String accountId, String bucket) {
        s3.ownedBucket(tx, accountId, bucket);
        return UPLOADS.list(tx, bucket + "/");
    }

    static void abortAll(Tx tx, String bucket) {
        UPLOADS.list(tx, bucket + "/").forEach(u -> drop(tx, bucket, u.uploadId()));
    }

    private static void drop(Tx tx, String bucket, String uploadId) {
        for (UploadedPart p : PARTS.list(tx, uploadId + "/")) {
            ObjectContent.delete(tx, List.of(p.segment()));
            PARTS.delete(tx, partKey(uploadId, p.partNumber()));
        }
        UPLOADS.delete(tx, uploadKey(bucket, uploadId));
    }

    private MultipartUpload upload(Tx tx, String accountId, String bucket, String key, String uploadId) {
        s3.ownedBucket(tx, accountId, bucket);
        return UPLOADS.get(tx, uploadKey(bucket, uploadId == null ? "" : uploadId))
                .filter(u -> u.key().equals(key)).orElseThrow(() -> S3Errors.noSuchUpload(uploadId));
    }


    private static String uploadKey(String bucket, String uploadId) {
        return bucket + "/" + uploadId;
    }

    private static String partKey(String uploadId, int partNumber) {
        return uploadId + "/" + Keys.zeroPadded(Integer.toString(partNumber), 5);
    }
}
