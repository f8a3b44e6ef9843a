package io.strongroom.rds;

import io.strongroom.json.JsonCodec;
import io.strongroom.resource.Inventories;
import io.strongroom.storage.Tx;
import io.strongroom.storage.WatchedCollection;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Aurora DB clusters: their configuration in the store ({@code rds.clusters}, keyed
 * {@code account/region/identifier}) and the SQL database and endpoint each owns, through the {@link Databases}
 * port. As with instances ({@link RdsService}), every check comes before the database work and the record is written
 * right after it.
 */
public final class DbClusters {
    private static final Set<String> FILTERS = Set.of("db-cluster-id", "engine", "db-cluster-resource-id");

    // Every write of a cluster moves its account's inventory generation (D71).
    private final WatchedCollection<DbCluster> clusters = Inventories.collection("rds.clusters",
            JsonCodec.of(DbCluster.class), DbCluster::accountId, DbCluster::region);
    private final RdsService rds;
    private final Clock clock;
    private final Function<Tx, String> resourceIds;
    private final Databases databases;

    DbClusters(RdsService rds, Clock clock, Function<Tx, String> resourceIds, Databases databases) {
        this.rds = rds;
        this.clock = clock;
        this.resourceIds = resourceIds;
        this.databases = databases;
    }

    public DbCluster create(Tx tx, String account, String region, Inputs.CreateDbCluster in) {
        String id = RdsRules.identifier("DBClusterIdentifier", in.identifier());
        String engine = RdsRules.engine(in.engine(), "");
        if (!engine.equals(RdsRules.AURORA_POSTGRESQL)) {
            throw RdsErrors.invalidParameterCombination("Multi-AZ DB clusters (engine " + engine + ") are not served "
                    + "by Strongroom; use engine aurora-postgresql.");
        }
        if (Boolean.TRUE.equals(in.manageMasterUserPassword())) {
            throw RdsErrors.invalidParameterCombination("ManageMasterUserPassword needs Secrets Manager, which "
                    + "Strongroom does not serve; give MasterUserPassword.");
        }
        String version = RdsRules.engineVersion(engine, in.engineVersion());
        RdsRules.masterUsername(in.masterUsername());
        RdsRules.masterPassword(in.masterUserPassword());
        RdsRules.port(in.port());
        boolean nameGiven = in.databaseName() != null && !in.databaseName().isEmpty();
        String dbName = nameGiven ? in.databaseName() : "postgres";
        RdsRules.dbName("DatabaseName", dbName);
        Map<String, String> tags = RdsService.nonNull(in.tags());
        RdsRules.tags(tags);
        int retention = RdsRules.backupRetentionPeriod(in.backupRetentionPeriod());
        List<String> zones = in.availabilityZones() == null || in.availabilityZones().isEmpty()
                ? List.of(region + "a", region + "b", region + "c")
                : in.availabilityZones().stream().map(z -> RdsRules.availabilityZone(region, z)).toList();
        if (in.kmsKeyId() != null && !Boolean.TRUE.equals(in.storageEncrypted())) {
            throw RdsErrors.invalidParameterCombination("Encryption must be enabled if KmsKeyId is specified.");
        }
        if (clusters.get(tx, RdsService.key(account, region, id)).isPresent()) {
            throw RdsErrors.clusterAlreadyExists();
        }
        boolean encrypted = Boolean.TRUE.equals(in.storageEncrypted());
        DbCluster draft = new DbCluster(account, region, id, "cluster-" + resourceIds.apply(tx), engine, version,
                in.masterUsername(), dbName, nameGiven, 0, zones, encrypted,
                encrypted ? RdsRules.kmsKeyArn(account, region, in.kmsKeyId()) : null,
                Boolean.TRUE.equals(in.deletionProtection()), Boolean.TRUE.equals(in.copyTagsToSnapshot()),
                retention, Instant.now(clock), tags, null);
        databases.create(draft.databaseKey(), dbName, in.masterUsername(), in.masterUserPassword());
        return listenAndStore(tx, draft, in.port());
    }

    private DbCluster listenAndStore(Tx tx, DbCluster draft, Integer port) {
        int actual = databases.listen(draft.resourceId(), port == null ? 0 : port, draft.databaseKey(),
                draft.databaseName());
        DbCluster stored = draft.withPort(actual);
        clusters.put(tx, RdsService.key(stored.accountId(), stored.region(), stored.identifier()), stored, Tx.ABSENT);
        return stored;
    }

    public Optional<DbCluster> find(Tx tx, String account, String region, String identifier) {
        if (identifier == null || identifier.isEmpty()) {
            return Optional.empty();
        }
        return clusters.get(tx, RdsService.key(account, region, identifier.toLowerCase(Locale.ROOT)));
    }

    public DbCluster get(Tx tx, String account, String region, String identifier) {
        return find(tx, account, region, identifier).orElseThrow(() -> RdsErrors.clusterNotFound(identifier));
    }

    public List<DbCluster> list(Tx tx, String account, String region) {
        return clusters.list(tx, account + "/" + region + "/");
    }

