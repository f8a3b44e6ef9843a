package io.strongroom.benchmarks;

import io.strongroom.resource.ResourceProvider;
import io.strongroom.storage.Store;
import io.strongroom.storage.Tx;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One resource provider as {@link SnapshotRestoreHarness} measures it: the provider over its own engine (built as
 * the server builds it), and how to fill one resource of that type with data through the engine. A new provider
 * is one more implementation here and one line in {@link SnapshotRestoreHarness#FIXTURES}.
 */
interface ProviderFixture {
    String ACCOUNT = "222222222222";
    String REGION = "eu-west-1";
    Clock CLOCK = Clock.fixed(Instant.parse("2027-02-01T00:00:00Z"), ZoneOffset.UTC);

    /** A fresh provider (and engine) for one store; {@code dataDirectory} holds what the engine keeps in files. */
    ResourceProvider provider(Path dataDirectory);

    /** How the data is cut, for the tables: "1 KiB items", "1 MiB objects". */
    String unit();

    /** Creates a resource called {@code name} holding about {@code bytes} of random data; returns its ARN. */
    String fill(Store store, String name, long bytes);

    /** Restore metadata that makes a new resource called {@code newName}. */
    Map<String, String> restoreMetadata(String newName);

    /** Ids of the form the server's generator gives, from a counter: hex digits or a UUID. */
    static Function<Tx, String> hexIds(int digits) {
        AtomicLong n = new AtomicLong();
        return tx -> String.format("%0" + digits + "x", n.incrementAndGet());
    }

    /**
     * Calls {@code each} with 0 to {@code count - 1}, {@code perCommit} calls to a write transaction, as a client
     * filling a resource in batches would.
     */
    static void inCommits(Store store, long count, int perCommit, java.util.function.BiConsumer<Tx, Long> each) {
        for (long from = 0; from < count; from += perCommit) {
            long start = from;
            store.write(tx -> {
                for (long i = start; i < Math.min(count, start + perCommit); i++) {
                    each.accept(tx, i);
                }
                return null;
            });
        }
    }

    /** The smallest volume size, in whole GiB as EBS counts them, that holds {@code bytes}. */
    static int gibFor(long bytes) {
        return (int) Math.max(1, (bytes + (1L << 30) - 1) >> 30);
    }

    static byte[] randomBytes(SplittableRandom random, int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }
}
