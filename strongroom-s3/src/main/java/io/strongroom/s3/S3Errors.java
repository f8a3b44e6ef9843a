package io.strongroom.s3;

import io.strongroom.kernel.ErrorCode;
import io.strongroom.kernel.ServiceException;

import java.util.LinkedHashMap;
import java.util.Map;

/** Every error S3's engine raises, with S3's codes and wording; the wire picks the status. */
public final class S3Errors {
    private S3Errors() {
    }

    public static ServiceException noSuchBucket(String bucket) {
        return error("NoSuchBucket", "The specified bucket does not exist", "BucketName", bucket);
    }

    public static ServiceException noSuchKey(String key) {
        return error("NoSuchKey", "The specified key does not exist.", "Key", key);
    }

    public static ServiceException noSuchVersion(String key, String versionId) {
        return new ServiceException(ErrorCode.of("NoSuchVersion"),
                "The specified version does not exist.", details("Key", key, "VersionId", versionId));
    }

    public static ServiceException bucketAlreadyOwnedByYou(String bucket) {
        return error("BucketAlreadyOwnedByYou",
                "Your previous request to create the named bucket succeeded and you already own it.",
                "BucketName", bucket);
    }

    public static ServiceException bucketAlreadyExists(String bucket) {
        return error("BucketAlreadyExists", "The requested bucket name is not available. The bucket namespace is"
                + " shared by all users of the system. Please select a different name and try again.",
                "BucketName", bucket);
    }

    public static ServiceException bucketNotEmpty(String bucket) {
        return error("BucketNotEmpty", "The bucket you tried to delete is not empty", "BucketName", bucket);
    }

    /** A restore test's deletion of a bucket it did not create (D129): its DeletionStatusMessage. */
    public static ServiceException restoredBucketNotDeleted(String bucket) {
        return error("InvalidRequest", "The bucket " + bucket + " existed before the restore; only a bucket the "
                + "restore created (NewBucket) is deleted.", "BucketName", bucket);
    }

    public static ServiceException invalidBucketName(String bucket) {
        return error("InvalidBucketName", "The specified bucket is not valid.", "BucketName", bucket);
    }

    public static ServiceException unspecifiedLocation() {
        return new ServiceException(ErrorCode.of("IllegalLocationConstraintException"),
                "The unspecified location constraint is incompatible for the region specific endpoint this"
                        + " request was sent to.");
    }

    public static ServiceException incompatibleLocation(String constraint) {
        return new ServiceException(ErrorCode.of("IllegalLocationConstraintException"), "The " + constraint
                + " location constraint is incompatible for the region specific endpoint this request was sent to.");
    }

    public static ServiceException invalidLocationConstraint(String constraint) {
        return error("InvalidLocationConstraint", "The specified location-constraint is not valid",
                "LocationConstraint", constraint);
    }

    public static ServiceException invalidRange(long size, String range) {
        return new ServiceException(ErrorCode.of("InvalidRange"), "The requested range is not satisfiable",
                details("RangeRequested", range, "ActualObjectSize", Long.toString(size)));
    }

    public static ServiceException invalidStorageClass(String storageClass) {
        return error("InvalidStorageClass", "The storage class you specified is not valid", "StorageClassRequested",
                storageClass);
    }

    public static ServiceException invalidRequest(String message) {
        return new ServiceException(ErrorCode.of("InvalidRequest"), message);
    }

    public static ServiceException accessDenied() {
        return new ServiceException(ErrorCode.of("AccessDenied"), "Access Denied");
    }

    public static ServiceException preconditionFailed(String condition) {
        return error("PreconditionFailed", "At least one of the pre-conditions you specified did not hold",
                "Condition", condition);
    }

    /** 304: S3 sends it without a body. */
    public static ServiceException notModified() {
        return new ServiceException(ErrorCode.of("NotModified"), "Not Modified");
    }

