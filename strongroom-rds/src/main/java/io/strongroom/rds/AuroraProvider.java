package io.strongroom.rds;

import io.strongroom.json.JsonCodec;
import io.strongroom.rds.codec.RdsSnapshots;
import io.strongroom.resource.ProtectedResource;
import io.strongroom.resource.Snapshot;
import io.strongroom.resource.SnapshotData;
import io.strongroom.storage.Tx;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Aurora DB clusters as AWS Backup protects them (resource type {@code Aurora}). A snapshot is the cluster's
 * configuration and a consistent SQL script of its database. A restore creates a new cluster, without
 * instances as AWS Backup's does, named by {@code DBClusterIdentifier} (required, must be free), with
 * {@code Port} and {@code DeletionProtection} from the metadata and the rest from the snapshot.
 */
public final class AuroraProvider extends RdsArnProvider {
    public AuroraProvider(RdsService rds) {
        super(rds, "cluster");
    }

    @Override
    public String resourceType() {
        return "Aurora";
    }

    @Override
    public List<ProtectedResource> list(Tx tx, String accountId, String region) {
        return rds.clusters().list(tx, accountId, region).stream().map(this::resource).toList();
    }

    @Override
    public Optional<ProtectedResource> describe(Tx tx, String arn) {
        return cluster(tx, arn).map(this::resource);
    }

    /** A restore test's DB cluster (AWS Backup restores it without instances): deleted without a final snapshot. */
    @Override
    public boolean deleteRestored(Tx tx, String arn) {
        cluster(tx, arn).ifPresent(c -> rds.clusters().delete(tx, c.accountId(), c.region(), c.identifier(), true,
                null));
        return true;
    }

    @Override
    public Snapshot snapshot(Tx tx, String arn) {
        DbCluster c = cluster(tx, arn).orElseThrow(() -> RdsErrors.clusterNotFound(arn));
        String script = new String(rds.script(c.databaseKey(), c.databaseName()), StandardCharsets.UTF_8);
        Map<String, String> m = new LinkedHashMap<>();
        m.put("DBClusterIdentifier", c.identifier());
        m.put("Engine", c.engine());
        m.put("EngineVersion", c.engineVersion());
        m.put("Port", Integer.toString(c.port()));
        m.put("AvailabilityZones", new String(JsonCodec.write(c.availabilityZones()), StandardCharsets.UTF_8));
        if (c.databaseNameGiven()) {
            m.put("DatabaseName", c.databaseName());
        }
        m.put("StorageEncrypted", Boolean.toString(c.storageEncrypted()));
        if (c.kmsKeyId() != null) {
            m.put("KmsKeyId", c.kmsKeyId());
        }
        m.put("CopyTagsToSnapshot", Boolean.toString(c.copyTagsToSnapshot()));
        m.put("DeletionProtection", Boolean.toString(c.deletionProtection()));
        m.put("VpcSecurityGroupIds", "[]");
        return new Snapshot(SnapshotData.of(RdsSnapshots.write(null, c, script)), m, c.tags());
    }

    @Override
    public ProtectedResource restore(Tx tx, String accountId, String region, Snapshot snapshot,
                                     Map<String, String> metadata) {
        Map<String, String> m = RdsProvider.lowerCaseKeys(metadata);
        RdsSnapshots.Data data = RdsSnapshots.read(snapshot.data().readAllBytes());
        if (data.cluster() == null) {
            throw new RestoreRejected("The recovery point is not of an Aurora DB cluster.");
        }
        String identifier = m.get("dbclusteridentifier");
        if (identifier == null || identifier.isEmpty()) {
            throw new RestoreRejected("DBClusterIdentifier is required to restore an Aurora DB cluster.");
        }
        try {
            String id = RdsRules.identifier("DBClusterIdentifier", identifier);
            if (rds.clusters().find(tx, accountId, region, id).isPresent()) {
                throw new RestoreRejected("DB cluster " + id + " already exists.");
            }
            Integer port = m.containsKey("port") ? Integer.valueOf(m.get("port")) : null;
            RdsRules.port(port);
            boolean protect = Boolean.parseBoolean(m.getOrDefault("deletionprotection", "false"));
            return resource(rds.clusters().createRestored(tx, data.cluster(), accountId, region, id, port, protect,
                    Map.of(), data.script().getBytes(StandardCharsets.UTF_8)));
        } catch (io.strongroom.kernel.ServiceException e) {
            throw new RestoreRejected(e.getMessage());
        } catch (NumberFormatException e) {
            throw new RestoreRejected("Port must be a number: " + m.get("port"));
        }
    }

    private Optional<DbCluster> cluster(Tx tx, String arn) {
        String[] p = parts(arn);
        return p == null ? Optional.empty() : rds.clusters().find(tx, p[1], p[0], p[2]);
    }

    private ProtectedResource resource(DbCluster c) {
        return new ProtectedResource(c.arn(), resourceType(), c.accountId(), c.region(), c.identifier(), c.tags(),
                c.created(), 0);
    }
}
