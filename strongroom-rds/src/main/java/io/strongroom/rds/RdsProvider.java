package io.strongroom.rds;

import io.strongroom.rds.codec.RdsSnapshots;
import io.strongroom.resource.ProtectedResource;
import io.strongroom.resource.Snapshot;
import io.strongroom.resource.SnapshotData;
import io.strongroom.storage.Tx;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * DB instances as AWS Backup protects them (resource type {@code RDS}; Aurora members belong to their cluster,
 * see {@link AuroraProvider}). A snapshot is the configuration and a consistent SQL script of the database. A
 * restore creates a new instance named by {@code DBInstanceIdentifier} (required, must be free) with
 * {@code DBInstanceClass}, {@code Port}, {@code AvailabilityZone} and {@code DeletionProtection} from the
 * metadata, everything else (engine version, storage, master user and password, DBName) from the snapshot.
 */
public final class RdsProvider extends RdsArnProvider {
    public RdsProvider(RdsService rds) {
        super(rds, "db");
    }

    @Override
    public String resourceType() {
        return "RDS";
    }

    @Override
    public List<ProtectedResource> list(Tx tx, String accountId, String region) {
        return rds.listInstances(tx, accountId, region).stream().filter(i -> i.clusterIdentifier() == null)
                .map(this::resource).toList();
    }

    @Override
    public Optional<ProtectedResource> describe(Tx tx, String arn) {
        return instance(tx, arn).map(this::resource);
    }

    /** A restore test's DB instance: deleted with its database, without a final snapshot. */
    @Override
    public boolean deleteRestored(Tx tx, String arn) {
        instance(tx, arn).ifPresent(i -> rds.deleteDbInstance(tx, i.accountId(), i.region(), i.identifier(), true,
                null));
        return true;
    }

    @Override
    public Snapshot snapshot(Tx tx, String arn) {
        DbInstance i = instance(tx, arn).orElseThrow(() -> RdsErrors.instanceNotFound(arn));
        String[] db = rds.database(tx, i);
        String script = new String(rds.script(db[0], db[1]), StandardCharsets.UTF_8);
        Map<String, String> m = new LinkedHashMap<>();
        m.put("DBInstanceIdentifier", i.identifier());
        m.put("DBInstanceClass", i.dbInstanceClass());
        m.put("Engine", i.engine());
        m.put("EngineVersion", i.engineVersion());
        m.put("Port", Integer.toString(i.port()));
        m.put("AvailabilityZone", i.availabilityZone());
        m.put("MultiAZ", "false");
        m.put("PubliclyAccessible", "false");
        m.put("StorageType", i.storageType());
        m.put("AllocatedStorage", Integer.toString(i.allocatedStorage()));
        m.put("Encrypted", Boolean.toString(i.storageEncrypted()));
        if (i.kmsKeyId() != null) {
            m.put("KmsKeyId", i.kmsKeyId());
        }
        if (i.dbNameGiven()) {
            m.put("DBName", i.dbName());
        }
        m.put("CopyTagsToSnapshot", Boolean.toString(i.copyTagsToSnapshot()));
        m.put("DeletionProtection", Boolean.toString(i.deletionProtection()));
        m.put("VpcSecurityGroupIds", "[]");
        return new Snapshot(SnapshotData.of(RdsSnapshots.write(i, null, script)), m, i.tags());
    }

    @Override
    public ProtectedResource restore(Tx tx, String accountId, String region, Snapshot snapshot,
                                     Map<String, String> metadata) {
        Map<String, String> m = lowerCaseKeys(metadata);
        RdsSnapshots.Data data = RdsSnapshots.read(snapshot.data().readAllBytes());
        if (data.instance() == null) {
            throw new RestoreRejected("The recovery point is not of a DB instance.");
        }
        DbInstance source = data.instance();
        String identifier = m.get("dbinstanceidentifier");
        if (identifier == null || identifier.isEmpty()) {
            throw new RestoreRejected("DBInstanceIdentifier is required to restore a DB instance.");
        }
        String engine = m.getOrDefault("engine", source.engine());
        if (!RdsRules.POSTGRES.equals(engine)) {
            throw new RestoreRejected("Engine " + engine + " cannot restore a snapshot of engine " + source.engine()
                    + ".");
        }
        try {
            String id = RdsRules.identifier("DBInstanceIdentifier", identifier);
            if (rds.findInstance(tx, accountId, region, id).isPresent()) {
                throw new RestoreRejected("DB instance " + id + " already exists.");
            }
            String instanceClass = m.getOrDefault("dbinstanceclass", source.dbInstanceClass());
            RdsRules.instanceClass(instanceClass, RdsRules.POSTGRES, source.engineVersion());
            Integer port = m.containsKey("port") ? Integer.valueOf(m.get("port")) : null;
            RdsRules.port(port);
            String zone = RdsRules.availabilityZone(region, zoneOf(m, region, source.availabilityZone()));
            boolean protect = Boolean.parseBoolean(m.getOrDefault("deletionprotection", "false"));
            DbInstance created = rds.createRestoredInstance(tx, source, accountId, region, id, instanceClass, port,
                    zone, protect, Map.of(), data.script().getBytes(StandardCharsets.UTF_8));
            return resource(created);
        } catch (io.strongroom.kernel.ServiceException e) {
            throw new RestoreRejected(e.getMessage());
        } catch (NumberFormatException e) {
            throw new RestoreRejected("Port must be a number: " + m.get("port"));
        }
    }

    static String zoneOf(Map<String, String> m, String region, String sourceZone) {
        String zone = m.getOrDefault("availabilityzone", sourceZone);
        return zone == null || zone.isEmpty() || !zone.startsWith(region) ? region + "a" : zone;
    }

    static Map<String, String> lowerCaseKeys(Map<String, String> metadata) {
        Map<String, String> m = new LinkedHashMap<>();
        metadata.forEach((k, v) -> m.put(k.toLowerCase(Locale.ROOT), v));
        return m;
    }

    private Optional<DbInstance> instance(Tx tx, String arn) {
        String[] p = parts(arn);
        return p == null ? Optional.empty() : rds.findInstance(tx, p[1], p[0], p[2]).filter(i -> i.clusterIdentifier() == null);
    }

    private ProtectedResource resource(DbInstance i) {
        return new ProtectedResource(i.arn(), resourceType(), i.accountId(), i.region(), i.identifier(), i.tags(),
                i.created(), i.allocatedStorage() * 1024L * 1024L * 1024L);
    }
}
