package io.strongroom.vaultstorage.testing;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Deterministic data sets generated as streams (never held whole): random bytes, log-like text, half of each,
 * and a copy of any of them with a fraction of its bytes overwritten in scattered regions.
 */
public final class SyntheticData {
    /** Size of one changed region. */
    public static final long REGION = 800 << 10;

    private SyntheticData() {
    }

    public static InputStream random(long length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return new Generated(length) {
            @Override
            int fill(byte[] block) {
                for (int i = 0; i + 8 <= block.length; i += 8) {
                    long v = random.nextLong();
                    for (int j = 0; j < 8; j++) {
                        block[i + j] = (byte) (v >>> (8 * j));
                    }
                }
                return block.length;
            }
        };
    }

    public static InputStream text(long length, long seed) {
        TextLines lines = new TextLines(seed);
        return new Generated(length) {
            @Override
            int fill(byte[] block) {
                return lines.fill(block);
            }
        };
    }

    /** The first half random, the second half text: the benchmark's data set. */
    public static InputStream mixed(long length, long seed) {
        long half = length / 2;
        return new java.io.SequenceInputStream(random(half, seed), text(length - half, seed + 1));
    }

    /**
     * {@code base} with {@code fraction} of its {@code length} bytes replaced by the bytes at the same positions of
     * {@code replacement} (a data set of the same kind, so changed text is still text), in regions of
     * {@link #REGION} bytes, one at a random place in each of equal slots: files or pages rewritten here and there.
     */
    public static InputStream changed(InputStream base, InputStream replacement, long length, double fraction,
            long seed) {
        int regions = (int) Math.max(1, Math.round(length * fraction / REGION));
        long regionLength = (long) (length * fraction / regions);
        long slot = length / regions;
        long[] starts = new long[regions];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < regions; i++) {
            starts[i] = i * slot + random.nextLong(Math.max(1, slot - regionLength));
        }
        return new java.io.FilterInputStream(base) {
            private long position;

            @Override
            public int read() throws java.io.IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                int n = super.read(b, off, len);
                if (n <= 0) {
                    return n;
                }
                byte[] other = replacement.readNBytes(n);
                for (int i = 0; i < n; i++) {
                    long p = position + i;
                    int region = (int) Math.min(regions - 1, p / slot);
                    if (p >= starts[region] && p < starts[region] + regionLength && i < other.length) {
                        b[off + i] = other[i];
                    }
                }
                position += n;
                return n;
            }

            @Override
            public void close() throws java.io.IOException {
                replacement.close();
                super.close();
            }
        };
    }

    /** The benchmark's data set after its 5% change. */
    public static InputStream mixedChanged(long length, long seed) {
        return changed(mixed(length, seed), mixed(length, seed + 1000), length, 0.05, seed);
    }

    private abstract static class Generated extends InputStream {
        private final byte[] block = new byte[64 << 10];
        private long remaining;
        private int blockLength;
        private int blockPosition;

        Generated(long length) {
            this.remaining = length;
        }

        abstract int fill(byte[] block);

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining == 0) {
                return -1;
            }
            if (blockPosition == blockLength) {
                blockLength = fill(block);
                blockPosition = 0;
            }
            int n = (int) Math.min(Math.min(len, blockLength - blockPosition), remaining);
            System.arraycopy(block, blockPosition, b, off, n);
            blockPosition += n;
            remaining -= n;
            return n;
        }
    }

    /** Log lines: a timestamp, a level, a thread, 5-19 words of a Zipf-like vocabulary, a hex id. */
    private static final class TextLines {
        private static final byte[][] LEVELS = {bytes(" INFO "), bytes(" WARN "), bytes(" DEBUG "), bytes(" ERROR ")};
        private static final byte[] HEX = bytes("0123456789abcdef");
        private final SplittableRandom random;
        private final byte[][] vocabulary = new byte[4000][];
        private long timestamp = 1_800_000_000_000L;
        private final byte[] line = new byte[512];
        private int lineLength;
        private int linePosition;

        TextLines(long seed) {
            random = new SplittableRandom(seed);
            for (int i = 0; i < vocabulary.length; i++) {
                byte[] word = new byte[2 + random.nextInt(9)];
                for (int j = 0; j < word.length; j++) {
                    word[j] = (byte) ('a' + random.nextInt(26));
                }
                vocabulary[i] = word;
            }
        }

        int fill(byte[] block) {
            int n = 0;
            while (n < block.length) {
                if (linePosition == lineLength) {
                    nextLine();
                }
                int take = Math.min(block.length - n, lineLength - linePosition);
                System.arraycopy(line, linePosition, block, n, take);
                n += take;
                linePosition += take;
            }
            return n;
        }

        private void nextLine() {
            lineLength = 0;
            linePosition = 0;
            timestamp += random.nextInt(5000);
            put(Long.toString(timestamp).getBytes(StandardCharsets.US_ASCII));
            put(LEVELS[random.nextInt(LEVELS.length)]);
            put(bytes("[worker-" + random.nextInt(16) + "] "));
            int words = 5 + random.nextInt(15);
            for (int i = 0; i < words; i++) {
                double z = random.nextDouble();
                put(vocabulary[(int) (z * z * z * vocabulary.length)]);
                line[lineLength++] = (byte) (i % 7 == 6 ? ',' : ' ');
            }
            put(bytes("id="));
            long id = random.nextLong();
            for (int i = 0; i < 16; i++) {
                line[lineLength++] = HEX[(int) (id >>> (4 * i)) & 0xf];
            }
            line[lineLength++] = '\n';
        }

        private void put(byte[] bytes) {
            System.arraycopy(bytes, 0, line, lineLength, bytes.length);
            lineLength += bytes.length;
        }

        private static byte[] bytes(String s) {
            return s.getBytes(StandardCharsets.US_ASCII);
        }
    }
}
