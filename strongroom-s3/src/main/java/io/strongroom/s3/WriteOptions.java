package io.strongroom.s3;

import java.util.Set;

/**
 * The headers of an object write that Strongroom accepts without acting on (every object is stored encrypted, in one
 * storage class), checked as S3 checks them so a wrong value is refused rather than silently ignored (D99).
 */
public final class WriteOptions {
    private static final Set<String> STORAGE_CLASSES = Set.of("STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA",
            "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER", "DEEP_ARCHIVE", "OUTPOSTS", "GLACIER_IR", "SNOW",
            "EXPRESS_ONEZONE", "FSX_OPENZFS");
    private static final Set<String> ENCRYPTIONS = Set.of("AES256", "aws:kms", "aws:kms:dsse");

    private WriteOptions() {
    }

    /** PutObject, CopyObject, CreateMultipartUpload: storage class, server-side encryption, customer keys. */
    public static void check(String storageClass, String serverSideEncryption, String customerAlgorithm) {
        if (storageClass != null && !STORAGE_CLASSES.contains(storageClass)) {
            throw S3Errors.invalidStorageClass(storageClass);
        }
        if (serverSideEncryption != null && !ENCRYPTIONS.contains(serverSideEncryption)) {
            throw S3Errors.invalidArgument("The encryption method specified is not supported",
                    "x-amz-server-side-encryption", serverSideEncryption);
        }
        checkCustomerKey(customerAlgorithm);
    }

    /**
     * Customer-provided keys (SSE-C): S3 takes them only over HTTPS, and Strongroom serves HTTP, so every such request
     * gets the answer S3 gives one sent over HTTP.
     */
    public static void checkCustomerKey(String customerAlgorithm) {
        if (customerAlgorithm != null) {
            throw S3Errors.invalidRequest("Requests specifying Server Side Encryption with Customer provided keys "
                    + "must be made over a secure connection.");
        }
    }
}
