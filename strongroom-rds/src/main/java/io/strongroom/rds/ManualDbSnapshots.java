package io.strongroom.rds;

import io.strongroom.json.JsonCodec;
import io.strongroom.rds.codec.RdsSnapshots;
import io.strongroom.storage.Collection;
import io.strongroom.storage.ScanPage;
import io.strongroom.storage.ScanQuery;
import io.strongroom.storage.StoredRecord;
import io.strongroom.storage.Tx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * RDS's own manual snapshots of DB instances (D128): CreateDBSnapshot keeps the instance's configuration and a
 * consistent SQL script of its database in the store, in the call's transaction, and RestoreDBInstanceFromDBSnapshot
 * makes a new instance from them. The snapshot is {@code rds.db-snapshots} under
 * {@code <account>/<region>/<identifier>}; its bytes (the format AWS Backup's RDS points use, {@link RdsSnapshots})
 * are {@code rds.db-snapshot-data} records of at most 1 MiB under {@code <account>/<region>/<identifier>/<n>}, so a
 * large database never makes one huge record.
 */
public final class ManualDbSnapshots {
    /** AWS's default quota of manual DB instance snapshots per Region. */
    static final int QUOTA = 100;
    private static final String DATA = "rds.db-snapshot-data";
    private static final int CHUNK = 1 << 20;

    private final Collection<ManualDbSnapshot> snapshots = new Collection<>("rds.db-snapshots",
            JsonCodec.of(ManualDbSnapshot.class));
    private final RdsService rds;
    private final Clock clock;

    ManualDbSnapshots(RdsService rds, Clock clock) {
        this.rds = rds;
        this.clock = clock;
    }

    private static String scope(String account, String region) {
        return account + "/" + region + "/";
    }

    /**
     * CreateDBSnapshot, and a final snapshot of DeleteDBInstance. Tags given to the call are the snapshot's;
     * without them an instance with CopyTagsToSnapshot gives its own.
     */
    public ManualDbSnapshot create(Tx tx, String account, String region, String snapshotIdentifier,
                                   String instanceIdentifier, Map<String, String> tags) {
        String id = RdsRules.snapshotIdentifier("DBSnapshotIdentifier", snapshotIdentifier);
        if (instanceIdentifier == null || instanceIdentifier.isBlank()) {
            throw RdsErrors.missing("DBInstanceIdentifier");
        }
        DbInstance instance = rds.instance(tx, account, region, instanceIdentifier);
        return take(tx, instance, id, tags);
    }

    ManualDbSnapshot take(Tx tx, DbInstance instance, String id, Map<String, String> tags) {
        if (instance.clusterIdentifier() != null) {
            throw RdsErrors.invalidInstanceState("The specified instance is a member of a cluster and a snapshot "
                    + "cannot be created directly. Please use the CreateDBClusterSnapshot API instead.");
        }
        String account = instance.accountId();
        String region = instance.region();
        if (snapshots.get(tx, scope(account, region) + id).isPresent()) {
            throw RdsErrors.snapshotAlreadyExists(id);
        }
        if (snapshots.list(tx, scope(account, region)).size() >= QUOTA) {
            throw RdsErrors.snapshotQuotaExceeded(QUOTA);
        }
        Map<String, String> own = tags != null && !tags.isEmpty() ? tags
                : instance.copyTagsToSnapshot() ? instance.tags() : Map.of();
        RdsRules.tags(own);
        String[] db = rds.database(tx, instance);
        byte[] data = RdsSnapshots.write(instance, null, new String(rds.script(db[0], db[1]),
                StandardCharsets.UTF_8));
        int chunks = 0;
        for (int from = 0; from < data.length || chunks == 0; from += CHUNK, chunks++) {
            tx.put(DATA, chunkKey(account, region, id, chunks), Arrays.copyOfRange(data, from,
                    Math.min(data.length, from + CHUNK)), Tx.ANY);
        }
        ManualDbSnapshot snapshot = new ManualDbSnapshot(id, instance, Instant.now(clock), own, data.length, chunks);
        snapshots.put(tx, scope(account, region) + id, snapshot, Tx.ABSENT);
        return snapshot;
    }

    private static String chunkKey(String account, String region, String id, int n) {
        return scope(account, region) + id + "/" + String.format("%06d", n);
    }

    public Optional<ManualDbSnapshot> find(Tx tx, String account, String region, String identifier) {
        return snapshots.get(tx, scope(account, region) + identifier);
    }

    public List<ManualDbSnapshot> list(Tx tx, String account, String region) {
        return snapshots.list(tx, scope(account, region));
    }

    void saveTags(Tx tx, ManualDbSnapshot s, Map<String, String> tags) {
        snapshots.put(tx, scope(s.instance().accountId(), s.instance().region()) + s.identifier(),
                new ManualDbSnapshot(s.identifier(), s.instance(), s.created(), tags, s.bytes(), s.chunks()));
    }

    /** DeleteDBSnapshot of a manual snapshot: the snapshot and its bytes. */
    ManualDbSnapshot delete(Tx tx, ManualDbSnapshot snapshot) {
        String account = snapshot.instance().accountId();
        String region = snapshot.instance().region();
        snapshots.delete(tx, scope(account, region) + snapshot.identifier());
        tx.deleteAll(DATA, scope(account, region) + snapshot.identifier() + "/");
        return snapshot;
    }

    /** What RestoreDBInstanceFromDBSnapshot takes besides the snapshot; null members take the snapshot's. */
    public record Restore(String instanceIdentifier, String instanceClass, Integer port, String availabilityZone,
                          Boolean deletionProtection, Map<String, String> tags) {
    }

    /** RestoreDBInstanceFromDBSnapshot: a new DB instance holding exactly the snapshot's database. */
    DbInstance restore(Tx tx, ManualDbSnapshot snapshot, Restore in) {
        String id = RdsRules.identifier("DBInstanceIdentifier", in.instanceIdentifier());
        String account = snapshot.instance().accountId();
        String region = snapshot.instance().region();
        if (rds.findInstance(tx, account, region, id).isPresent()) {
            throw RdsErrors.instanceAlreadyExists();
        }
        RdsSnapshots.Data data = RdsSnapshots.read(bytes(tx, snapshot));
        DbInstance source = data.instance();
        String instanceClass = in.instanceClass() == null ? source.dbInstanceClass() : in.instanceClass();
        RdsRules.instanceClass(instanceClass, RdsRules.POSTGRES, source.engineVersion());
        RdsRules.port(in.port());
        String zone = RdsRules.availabilityZone(region, in.availabilityZone() == null || in.availabilityZone()
                .isEmpty() ? source.availabilityZone() : in.availabilityZone());
        Map<String, String> tags = in.tags() == null ? Map.of() : in.tags();
        RdsRules.tags(tags);
        return rds.createRestoredInstance(tx, source, account, region, id, instanceClass, in.port(), zone,
                Boolean.TRUE.equals(in.deletionProtection()), tags, data.script().getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bytes(Tx tx, ManualDbSnapshot snapshot) {
        String prefix = scope(snapshot.instance().accountId(), snapshot.instance().region()) + snapshot.identifier()
                + "/";
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE, snapshot.bytes()));
        String after = null;
        while (true) {
            ScanPage page = tx.scan(new ScanQuery(DATA, prefix, after, 64, false));
            for (StoredRecord r : page.records()) {
                out.writeBytes(r.value());
            }
            if (page.records().size() < 64) {
                break;
            }
            after = page.records().get(page.records().size() - 1).key();
        }
        if (out.size() != snapshot.bytes()) {
            throw new IllegalStateException("DB snapshot " + snapshot.identifier() + " holds " + out.size()
                    + " bytes, its record says " + snapshot.bytes());
        }
        return out.toByteArray();
    }
}
