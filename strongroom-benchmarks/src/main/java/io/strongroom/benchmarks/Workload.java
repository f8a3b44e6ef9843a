package io.strongroom.benchmarks;

import java.util.Locale;

/**
 * What the load harness's threads call, in a closed loop. The same workload (same SDK client code, same
 * requests) runs against every target. {@link #prepare} runs once on each fresh server, outside any measured
 * window; each measured window asks for one {@link Caller} per thread.
 */
interface Workload {
    /** A name for the tables: the operation and, where it matters, the payload size. */
    String name();

    /** Creates what the calls need (a table, a bucket, the items or objects to read) for up to {@code threads}. */
    default void prepare(SdkClients clients, int threads) {
    }

    /** Thread {@code thread}'s client and request state for one window; distinct keys per thread. */
    Caller caller(SdkClients clients, int thread);

    interface Caller extends AutoCloseable {
        /** One complete SDK call; returns the payload bytes it moved (object or item bytes, 0 for none). */
        long call();

        @Override
        void close();
    }

    /**
     * Parses {@code --workload}: {@code sts-get-caller-identity}, {@code dynamodb-put-item},
     * {@code dynamodb-get-item} (items of {@code itemBytes}), {@code s3-put-object}, {@code s3-get-object}
     * (objects of {@code objectBytes}).
     */
    static Workload parse(String name, int itemBytes, int objectBytes) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "sts", "sts-get-caller-identity" -> new StsWorkload();
            case "dynamodb-put-item" -> new DynamoDbWorkload(true, itemBytes);
            case "dynamodb-get-item" -> new DynamoDbWorkload(false, itemBytes);
            case "s3-put-object" -> new S3Workload(true, objectBytes);
            case "s3-get-object" -> new S3Workload(false, objectBytes);
            default -> throw new IllegalArgumentException("unknown workload " + name + " (sts-get-caller-identity, "
                    + "dynamodb-put-item, dynamodb-get-item, s3-put-object, s3-get-object)");
        };
    }

    /** "16 KiB", "1 MiB": sizes as the tables print them. */
    static String size(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " B";
    }

    /** Parses "1MiB", "16KiB", "1024". */
    static int parseSize(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("mib") || t.endsWith("m")) {
            return Integer.parseInt(t.replaceAll("[a-z]+$", "")) * 1024 * 1024;
        }
        if (t.endsWith("kib") || t.endsWith("k")) {
            return Integer.parseInt(t.replaceAll("[a-z]+$", "")) * 1024;
        }
        return Integer.parseInt(t);
    }
}
