package io.strongroom.benchmarks;

import io.strongroom.resource.ResourceProvider;
import io.strongroom.storage.Store;

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

    /** A fresh provider (and engine) for one store. */
    ResourceProvider provider();

    /** How the data is cut, for the tables: "1 KiB items", "1 MiB objects". */
    String unit();

    /** Creates a resource called {@code name} holding about {@code bytes} of random data; returns its ARN. */
    String fill(Store store, String name, long bytes);

    /** Restore metadata that makes a new resource called {@code newName}. */
    Map<String, String> restoreMetadata(String newName);

    /** Ids of the form the server's generator gives, from a counter: hex digits or a UUID. */
    static Function<io.strongroom.storage.Tx, String> hexIds(int digits) {
        AtomicLong n = new AtomicLong();
        return tx -> String.format("%0" + digits + "x", n.incrementAndGet());
    }

    static byte[] randomBytes(SplittableRandom random, int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }
}
