package io.strongroom.rds;

import io.strongroom.json.JsonCodec;
import io.strongroom.kernel.ServiceException;
import io.strongroom.storage.Collection;
import io.strongroom.storage.ScanPage;
import io.strongroom.storage.ScanQuery;
import io.strongroom.storage.StoredRecord;
import io.strongroom.storage.Tx;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * How RDS keeps one kind of its own manual snapshots (DB snapshots D128, DB cluster snapshots D130): the snapshot
 * records under {@code <account>/<region>/<identifier>}, and their bytes in records of at most 1 MiB under
 * {@code <account>/<region>/<identifier>/<n>}, written in the call's transaction, so a large database never makes one
 * huge record. Subclasses say what is snapshotted and how it is restored.
 *
 * @param <S> the snapshot record
 */
abstract class ManualSnapshots<S extends ManualSnapshot> {
    /** AWS's default quota of manual snapshots per Region, for DB instances and for DB clusters alike. */
    static final int QUOTA = 100;
    private static final int CHUNK = 1 << 20;

    final RdsService rds;
    final Clock clock;
    private final Collection<S> snapshots;
    private final String data;

    ManualSnapshots(RdsService rds, Clock clock, String records, String data, Class<S> type) {
        this.rds = rds;
        this.clock = clock;
        this.snapshots = new Collection<>(records, JsonCodec.of(type));
        this.data = data;
    }

    private static String scope(String account, String region) {
        return account + "/" + region + "/";
    }

    public Optional<S> find(Tx tx, String account, String region, String identifier) {
        return snapshots.get(tx, scope(account, region) + identifier);
    }

    public List<S> list(Tx tx, String account, String region) {
        return snapshots.list(tx, scope(account, region));
    }

    /** The snapshot with other tags. */
    abstract S withTags(S snapshot, Map<String, String> tags);

    void saveTags(Tx tx, S snapshot, Map<String, String> tags) {
        snapshots.put(tx, scope(snapshot.accountId(), snapshot.region()) + snapshot.identifier(),
                withTags(snapshot, tags));
    }

    /**
     * Keeps a new snapshot: refuses an identifier already taken ({@code taken}) and a snapshot beyond the Region's
     * quota, then writes its bytes and the record {@code make} builds from their size and number of records.
     */
    S keep(Tx tx, String account, String region, String identifier, Supplier<ServiceException> taken,
           Supplier<byte[]> bytes, ChunkedRecord<S> make) {
        if (find(tx, account, region, identifier).isPresent()) {
            throw taken.get();
        }
        if (list(tx, account, region).size() >= QUOTA) {
            throw RdsErrors.snapshotQuotaExceeded(QUOTA);
        }
        byte[] all = bytes.get();
        int chunks = 0;
        for (int from = 0; from < all.length || chunks == 0; from += CHUNK, chunks++) {
            tx.put(data, scope(account, region) + identifier + "/" + String.format("%06d", chunks),
                    Arrays.copyOfRange(all, from, Math.min(all.length, from + CHUNK)), Tx.ANY);
        }
        S snapshot = make.of(all.length, chunks);
        snapshots.put(tx, scope(account, region) + identifier, snapshot, Tx.ABSENT);
        return snapshot;
    }

    /**
     * Keeps a copy of {@code source} as a new snapshot of {@code account} in the source's Region: its bytes, as
     * {@code rewrite} makes them (the copy's configuration with the source's database), in new records.
     */
    S copy(Tx tx, String account, S source, String identifier, Supplier<ServiceException> taken,
           UnaryOperator<byte[]> rewrite, ChunkedRecord<S> make) {
        return keep(tx, account, source.region(), identifier, taken, () -> rewrite.apply(bytes(tx, source)), make);
    }

    /** Builds a snapshot record once its bytes are written. */
    interface ChunkedRecord<S> {
        S of(long bytes, int chunks);
    }

    /** DeleteDBSnapshot or DeleteDBClusterSnapshot of a manual snapshot: the snapshot and its bytes. */
    S delete(Tx tx, S snapshot) {
        String key = scope(snapshot.accountId(), snapshot.region()) + snapshot.identifier();
        snapshots.delete(tx, key);
        tx.deleteAll(data, key + "/");
        return snapshot;
    }

    /** A snapshot's bytes, all of them. */
    byte[] bytes(Tx tx, S snapshot) {
        String prefix = scope(snapshot.accountId(), snapshot.region()) + snapshot.identifier() + "/";
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE, snapshot.bytes()));
        String after = null;
        while (true) {
            ScanPage page = tx.scan(new ScanQuery(data, prefix, after, 64, false));
            for (StoredRecord r : page.records()) {
                out.writeBytes(r.value());
            }
            if (page.records().size() < 64) {
                break;
            }
            after = page.records().get(page.records().size() - 1).key();
        }
        if (out.size() != snapshot.bytes()) {
            throw new IllegalStateException("Snapshot " + snapshot.arn() + " holds " + out.size()
                    + " bytes, its record says " + snapshot.bytes());
        }
        return out.toByteArray();
    }

    /**
     * The manual snapshot a Delete or Restore call names (identifier or ARN, case-insensitive): AWS Backup's
     * snapshots stay AWS Backup's (refused with {@code kept}), any other identifier is {@code notFound}.
     */
    static <S> S manualOnly(String given, String parameter, String arnPart, Function<String, Optional<S>> manual,
                            Predicate<String> keptByBackup, Function<String, ServiceException> kept,
                            Function<String, ServiceException> notFound) {
        if (given == null || given.isBlank()) {
            throw RdsErrors.missing(parameter);
        }
        String id = DescribeRequests.idOf(given, arnPart);
        Optional<S> own = manual.apply(id);
        if (own.isPresent()) {
            return own.get();
        }
        if (keptByBackup.test(id)) {
            throw kept.apply(id);
        }
        throw notFound.apply(id);
    }
}
