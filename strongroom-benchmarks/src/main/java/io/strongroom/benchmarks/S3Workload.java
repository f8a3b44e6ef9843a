package io.strongroom.benchmarks;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;

/**
 * s3:PutObject or s3:GetObject of objects of {@code objectBytes} (random bytes) in one unversioned bucket.
 * Each thread has its own {@link #KEYS_PER_THREAD} keys: puts overwrite them round-robin (so a long run does not
 * fill the disk), gets read back objects written in {@link #prepare}, draining the body into a reused buffer.
 * The SDK's defaults are kept (payload signing over plain HTTP, CRC32 request checksums, response checksum
 * validation), as a user of the SDK would have them, for both targets.
 */
final class S3Workload implements Workload {
    static final String BUCKET = "bench-objects";
    static final int KEYS_PER_THREAD = 4;

    private final boolean put;
    private final int objectBytes;

    S3Workload(boolean put, int objectBytes) {
        this.put = put;
        this.objectBytes = objectBytes;
    }

    @Override
    public String name() {
        return (put ? "s3:PutObject" : "s3:GetObject") + " " + Workload.size(objectBytes);
    }

    @Override
    public void prepare(SdkClients clients, int threads) {
        try (S3Client s3 = clients.s3()) {
            s3.createBucket(b -> b.bucket(BUCKET).createBucketConfiguration(
                    c -> c.locationConstraint(BucketLocationConstraint.EU_WEST_1)));
            if (!put) {
                for (int t = 0; t < threads; t++) {
                    byte[] body = body(t);
                    for (int i = 0; i < KEYS_PER_THREAD; i++) {
                        s3.putObject(request(t, i), RequestBody.fromBytes(body));
                    }
                }
            }
        }
    }

    @Override
    public Caller caller(SdkClients clients, int thread) {
        S3Client s3 = clients.s3();
        byte[] body = body(thread);
        byte[] sink = new byte[64 * 1024];
        return new Caller() {
            long n;

            public long call() {
                int i = (int) (n++ % KEYS_PER_THREAD);
                if (put) {
                    s3.putObject(request(thread, i), RequestBody.fromBytes(body));
                    return objectBytes;
                }
                long read = 0;
                try (ResponseInputStream<GetObjectResponse> in = s3.getObject(GetObjectRequest.builder()
                        .bucket(BUCKET).key(key(thread, i)).build())) {
                    for (int r; (r = in.read(sink)) >= 0; ) {
                        read += r;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (read != objectBytes) {
                    throw new IllegalStateException("read " + read + " bytes, expected " + objectBytes);
                }
                return read;
            }

            public void close() {
                s3.close();
            }
        };
    }

    private static String key(int thread, int i) {
        return "t" + thread + "/object-" + i;
    }

    private static PutObjectRequest request(int thread, int i) {
        return PutObjectRequest.builder().bucket(BUCKET).key(key(thread, i)).contentType("application/octet-stream")
                .build();
    }

    private byte[] body(int thread) {
        byte[] body = new byte[objectBytes];
        new SplittableRandom(thread).nextBytes(body);
        return body;
    }
}
