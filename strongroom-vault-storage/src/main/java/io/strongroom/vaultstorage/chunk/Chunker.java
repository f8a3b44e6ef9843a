package io.strongroom.vaultstorage.chunk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Content-defined chunking with FastCDC (gear hash, normalized chunking level 2, cut-point skipping below the
 * minimum): an edit moves only the boundaries near it, so unchanged regions chunk the same way again.
 *
 * <p>The gear table is derived from a per-vault seed, so chunk boundaries (and thus sizes) reveal nothing that
 * could be matched against another vault or a known file. Reads the stream through a buffer of twice the maximum
 * chunk size; never holds more. The buffer starts small and grows as the stream turns out longer: most points of a
 * simulated day are a few hundred bytes, and a full buffer for each (allocated and zeroed) cost more than their I/O.
 */
public final class Chunker {
    private final InputStream in;
    private final long[] gear;
    private final int min;
    private final int avg;
    private final int max;
    private final long maskSmall;
    private final long maskLarge;
    private static final int FIRST_BUFFER = 16 << 10;
    private byte[] buffer;
    private int start;
    private int end;
    private boolean eof;

    public Chunker(InputStream in, long gearSeed, ChunkingParameters parameters) {
        this.in = in;
        this.gear = gearTable(gearSeed);
        this.min = parameters.minSize();
        this.avg = parameters.averageSize();
        this.max = parameters.maxSize();
        int bits = Integer.numberOfTrailingZeros(avg);
        // Gear hash: the high bits depend on the last 64 bytes, the low bits only on the last few, so cut on top bits.
        this.maskSmall = topBits(bits + 2);
        this.maskLarge = topBits(bits - 2);
        this.buffer = new byte[Math.min(2 * max, FIRST_BUFFER)];
    }

    /** The next chunk, or null at the end of the stream. */
    public byte[] next() {
        fill();
        int available = end - start;
        if (available == 0) {
            return null;
        }
        int length = cut(buffer, start, available);
        byte[] chunk = Arrays.copyOfRange(buffer, start, start + length);
        start += length;
        return chunk;
    }

    private void fill() {
        if (eof || end - start >= max) {
            return;
        }
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        try {
            while (true) {
                if (end == buffer.length) {
                    if (buffer.length >= 2 * max) {
                        return;
                    }
                    buffer = Arrays.copyOf(buffer, Math.min(2 * max, 2 * buffer.length));
                }
                int n = in.read(buffer, end, buffer.length - end);
                if (n < 0) {
                    eof = true;
                    return;
                }
                end += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Length of the chunk starting at {@code from}, given {@code available} bytes (all that remain at EOF). */
    int cut(byte[] data, int from, int available) {
        if (available <= min) {
            return available;
        }
        int limit = Math.min(available, max);
        int normal = Math.min(avg, limit);
        long hash = 0;
        int i = min;
        for (; i < normal; i++) {
            hash = (hash << 1) + gear[data[from + i] & 0xff];
            if ((hash & maskSmall) == 0) {
                return i + 1;
            }
        }
        for (; i < limit; i++) {
            hash = (hash << 1) + gear[data[from + i] & 0xff];
            if ((hash & maskLarge) == 0) {
                return i + 1;
            }
        }
        return limit;
    }

    private static long topBits(int n) {
        return -1L << (64 - n);
    }

    private static long[] gearTable(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] table = new long[256];
        for (int i = 0; i < table.length; i++) {
            table[i] = random.nextLong();
        }
        return table;
    }
}
