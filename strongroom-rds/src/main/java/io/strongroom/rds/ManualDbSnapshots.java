package io.strongroom.rds;

import io.strongroom.rds.codec.RdsSnapshots;
import io.strongroom.storage.Tx;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * RDS's own manual snapshots of DB instances (D128): CreateDBSnapshot keeps the instance's configuration and a
 * consistent SQL script of its database in the store, in the call's transaction, and RestoreDBInstanceFromDBSnapshot
 * makes a new instance from them. The snapshot is {@code rds.db-snapshots} under
 * {@code <account>/<region>/<identifier>}; its bytes (the format AWS Backup's RDS points use, {@link RdsSnapshots})
 * are {@code rds.db-snapshot-data} records of at most 1 MiB ({@link ManualSnapshots}).
 */
public final class ManualDbSnapshots extends ManualSnapshots<ManualDbSnapshot> {
    ManualDbSnapshots(RdsService rds, Clock clock) {
        super(rds, clock, "rds.db-snapshots", "rds.db-snapshot-data", ManualDbSnapshot.class, "snapshot");
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
        Map<String, String> own = RdsRules.snapshotTags(tags, instance.copyTagsToSnapshot(), instance.tags());
        return keep(tx, instance.accountId(), instance.region(), id, () -> RdsErrors.snapshotAlreadyExists(id), () -> {
            String[] db = rds.database(tx, instance);
            return RdsSnapshots.write(instance, null, new String(rds.script(db[0], db[1]), StandardCharsets.UTF_8));
        }, (bytes, chunks) -> new ManualDbSnapshot(id, instance, Instant.now(clock), own, bytes, chunks));
    }

    @Override
    ManualDbSnapshot withTags(ManualDbSnapshot s, Map<String, String> tags) {
        return new ManualDbSnapshot(s.identifier(), s.instance(), s.created(), tags, s.bytes(), s.chunks(),
                s.copiedFrom(), s.originalCreated());
    }

    /**
     * CopyDBSnapshot (D137): a new manual snapshot of {@code account} holding the source's database, encrypted with
     * the KmsKeyId given (which also encrypts the copy of an unencrypted snapshot) or else the source's key.
     */
    ManualDbSnapshot copy(Tx tx, String account, ManualDbSnapshot source, Inputs.CopySnapshot in) {
        String id = RdsRules.snapshotIdentifier("TargetDBSnapshotIdentifier", in.targetIdentifier());
        DbInstance i = source.instance();
        String key = in.kmsKeyId() == null ? i.kmsKeyId()
                : RdsRules.kmsKeyArn(account, source.region(), in.kmsKeyId());
        DbInstance copied = i.copiedTo(account, i.storageEncrypted() || in.kmsKeyId() != null, key);
        Map<String, String> tags = RdsRules.snapshotTags(in.tags(), in.copyTags(), source.tags());
        Instant now = Instant.now(clock);
        return copy(tx, account, source, id, () -> RdsErrors.snapshotAlreadyExists(id),
                data -> RdsSnapshots.write(copied, null, RdsSnapshots.read(data).script()),
                (bytes, chunks) -> new ManualDbSnapshot(id, copied, now, tags, bytes, chunks, source.arn(),
                        source.firstCreated()));
    }

    /** What RestoreDBInstanceFromDBSnapshot takes besides the snapshot; null members take the snapshot's. */
    public record Restore(String instanceIdentifier, String instanceClass, Integer port, String availabilityZone,
                          Boolean deletionProtection, Map<String, String> tags) {
    }

    /**
     * RestoreDBInstanceFromDBSnapshot: a new DB instance of {@code account} (the owner, or an account the snapshot is
     * shared with, D144) holding exactly the snapshot's database.
     */
    DbInstance restore(Tx tx, String account, ManualDbSnapshot snapshot, Restore in) {
        String id = RdsRules.identifier("DBInstanceIdentifier", in.instanceIdentifier());
        String region = snapshot.region();
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
}
