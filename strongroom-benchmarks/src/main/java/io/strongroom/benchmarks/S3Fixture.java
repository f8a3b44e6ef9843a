package io.strongroom.benchmarks;

import io.strongroom.resource.ResourceProvider;
import io.strongroom.s3.S3Provider;
import io.strongroom.s3.S3Service;
import io.strongroom.storage.Store;

import java.util.Map;
import java.util.SplittableRandom;

/** A bucket of 1 MiB objects of random bytes, one object per commit. */
final class S3Fixture implements ProviderFixture {
    private static final int OBJECT_BYTES = 1024 * 1024;
    private final S3Service s3 = new S3Service(CLOCK);

    @Override
    public ResourceProvider provider(java.nio.file.Path dataDirectory) {
        return new S3Provider(s3);
    }

    @Override
    public String unit() {
        return "1 MiB objects";
    }

    @Override
    public String fill(Store store, String name, long bytes) {
        String arn = store.write(tx -> s3.createBucket(tx, ACCOUNT, REGION, name, REGION).arn());
        SplittableRandom random = new SplittableRandom(2);
        for (long i = 0; i < bytes / OBJECT_BYTES; i++) {
            String key = "data/object-" + i;
            byte[] body = ProviderFixture.randomBytes(random, OBJECT_BYTES);
            store.write(tx -> s3.putObject(tx, ACCOUNT, name, key, body, "application/octet-stream", Map.of(),
                    Map.of()));
        }
        return arn;
    }

    @Override
    public Map<String, String> restoreMetadata(String newName) {
        return Map.of("DestinationBucketName", newName, "NewBucket", "true");
    }
}
