package io.strongroom.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

/**
 * The per-byte work the S3 protocol asks of every PutObject, alone, over 1 MiB: the payload's SHA-256 (the SDK signs
 * it over plain HTTP and the server must check it), the MD5 that is a single-part object's ETag, and the CRC32
 * request checksum the SDK sends by default. Their sum bounds how many MiB/s one core can accept, whatever else the
 * server does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PayloadDigestBenchmark {
    private final byte[] body = new byte[1 << 20];
    private MessageDigest sha256;
    private MessageDigest md5;
    private final CRC32 crc32 = new CRC32();

    @Setup
    public void prepare() throws NoSuchAlgorithmException {
        new Random(1).nextBytes(body);
        sha256 = MessageDigest.getInstance("SHA-256");
        md5 = MessageDigest.getInstance("MD5");
    }

    @Benchmark
    public byte[] sha256OfOneMiB() {
        return sha256.digest(body);
    }

    @Benchmark
    public byte[] md5OfOneMiB() {
        return md5.digest(body);
    }

    @Benchmark
    public long crc32OfOneMiB() {
        crc32.reset();
        crc32.update(body);
        return crc32.getValue();
    }
}
