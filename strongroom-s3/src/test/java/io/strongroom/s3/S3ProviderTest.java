package io.strongroom.s3;

import io.strongroom.resource.ResourceProvider;
import io.strongroom.resource.ResourceProviderContract;
import io.strongroom.resource.Snapshot;
import io.strongroom.storage.Store;
import io.strongroom.storage.jdbc.StoreFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3ProviderTest extends ResourceProviderContract {
    @TempDir
    Path dir;

    private final S3Service s3 = new S3Service(Clock.fixed(Instant.parse("2027-02-01T00:00:00Z"), ZoneOffset.UTC));

    @Override
    protected Store newStore() {
        try {
            return StoreFactory.open(Files.createTempDirectory(dir, "s3").resolve("s.db").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    protected ResourceProvider newProvider(Store store) {
        return new S3Provider(s3);
    }

    @Override
    protected String createResourceWithData(String name, Map<String, String> tags) {
        return store.write(tx -> {
            Bucket b = s3.createBucket(tx, ACCOUNT, REGION, name, REGION);
            s3.putBucketVersioning(tx, ACCOUNT, name, "Enabled");
            if (!tags.isEmpty()) {
                s3.putBucketTagging(tx, ACCOUNT, name, tags);
            }
            s3.putObject(tx, ACCOUNT, name, "a.txt", bytes("alpha"), "text/plain", Map.of("k", "v"), Map.of());
            s3.putObject(tx, ACCOUNT, name, "dir/b.txt", bytes("beta"), null, Map.of(), Map.of("t", "1"));
            return b.arn();
        });
    }

    @Override
    protected void changeData(String arn) {
        String bucket = arn.substring("arn:aws:s3:::".length());
        store.write(tx -> {
            s3.putObject(tx, ACCOUNT, bucket, "a.txt", bytes("changed"), null, Map.of(), Map.of());
            s3.deleteObject(tx, ACCOUNT, bucket, "dir/b.txt", null);
            return null;
        });
    }

    @Override
    protected Object readData(String arn) {
        String bucket = arn.substring("arn:aws:s3:::".length());
        return store.read(tx -> {
            Map<String, String> out = new TreeMap<>();
            new S3Listing(s3).listObjectsV2(tx, ACCOUNT, bucket, null, null, 1000, null, null).contents()
                    .forEach(v -> out.put(v.key(), new String(s3.getObject(tx, ACCOUNT, bucket, v.key(), null, null, Preconditions.NONE)
                            .bytes(), StandardCharsets.UTF_8) + " " + v.tags() + " " + v.metadata()));
            return out;
        });
    }

    @Override
    protected Map<String, String> restoreMetadataFor(String newName) {
        return Map.of("DestinationBucketName", newName, "NewBucket", "true");
    }

    @Test
    void restoreIntoAnExistingBucketSkipsWhatIsThereAndFillsWhatIsDeleted() {
        String arn = createResourceWithData("source-bucket", Map.of());
        Snapshot snapshot = store.read(tx -> provider.snapshot(tx, arn).inMemory());
        store.write(tx -> {
            s3.createBucket(tx, ACCOUNT, REGION, "target-bucket", REGION);
            s3.putBucketVersioning(tx, ACCOUNT, "target-bucket", "Enabled");
            s3.putObject(tx, ACCOUNT, "target-bucket", "a.txt", bytes("keep me"), null, Map.of(), Map.of());
            s3.putObject(tx, ACCOUNT, "target-bucket", "dir/b.txt", bytes("deleted"), null, Map.of(), Map.of());
            s3.deleteObject(tx, ACCOUNT, "target-bucket", "dir/b.txt", null);
            s3.putObject(tx, ACCOUNT, "target-bucket", "only-here", bytes("mine"), null, Map.of(), Map.of());
            return null;
        });
        store.write(tx -> provider.restore(tx, ACCOUNT, REGION, snapshot,
                Map.of("destinationbucketname", "target-bucket")));
        @SuppressWarnings("unchecked")
        Map<String, String> data = (Map<String, String>) readData("arn:aws:s3:::target-bucket");
        assertThat(data).containsOnlyKeys("a.txt", "dir/b.txt", "only-here");
        assertThat(data.get("a.txt")).startsWith("keep me");
        assertThat(data.get("dir/b.txt")).startsWith("beta");
    }

    @Test
    void aBucketsSizeCountsEveryVersionThroughOverwritesAndDeletes() {
        store.write(tx -> {
            s3.createBucket(tx, ACCOUNT, REGION, "sized", REGION);
            s3.putObject(tx, ACCOUNT, "sized", "a", bytes("12345"), null, Map.of(), Map.of());
            s3.putObject(tx, ACCOUNT, "sized", "a", bytes("123"), null, Map.of(), Map.of()); // replaces, unversioned
            s3.putObject(tx, ACCOUNT, "sized", "b", bytes("1234567"), null, Map.of(), Map.of());
            return null;
        });
        assertThat(size("sized")).isEqualTo(10);
        store.write(tx -> {
            s3.putBucketVersioning(tx, ACCOUNT, "sized", "Enabled");
            s3.putObject(tx, ACCOUNT, "sized", "b", bytes("12"), null, Map.of(), Map.of()); // b keeps 7 + 2
            s3.deleteObject(tx, ACCOUNT, "sized", "a", null); // a delete marker: a's 3 bytes stay
            return null;
        });
        assertThat(size("sized")).isEqualTo(12);
        store.write(tx -> {
            s3.putBucketVersioning(tx, ACCOUNT, "sized", "Suspended");
            s3.putObject(tx, ACCOUNT, "sized", "b", bytes("1234"), null, Map.of(), Map.of()); // replaces b's null 7
            return null;
        });
        assertThat(size("sized")).as("a suspended bucket's put replaces the null version only").isEqualTo(9);
        store.write(tx -> {
            for (ObjectVersion v : S3Service.allVersions(tx, "sized", "")) {
                s3.deleteObject(tx, ACCOUNT, "sized", v.key(), v.versionId());
            }
            return null;
        });
        assertThat(size("sized")).isZero();
        store.write(tx -> {
            s3.deleteBucket(tx, ACCOUNT, "sized");
            s3.createBucket(tx, ACCOUNT, REGION, "sized", REGION);
            s3.putObject(tx, ACCOUNT, "sized", "c", bytes("1"), null, Map.of(), Map.of());
            return null;
        });
        assertThat(size("sized")).as("a bucket made again under the same name starts from nothing").isEqualTo(1);
    }

    private long size(String bucket) {
        return store.read(tx -> provider.describe(tx, "arn:aws:s3:::" + bucket)).orElseThrow().sizeBytes();
    }

    @Test
    void restoreNeedsAVersionedDestination() {
        String arn = createResourceWithData("source-two", Map.of());
        Snapshot snapshot = store.read(tx -> provider.snapshot(tx, arn).inMemory());
        store.write(tx -> s3.createBucket(tx, ACCOUNT, REGION, "plain-bucket", REGION));
        assertThatThrownBy(() -> store.write(tx -> provider.restore(tx, ACCOUNT, REGION, snapshot,
                Map.of("DestinationBucketName", "plain-bucket"))))
                .isInstanceOf(ResourceProvider.RestoreRejected.class).hasMessageContaining("versioning");
    }

    @Test
    void largeObjectsAreStoredInChunksAndReadByRange() {
        byte[] big = new byte[ObjectContent.CHUNK_SIZE * 2 + 100];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        store.write(tx -> {
            s3.createBucket(tx, ACCOUNT, REGION, "big-bucket", REGION);
            return s3.putObject(tx, ACCOUNT, "big-bucket", "big", big, null, Map.of(), Map.of());
        });
        byte[] middle = store.read(tx -> s3.getObject(tx, ACCOUNT, "big-bucket", "big", null,
                "bytes=" + (ObjectContent.CHUNK_SIZE - 10) + "-" + (ObjectContent.CHUNK_SIZE * 2 + 5), Preconditions.NONE).bytes());
        assertThat(middle).isEqualTo(java.util.Arrays.copyOfRange(big, ObjectContent.CHUNK_SIZE - 10,
                ObjectContent.CHUNK_SIZE * 2 + 6));
        byte[] all = store.read(tx -> s3.getObject(tx, ACCOUNT, "big-bucket", "big", null, null, Preconditions.NONE).bytes());
        assertThat(all).isEqualTo(big);
    }

    @Test
    void objectsAtTheChunkBoundaryReadBackWhole() {
        store.write(tx -> s3.createBucket(tx, ACCOUNT, REGION, "edge-bucket", REGION));
        for (int size : new int[] {1, ObjectContent.CHUNK_SIZE - 1, ObjectContent.CHUNK_SIZE,
                ObjectContent.CHUNK_SIZE + 1}) {
            byte[] data = new byte[size];
            for (int i = 0; i < size; i++) {
                data[i] = (byte) (i * 7 + size);
            }
            byte[] sent = data.clone();
            String key = "edge-" + size;
            store.write(tx -> s3.putObject(tx, ACCOUNT, "edge-bucket", key, sent, null, Map.of(), Map.of()));
            java.util.Arrays.fill(sent, (byte) 0);
            byte[] back = store.read(tx -> s3.getObject(tx, ACCOUNT, "edge-bucket", key, null, null, Preconditions.NONE).bytes());
            assertThat(back).as("size %d", size).isEqualTo(data);
        }
    }

    @Test
    void bucketsOutsideUsEast1NeedTheirRegionAsLocationConstraint() {
        assertThatThrownBy(() -> store.write(tx -> s3.createBucket(tx, ACCOUNT, REGION, "no-constraint", null)))
                .hasMessage("The unspecified location constraint is incompatible for the region specific endpoint"
                        + " this request was sent to.");
        assertThatThrownBy(() -> store.write(tx -> s3.createBucket(tx, ACCOUNT, "us-east-1", "east", "us-east-1")))
                .hasMessage("The specified location-constraint is not valid");
        assertThat(store.write(tx -> s3.createBucket(tx, ACCOUNT, "us-east-1", "east", null)).region())
                .isEqualTo("us-east-1");
        // us-east-1's legacy answer for a bucket you already own there: success.
        assertThat(store.write(tx -> s3.createBucket(tx, ACCOUNT, "us-east-1", "east", null)).name())
                .isEqualTo("east");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