    public static ServiceException keyTooLong(int size) {
        return new ServiceException(ErrorCode.of("KeyTooLongError"), "Your key is too long",
                details("Size", Integer.toString(size), "MaxSizeAllowed", Integer.toString(S3Service.MAX_KEY_BYTES)));
    }

    public static ServiceException noSuchUpload(String uploadId) {
        return error("NoSuchUpload", "The specified upload does not exist. The upload ID may be invalid, or the"
                + " upload may have been aborted or completed.", "UploadId", uploadId);
    }

    public static ServiceException invalidPart(String etag) {
        return error("InvalidPart", "One or more of the specified parts could not be found.  The part may not have"
                + " been uploaded, or the specified entity tag may not match the part's entity tag.", "ETag", etag);
    }

    public static ServiceException invalidPartOrder() {
        return new ServiceException(ErrorCode.of("InvalidPartOrder"),
                "The list of parts was not in ascending order. Parts must be ordered by part number.");
    }

    public static ServiceException entityTooSmall() {
        return new ServiceException(ErrorCode.of("EntityTooSmall"),
                "Your proposed upload is smaller than the minimum allowed size");
    }

    public static ServiceException malformedXml() {
        return new ServiceException(ErrorCode.of("MalformedXML"), "The XML you provided was not well-formed or did"
                + " not validate against our published schema");
    }

    public static ServiceException invalidArgument(String message, String name, String value) {
        return new ServiceException(ErrorCode.of("InvalidArgument"), message,
                details("ArgumentName", name, "ArgumentValue", value));
    }

    public static ServiceException noSuchTagSet(String bucket) {
        return error("NoSuchTagSet", "The TagSet does not exist", "BucketName", bucket);
    }

    public static ServiceException invalidTag(String message) {
        return new ServiceException(ErrorCode.of("InvalidTag"), message);
    }

    public static ServiceException noSuchBucketPolicy(String bucket) {
        return error("NoSuchBucketPolicy", "The bucket policy does not exist", "BucketName", bucket);
    }

    // The answers for a bucket sub-resource that was never configured, with AWS's codes and wording.

    public static ServiceException noSuchCorsConfiguration(String bucket) {
        return error("NoSuchCORSConfiguration", "The CORS configuration does not exist", "BucketName", bucket);
    }

    public static ServiceException noSuchWebsiteConfiguration(String bucket) {
        return error("NoSuchWebsiteConfiguration", "The specified bucket does not have a website configuration",
                "BucketName", bucket);
    }

    public static ServiceException noSuchLifecycleConfiguration(String bucket) {
        return error("NoSuchLifecycleConfiguration", "The lifecycle configuration does not exist", "BucketName",
                bucket);
    }

    public static ServiceException replicationConfigurationNotFound(String bucket) {
        return error("ReplicationConfigurationNotFoundError", "The replication configuration was not found",
                "BucketName", bucket);
    }

    public static ServiceException encryptionConfigurationNotFound(String bucket) {
        return error("ServerSideEncryptionConfigurationNotFoundError",
                "The server side encryption configuration was not found", "BucketName", bucket);
    }

    public static ServiceException objectLockConfigurationNotFound(String bucket) {
        return error("ObjectLockConfigurationNotFoundError", "Object Lock configuration does not exist for this bucket",
                "BucketName", bucket);
    }

    public static ServiceException malformedPolicy(String message) {
        return new ServiceException(ErrorCode.of("MalformedPolicy"), message);
    }

    public static ServiceException methodNotAllowed() {
        return new ServiceException(ErrorCode.of("MethodNotAllowed"),
                "The specified method is not allowed against this resource.");
    }

    public static ServiceException invalidCopySource() {
        return new ServiceException(ErrorCode.of("InvalidArgument"), "Invalid copy source object key");
    }

    private static ServiceException error(String code, String message, String detail, String value) {
        return new ServiceException(ErrorCode.of(code), message, details(detail, value));
    }

    private static Map<String, String> details(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                out.put(pairs[i], pairs[i + 1]);
            }
        }
        return out;
    }
}
