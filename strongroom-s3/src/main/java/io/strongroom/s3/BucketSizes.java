package io.strongroom.s3;

import io.strongroom.storage.Tx;

import java.nio.ByteBuffer;

/**
 * The bytes a bucket holds, every version counted, kept as a running total beside the versions
 * ({@code s3-bucket-bytes}): describing a bucket as a protectable resource used to read every version, which made
 * each daily compliance evaluation slower as an audit bucket filled with years of reports. A bucket written before
 * the total existed is summed once, on its first read or change.
 */
final class BucketSizes {
    private static final String COLLECTION = "s3-bucket-bytes";

    private BucketSizes() {
    }

    static long of(Tx tx, String bucket) {
        return tx.get(COLLECTION, bucket).map(r -> ByteBuffer.wrap(r.value()).getLong())
                .orElseGet(() -> S3Service.allVersions(tx, bucket, "").stream().mapToLong(ObjectVersion::size).sum());
    }

    /** Call before the version is stored or removed, so a bucket without a total is summed without it. */
    static void add(Tx tx, String bucket, long delta) {
        long total = of(tx, bucket) + delta;
        tx.put(COLLECTION, bucket, ByteBuffer.allocate(Long.BYTES).putLong(total).array(), Tx.ANY);
    }

    static void forget(Tx tx, String bucket) {
        tx.delete(COLLECTION, bucket, Tx.ANY);
    }
}