    public record ClusterPage(List<DbCluster> clusters, String marker) {
    }

    public ClusterPage describe(Tx tx, String account, String region, String identifier,
                                List<Inputs.Filter> filters, Integer maxRecords, String marker) {
        DescribeRequests.Page<DbCluster> page = DescribeRequests.describe(identifier, ":cluster:",
                id -> find(tx, account, region, id), RdsErrors::clusterNotFound, () -> list(tx, account, region),
                filters, FILTERS, (c, f) -> switch (f.name()) {
                    case "db-cluster-id" -> DescribeRequests.anyId(f.values(), c.identifier(), ":cluster:");
                    case "engine" -> f.values().contains(c.engine());
                    case "db-cluster-resource-id" -> f.values().contains(c.resourceId());
                    default -> false;
                }, DbCluster::identifier, maxRecords, marker);
        return new ClusterPage(page.items(), page.marker());
    }

    public DbCluster delete(Tx tx, String account, String region, String identifier,
                                     boolean skipFinalSnapshot, String finalSnapshotIdentifier) {
        DbCluster c = get(tx, account, region, identifier);
        if (c.deletionProtection()) {
            throw RdsErrors.invalidParameterCombination("Cannot delete protected Cluster, please disable deletion "
                    + "protection and try again.");
        }
        if (!rds.members(tx, c).isEmpty()) {
            throw RdsErrors.invalidClusterState("Cluster cannot be deleted, it still contains DB instances in "
                    + "non-deleting state.");
        }
        String finalSnapshot = RdsService.finalSnapshot(skipFinalSnapshot, finalSnapshotIdentifier, "DB cluster");
        if (finalSnapshot != null) {
            rds.manualClusterSnapshots().take(tx, c, finalSnapshot, null);
        }
        clusters.delete(tx, RdsService.key(account, region, c.identifier()));
        databases.unlisten(c.resourceId());
        databases.drop(c.databaseKey());
        return c;
    }

    public DbCluster modify(Tx tx, String account, String region, Inputs.ModifyDbCluster in) {
        if (in.identifier() == null || in.identifier().isEmpty()) {
            throw RdsErrors.missing("DBClusterIdentifier");
        }
        DbCluster c = get(tx, account, region, in.identifier());
        if (in.newIdentifier() != null && !in.newIdentifier().equalsIgnoreCase(c.identifier())) {
            throw RdsErrors.invalidParameterCombination("Renaming a DB cluster is not served by Strongroom.");
        }
        if (in.port() != null && in.port() != c.port()) {
            throw RdsErrors.invalidParameterCombination("Changing the port of a DB cluster is not served by "
                    + "Strongroom.");
        }
        if (in.masterUserPassword() != null) {
            RdsRules.masterPassword(in.masterUserPassword());
        }
        DbCluster updated = in.deletionProtection() == null ? c : c.withDeletionProtection(in.deletionProtection());
        clusters.put(tx, RdsService.key(account, region, c.identifier()), updated);
        if (in.masterUserPassword() != null) {
            databases.changePassword(c.databaseKey(), c.databaseName(), c.masterUsername(), in.masterUserPassword());
        }
        return updated;
    }

    /** For restores: an Aurora cluster with a given configuration, loaded from a database script. */
    DbCluster createRestored(Tx tx, DbCluster source, String account, String region, String identifier,
                                    Integer port, boolean deletionProtection, Map<String, String> tags,
                                    byte[] script) {
        DbCluster draft = new DbCluster(account, region, identifier, "cluster-" + resourceIds.apply(tx),
                source.engine(), source.engineVersion(), source.masterUsername(), source.databaseName(),
                source.databaseNameGiven(), 0, source.availabilityZones(), source.storageEncrypted(),
                source.kmsKeyId(), deletionProtection, source.copyTagsToSnapshot(), source.backupRetentionPeriod(),
                Instant.now(clock), tags, source.arn());
        databases.createFromScript(draft.databaseKey(), draft.databaseName(), script);
        return listenAndStore(tx, draft, port);
    }

    void saveTags(Tx tx, DbCluster c, Map<String, String> tags) {
        clusters.put(tx, RdsService.key(c.accountId(), c.region(), c.identifier()), c.withTags(tags));
    }

    /**
     * Opens every stored cluster's database and endpoint (on its stored port, or another when that one is taken
     * now, which is then stored), adding their keys to {@code keys}; the clusters by their store key.
     */
    Map<String, DbCluster> startAll(Tx tx, Set<String> keys) {
        Map<String, DbCluster> byKey = new LinkedHashMap<>();
        for (DbCluster c : clusters.list(tx, "")) {
            keys.add(c.databaseKey());
            byKey.put(RdsService.key(c.accountId(), c.region(), c.identifier()), c);
            int port = databases.listen(c.resourceId(), c.port(), c.databaseKey(), c.databaseName());
            if (port != c.port()) {
                clusters.put(tx, RdsService.key(c.accountId(), c.region(), c.identifier()), c.withPort(port));
            }
        }
        return byKey;
    }
}
