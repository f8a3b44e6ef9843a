package io.strongroom.vaultstorage.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.strongroom.vaultstorage.testing.SyntheticData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChunkerTest {
    private static final ChunkingParameters P = ChunkingParameters.DEFAULT;

    @Test
    void chunksStayWithinTheBoundsAndConcatenateToTheInput() throws IOException {
        byte[] data = SyntheticData.random(20L << 20, 1).readAllBytes();
        List<byte[]> chunks = chunks(data, 99);
        assertThat(chunks.stream().mapToLong(c -> c.length).sum()).isEqualTo(data.length);
        for (int i = 0; i < chunks.size() - 1; i++) {
            assertThat(chunks.get(i).length).isBetween(P.minSize() + 1, P.maxSize());
        }
        double average = (double) data.length / chunks.size();
        assertThat(average).as("average chunk size").isBetween(P.averageSize() * 0.8, P.averageSize() * 1.5);
        java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
        chunks.forEach(joined::writeBytes);
        assertThat(joined.toByteArray()).isEqualTo(data);
    }

    @Test
    void anInsertionMovesOnlyTheBoundariesNearIt() throws IOException {
        byte[] data = SyntheticData.random(16L << 20, 2).readAllBytes();
        byte[] edited = new byte[data.length + 100];
        int at = 5 << 20;
        System.arraycopy(data, 0, edited, 0, at);
        System.arraycopy(data, at, edited, at + 100, data.length - at);
        Set<String> before = digests(chunks(data, 5));
        List<byte[]> after = chunks(edited, 5);
        long newBytes = after.stream().filter(c -> !before.contains(digest(c))).mapToLong(c -> c.length).sum();
        assertThat(newBytes).as("bytes in chunks not seen before").isLessThan(3L * P.maxSize());
    }

    @Test
    void theGearSeedChangesTheBoundaries() throws IOException {
        byte[] data = SyntheticData.random(8L << 20, 3).readAllBytes();
        assertThat(digests(chunks(data, 1))).doesNotContainAnyElementsOf(digests(chunks(data, 2)));
    }

    @Test
    void boundariesDoNotDependOnHowTheStreamIsDelivered() throws IOException {
        byte[] data = SyntheticData.random(6L << 20, 4).readAllBytes();
        InputStream trickle = new java.io.FilterInputStream(new ByteArrayInputStream(data)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1000));
            }
        };
        List<String> whole = chunks(new ByteArrayInputStream(data), 7).stream().map(ChunkerTest::digest).toList();
        assertThat(chunks(trickle, 7).stream().map(ChunkerTest::digest).toList()).isEqualTo(whole);
        assertThat(chunks(new ByteArrayInputStream(new byte[100]), 7)).singleElement()
                .satisfies(c -> assertThat(c).hasSize(100));
        assertThat(chunks(new ByteArrayInputStream(new byte[0]), 7)).isEmpty();
    }

    private static List<byte[]> chunks(byte[] data, long seed) {
        return chunks(new ByteArrayInputStream(data), seed);
    }

    private static List<byte[]> chunks(InputStream in, long seed) {
        Chunker chunker = new Chunker(in, seed, P);
        List<byte[]> chunks = new ArrayList<>();
        for (byte[] c; (c = chunker.next()) != null; ) {
            chunks.add(c);
        }
        return chunks;
    }

    private static Set<String> digests(List<byte[]> chunks) {
        Set<String> set = new HashSet<>();
        chunks.forEach(c -> set.add(digest(c)));
        return set;
    }

    private static String digest(byte[] chunk) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(chunk));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
