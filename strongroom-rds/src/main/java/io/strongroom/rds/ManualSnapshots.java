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
import java.util.Locale;
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
    /** Who else may copy and restore the snapshots (D144). */
    final SnapshotShares shares = new SnapshotShares();
    private final Collection<S> snapshots;
    private final String data;
    private final String arnType;

    ManualSnapshots(RdsService rds, Clock clock, String records, String data, Class<S> type, String arnType) {
        this.rds = rds;
        this.clock = clock;
        this.snapshots = new Collection<>(records, JsonCodec.of(type));
        this.data = data;
        this.arnType = arnType;
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

    /** The snapshot an ARN names ({@code arn:aws:rds:<region>:<owner>:<type>:<identifier>}), of any account. */
    public Optional<S> findByArn(Tx tx, String arn) {
        String[] p = arn == null ? new String[0] : arn.split(":", 7);
        if (p.length != 7 || !p[0].equals("arn") || !p[2].equals("rds") || !p[5].equals(arnType)) {
            return Optional.empty();
        }
        return find(tx, p[4], p[3], p[6].toLowerCase(Locale.ROOT));
    }

    /** Whether a snapshot identifier is the ARN of another account's snapshot. */
    static boolean namesOtherAccount(String given, String account) {
        String[] p = given == null || !given.startsWith("arn:") ? new String[0] : given.split(":", 7);
        return p.length == 7 && !p[4].equals(account);
    }

    /**
     * The snapshot of another account an ARN names when it is in the caller's Region and shared with the caller,
     * by name or publicly (D144); else empty.
     */
    Optional<S> sharedWith(Tx tx, String account, String region, String arn) {
        return findByArn(tx, arn).filter(s -> s.region().equals(region) && !s.accountId().equals(account)
                && shares.grantedTo(tx, s, account));
    }

    /**
     * The snapshot a Restore or Copy call names: another account's by ARN when shared with the caller (else
     * {@code notFound}), the caller's own as {@code own} finds it.
     */
    S ownOrShared(Tx tx, String account, String region, String given, Supplier<S> own,
                  Function<String, ServiceException> notFound) {
        if (namesOtherAccount(given, account)) {
            return sharedWith(tx, account, region, given).orElseThrow(() -> notFound.apply(
                    DescribeRequests.idOf(given, ":" + arnType + ":")));
        }
        return own.get();
    }

    /**
     * Other accounts' snapshots of the Region shared with {@code account}: those naming it ({@code named}) and the
     * public ones ({@code publicOnes}), each once, as {@code describe} reports them with their type for the caller
     * ({@code shared} or {@code public}).
     */
    <D> List<D> sharedWith(Tx tx, String account, String region, boolean named, boolean publicOnes,
                           java.util.function.BiFunction<S, String, D> describe) {
        Map<String, D> out = new java.util.LinkedHashMap<>();
        if (named) {
            shares.sharedWith(tx, account, region, arnType).forEach(arn -> findByArn(tx, arn)
                    .ifPresent(s -> out.put(arn, describe.apply(s, "shared"))));
        }
        if (publicOnes) {
            shares.sharedWith(tx, SnapshotShares.ALL, region, arnType).forEach(arn -> findByArn(tx, arn)
                    .filter(s -> !s.accountId().equals(account))
                    .ifPresent(s -> out.putIfAbsent(arn, describe.apply(s, "public"))));
        }
        return List.copyOf(out.values());
    }

    /**
     * The snapshots a DescribeDBSnapshots or DescribeDBClusterSnapshots call looks at, as the call reports them: the
     * one another account's ARN names when it is shared with the caller; else the caller's own ({@code own}) and AWS
     * Backup's ({@code backup}, {@code backupOne}), all or the one named, with those shared with the caller when the
     * call asks for them.
     */
    <D> List<D> candidates(Tx tx, String account, String region, String given, SnapshotTypes.Asked asked,
                           Function<S, D> own, java.util.function.BiFunction<S, String, D> shared,
                           Supplier<List<D>> backup, Function<String, Optional<D>> backupOne) {
        if (namesOtherAccount(given, account)) {
            return sharedWith(tx, account, region, given).map(s -> shared.apply(s, sharedType(tx, s, account)))
                    .stream().toList();
        }
        String named = given == null || given.isEmpty() ? null : DescribeRequests.idOf(given, ":" + arnType + ":");
        return SnapshotTypes.candidates(named, () -> {
            List<D> all = new java.util.ArrayList<>(list(tx, account, region).stream().map(own).toList());
            all.addAll(sharedWith(tx, account, region, asked.shared(), asked.publicOnes(), shared));
            return all;
        }, backup, id -> find(tx, account, region, id).map(own), backupOne);
    }

    /** ModifyDB(Cluster)SnapshotAttribute of a manual snapshot of the caller's (D144): its attribute after the call. */
    List<String> modifyAttribute(Tx tx, S snapshot, String attributeName, List<String> add, List<String> remove) {
        shares.modify(tx, snapshot, attributeName, add, remove);
        return shares.grantees(tx, snapshot);
    }

    /**
     * DescribeDB(Cluster)SnapshotAttributes (D144): the {@code restore} attribute of a manual snapshot of the
     * caller's; AWS Backup's ({@code keptByBackup}) are shared with nobody.
     */
    List<String> attributes(Tx tx, String account, String region, String given, String parameter,
                            Predicate<String> keptByBackup, Function<String, ServiceException> notFound) {
        return manualOnly(given, parameter, ":" + arnType + ":",
                id -> find(tx, account, region, id).map(s -> shares.grantees(tx, s))
                        .or(() -> keptByBackup.test(id) ? Optional.of(List.of()) : Optional.empty()),
                id -> false, notFound, notFound);
    }

    /** How a shared snapshot's type reads for a caller it is shared with: by name, else publicly. */
    String sharedType(Tx tx, S snapshot, String account) {
        return shares.namedIn(tx, snapshot, account) ? "shared" : "public";
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
        shares.removeAll(tx, snapshot);
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
