package io.strongroom.rds;

import io.strongroom.json.JsonCodec;
import io.strongroom.resource.Inventories;
import io.strongroom.storage.Tx;
import io.strongroom.storage.WatchedCollection;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * RDS's entry: DB instances, their configuration in the store ({@code rds.instances}, keyed
 * {@code account/region/identifier}), their SQL databases and endpoints through the {@link Databases} port; Aurora DB
 * clusters ({@link DbClusters}); tags by ARN. Every check comes before the database work, and the record is written
 * right after it, so a refused call leaves no database behind; what a transaction that rolled back anyway did
 * create is removed at the next start ({@link #startAll}).
 */
public final class RdsService {
    private static final Set<String> INSTANCE_FILTERS = Set.of("db-instance-id", "db-cluster-id", "engine",
            "dbi-resource-id");

    // Every write of an instance moves its account's inventory generation (D71).
    private final WatchedCollection<DbInstance> instances = Inventories.collection("rds.instances",
            JsonCodec.of(DbInstance.class), DbInstance::accountId, DbInstance::region);
    private final DbClusters clusters;
    private final Clock clock;
    private final Function<Tx, String> resourceIds;
    private final Databases databases;
    private final ManualDbSnapshots manualSnapshots;
    private final ManualDbClusterSnapshots manualClusterSnapshots;

    /** @param resourceIds hands out 26 upper-case letters and digits for DbiResourceId and DbClusterResourceId */
    public RdsService(Clock clock, Function<Tx, String> resourceIds, Databases databases) {
        this.clock = clock;
        this.resourceIds = resourceIds;
        this.databases = databases;
        this.clusters = new DbClusters(this, clock, resourceIds, databases);
        this.manualSnapshots = new ManualDbSnapshots(this, clock);
        this.manualClusterSnapshots = new ManualDbClusterSnapshots(this, clock);
    }

    /** The Aurora DB clusters. */
    public DbClusters clusters() {
        return clusters;
    }

    /** The instances' manual DB snapshots (D128). */
    public ManualDbSnapshots manualSnapshots() {
        return manualSnapshots;
    }

    /** The clusters' manual DB cluster snapshots (D130). */
    public ManualDbClusterSnapshots manualClusterSnapshots() {
        return manualClusterSnapshots;
    }

    static String key(String account, String region, String identifier) {
        return account + "/" + region + "/" + identifier;
    }

    // ---- DB instances

    public DbInstance createDbInstance(Tx tx, String account, String region, Inputs.CreateDbInstance in) {
        String id = RdsRules.identifier("DBInstanceIdentifier", in.identifier());
        String engine = RdsRules.engine(in.engine(), in.dbInstanceClass());
        if (Boolean.TRUE.equals(in.multiAz())) {
            throw RdsErrors.invalidParameterCombination("Multi-AZ DB instances are not served by Strongroom.");
        }
        if (Boolean.TRUE.equals(in.manageMasterUserPassword())) {
            throw RdsErrors.invalidParameterCombination("ManageMasterUserPassword needs Secrets Manager, which "
                    + "Strongroom does not serve; give MasterUserPassword.");
        }
        Map<String, String> tags = nonNull(in.tags());
        RdsRules.tags(tags);
        RdsRules.port(in.port());
        String zone = RdsRules.availabilityZone(region, in.availabilityZone());
        if (in.kmsKeyId() != null && !Boolean.TRUE.equals(in.storageEncrypted())) {
            throw RdsErrors.invalidParameterCombination("Encryption must be enabled if KmsKeyId is specified.");
        }
        return engine.equals(RdsRules.POSTGRES) ? createStandalone(tx, account, region, id, in, zone, tags)
                : createMember(tx, account, region, id, in, zone, tags);
    }

    private DbInstance createStandalone(Tx tx, String account, String region, String id,
                                        Inputs.CreateDbInstance in, String zone, Map<String, String> tags) {
        if (in.clusterIdentifier() != null) {
            throw RdsErrors.invalidParameterCombination("Multi-AZ DB clusters are not served by Strongroom: "
                    + "DBClusterIdentifier is for aurora-postgresql instances.");
        }
        String version = RdsRules.engineVersion(RdsRules.POSTGRES, in.engineVersion());
        RdsRules.instanceClass(in.dbInstanceClass(), RdsRules.POSTGRES, version);
        String storageType = RdsRules.storageType(in.storageType());
        RdsRules.allocatedStorage(in.allocatedStorage(), storageType);
        RdsRules.masterUsername(in.masterUsername());
        RdsRules.masterPassword(in.masterUserPassword());
        boolean dbNameGiven = in.dbName() != null && !in.dbName().isEmpty();
        String dbName = dbNameGiven ? in.dbName() : "postgres";
        RdsRules.dbName("DBName", dbName);
        int retention = RdsRules.backupRetentionPeriod(in.backupRetentionPeriod());
        if (instances.get(tx, key(account, region, id)).isPresent()) {
            throw RdsErrors.instanceAlreadyExists();
        }
        String resourceId = "db-" + resourceIds.apply(tx);
        boolean encrypted = Boolean.TRUE.equals(in.storageEncrypted());
        DbInstance draft = new DbInstance(account, region, id, resourceId, in.dbInstanceClass(), RdsRules.POSTGRES,
                version, in.allocatedStorage(), storageType, in.masterUsername(), dbName, dbNameGiven, 0, zone,
                encrypted, encrypted ? RdsRules.kmsKeyArn(account, region, in.kmsKeyId()) : null,
                Boolean.TRUE.equals(in.deletionProtection()), Boolean.TRUE.equals(in.copyTagsToSnapshot()),
                retention, null, Instant.now(clock), tags, null);
        databases.create(draft.databaseKey(null), dbName, in.masterUsername(), in.masterUserPassword());
        return listenAndStore(tx, draft, null, in.port());
    }

    private DbInstance createMember(Tx tx, String account, String region, String id, Inputs.CreateDbInstance in,
                                    String zone, Map<String, String> tags) {
        if (in.clusterIdentifier() == null || in.clusterIdentifier().isEmpty()) {
            throw RdsErrors.invalidParameterCombination("DBClusterIdentifier is required for engine "
                    + RdsRules.AURORA_POSTGRESQL + ": an Aurora DB instance is a member of a DB cluster.");
        }
        DbCluster cluster = clusters.get(tx, account, region, in.clusterIdentifier());
        String[][] clusterOnly = {{"MasterUsername", in.masterUsername()}, {"MasterUserPassword",
                in.masterUserPassword()}, {"DBName", in.dbName()}, {"AllocatedStorage",
                in.allocatedStorage() == null ? null : in.allocatedStorage().toString()},
                {"StorageEncrypted", in.storageEncrypted() == null ? null : in.storageEncrypted().toString()}};
        for (String[] p : clusterOnly) {
            if (p[1] != null) {
                throw RdsErrors.invalidParameterCombination("The requested DB Instance will be a member of a DB "
                        + "Cluster. Set " + p[0] + " for the DB Cluster.");
            }
        }
        if (in.engineVersion() != null && !in.engineVersion().equals(cluster.engineVersion())) {
            throw RdsErrors.invalidParameterCombination("The engine version of a DB instance must match its "
                    + "DB cluster's (" + cluster.engineVersion() + ").");
        }
        RdsRules.instanceClass(in.dbInstanceClass(), RdsRules.AURORA_POSTGRESQL, cluster.engineVersion());
        if (instances.get(tx, key(account, region, id)).isPresent()) {
            throw RdsErrors.instanceAlreadyExists();
        }
        DbInstance draft = new DbInstance(account, region, id, "db-" + resourceIds.apply(tx), in.dbInstanceClass(),
                RdsRules.AURORA_POSTGRESQL, cluster.engineVersion(), 1, "aurora", cluster.masterUsername(),
                cluster.databaseName(), cluster.databaseNameGiven(), 0, zone, cluster.storageEncrypted(),
                cluster.kmsKeyId(), Boolean.TRUE.equals(in.deletionProtection()),
                Boolean.TRUE.equals(in.copyTagsToSnapshot()), cluster.backupRetentionPeriod(), cluster.identifier(),
                Instant.now(clock), tags, null);
        return listenAndStore(tx, draft, cluster, in.port());
    }

    private DbInstance listenAndStore(Tx tx, DbInstance draft, DbCluster cluster, Integer port) {
        int actual = databases.listen(draft.resourceId(), port == null ? 0 : port, draft.databaseKey(cluster),
                draft.dbName());
        DbInstance stored = draft.withPort(actual);
        instances.put(tx, key(stored.accountId(), stored.region(), stored.identifier()), stored, Tx.ABSENT);
        return stored;
    }

    public Optional<DbInstance> findInstance(Tx tx, String account, String region, String identifier) {
        if (identifier == null || identifier.isEmpty()) {
            return Optional.empty();
        }
        return instances.get(tx, key(account, region, identifier.toLowerCase(Locale.ROOT)));
    }

    public DbInstance instance(Tx tx, String account, String region, String identifier) {
        return findInstance(tx, account, region, identifier)
                .orElseThrow(() -> RdsErrors.instanceNotFound(identifier));
    }

    public List<DbInstance> listInstances(Tx tx, String account, String region) {
        return instances.list(tx, account + "/" + region + "/");
    }

    public record InstancePage(List<DbInstance> instances, String marker) {
    }

    public InstancePage describeInstances(Tx tx, String account, String region, String identifier,
                                          List<Inputs.Filter> filters, Integer maxRecords, String marker) {
        DescribeRequests.Page<DbInstance> page = DescribeRequests.describe(identifier, ":db:",
                id -> findInstance(tx, account, region, id), RdsErrors::instanceNotFound,
                () -> listInstances(tx, account, region), filters, INSTANCE_FILTERS, (i, f) -> switch (f.name()) {
                    case "db-instance-id" -> DescribeRequests.anyId(f.values(), i.identifier(), ":db:");
                    case "db-cluster-id" -> i.clusterIdentifier() != null
                            && DescribeRequests.anyId(f.values(), i.clusterIdentifier(), ":cluster:");
                    case "engine" -> f.values().contains(i.engine());
                    case "dbi-resource-id" -> f.values().contains(i.resourceId());
                    default -> false;
                }, DbInstance::identifier, maxRecords, marker);
        return new InstancePage(page.items(), page.marker());
    }

    /**
     * Deletes an instance: a standalone one with its database (unless protected), after its final snapshot unless
     * SkipFinalSnapshot; an Aurora member just its endpoint.
     */
    public DbInstance deleteDbInstance(Tx tx, String account, String region, String identifier,
                                       boolean skipFinalSnapshot, String finalSnapshotIdentifier) {
        DbInstance i = instance(tx, account, region, identifier);
        if (i.deletionProtection()) {
            throw RdsErrors.invalidParameterCombination("Cannot delete protected DB Instance, please disable "
                    + "deletion protection and try again.");
        }
        if (i.clusterIdentifier() == null) {
            String id = finalSnapshot(skipFinalSnapshot, finalSnapshotIdentifier, "DB instance");
            if (id != null) {
                manualSnapshots.take(tx, i, id, null);
            }
        } else if (finalSnapshotIdentifier != null) {
            throw RdsErrors.invalidParameterCombination("The specified DB instance is a member of a DB cluster: "
                    + "FinalDBSnapshotIdentifier can not be specified.");
        }
        instances.delete(tx, key(account, region, i.identifier()));
        databases.unlisten(i.resourceId());
        if (i.clusterIdentifier() == null) {
            databases.drop(i.databaseKey(null));
        }
        return i;
    }

    /**
     * The identifier of the final snapshot a deletion takes (a manual DB snapshot D128, or DB cluster snapshot
     * D130), or null with SkipFinalSnapshot.
     */
    static String finalSnapshot(boolean skip, String identifier, String what) {
        if (skip) {
            if (identifier != null) {
                throw RdsErrors.invalidParameterCombination("FinalDBSnapshotIdentifier can not be specified when "
                        + "deleting a " + what + " with SkipFinalSnapshot set to true.");
            }
            return null;
        }
        if (identifier == null) {
            throw RdsErrors.invalidParameterCombination("FinalDBSnapshotIdentifier is required unless "
                    + "SkipFinalSnapshot is specified.");
        }
        return RdsRules.snapshotIdentifier("FinalDBSnapshotIdentifier", identifier);
    }

    /** Applies every change at once, whatever ApplyImmediately says (docs/decisions.md). */
    public DbInstance modifyDbInstance(Tx tx, String account, String region, Inputs.ModifyDbInstance in) {
        if (in.identifier() == null || in.identifier().isEmpty()) {
            throw RdsErrors.missing("DBInstanceIdentifier");
        }
        DbInstance i = instance(tx, account, region, in.identifier());
        if (in.newIdentifier() != null && !in.newIdentifier().equalsIgnoreCase(i.identifier())) {
            throw RdsErrors.invalidParameterCombination("Renaming a DB instance is not served by Strongroom.");
        }
        boolean member = i.clusterIdentifier() != null;
        if (member && (in.masterUserPassword() != null || in.allocatedStorage() != null)) {
            throw RdsErrors.invalidParameterCombination("The specified DB Instance is a member of a DB Cluster. "
                    + "Modify " + (in.masterUserPassword() != null ? "master user password" : "allocated storage")
                    + " for the DB Cluster using the ModifyDbCluster API.");
        }
        String instanceClass = i.dbInstanceClass();
        if (in.dbInstanceClass() != null) {
            RdsRules.instanceClass(in.dbInstanceClass(), i.engine(), i.engineVersion());
            instanceClass = in.dbInstanceClass();
        }
        Integer storage = i.allocatedStorage();
        if (in.allocatedStorage() != null) {
            RdsRules.allocatedStorage(in.allocatedStorage(), i.storageType());
            if (in.allocatedStorage() < i.allocatedStorage()) {
                throw RdsErrors.invalidParameterValue("Invalid storage size: you can't reduce the allocated "
                        + "storage of a DB instance (" + i.allocatedStorage() + " GiB).");
            }
            storage = in.allocatedStorage();
        }
        if (in.masterUserPassword() != null) {
            RdsRules.masterPassword(in.masterUserPassword());
        }
        DbInstance updated = i.modified(instanceClass, storage,
                in.deletionProtection() != null ? in.deletionProtection() : i.deletionProtection());
        instances.put(tx, key(account, region, i.identifier()), updated);
        if (in.masterUserPassword() != null) {
            databases.changePassword(i.databaseKey(null), i.dbName(), i.masterUsername(), in.masterUserPassword());
        }
        return updated;
    }

    /** The cluster's members in creation order; the first is the writer. */
    public List<DbInstance> members(Tx tx, DbCluster cluster) {
        return listInstances(tx, cluster.accountId(), cluster.region()).stream()
                .filter(i -> cluster.identifier().equals(i.clusterIdentifier()))
                .sorted(Comparator.comparing(DbInstance::created).thenComparing(DbInstance::resourceId)).toList();
    }

    // ---- tags, by ARN

    /** The instance, cluster or manual snapshot an ARN names, in the caller's account and Region. */
    public Object resource(Tx tx, String account, String region, String arn) {
        if (arn == null || arn.isEmpty()) {
            throw RdsErrors.missing("ResourceName");
        }
        String[] parts = arn.split(":", 7);
        if (parts.length != 7 || !parts[0].equals("arn") || !parts[2].equals("rds") || !parts[3].equals(region)
                || !Set.of("db", "cluster", "snapshot", "cluster-snapshot").contains(parts[5])) {
            throw RdsErrors.invalidParameterValue("The specified resource name does not match an RDS resource in "
                    + "this region.");
        }
        if (parts[5].endsWith("snapshot")) { // a manual one: AWS Backup's are tagged through AWS Backup (D128, D130)
            String id = parts[6].toLowerCase(Locale.ROOT);
            boolean ofCluster = parts[5].equals("cluster-snapshot");
            Optional<?> own = !parts[4].equals(account) ? Optional.empty()
                    : (ofCluster ? manualClusterSnapshots : manualSnapshots).find(tx, account, region, id);
            return own.orElseThrow(() -> ofCluster ? RdsErrors.clusterSnapshotNotFound(id)
                    : RdsErrors.snapshotNotFound(id));
        }
        if (!parts[4].equals(account)) {
            throw parts[5].equals("db") ? RdsErrors.instanceNotFound(parts[6]) : RdsErrors.clusterNotFound(parts[6]);
        }
        return parts[5].equals("db") ? instance(tx, account, region, parts[6])
                : clusters.get(tx, account, region, parts[6]);
    }

    public Map<String, String> tags(Tx tx, String account, String region, String arn) {
        Object r = resource(tx, account, region, arn);
        if (r instanceof ManualSnapshot s) {
            return s.tags();
        }
        return r instanceof DbInstance i ? i.tags() : ((DbCluster) r).tags();
    }

    public void addTags(Tx tx, String account, String region, String arn, Map<String, String> tags) {
        Map<String, String> given = nonNull(tags);
        RdsRules.tags(given);
        Map<String, String> merged = new TreeMap<>(tags(tx, account, region, arn));
        merged.putAll(given);
        RdsRules.tags(merged);
        putTags(tx, account, region, arn, merged);
    }

    public void removeTags(Tx tx, String account, String region, String arn, List<String> keys) {
        Map<String, String> remaining = new TreeMap<>(tags(tx, account, region, arn));
        (keys == null ? List.<String>of() : keys).forEach(remaining::remove);
        putTags(tx, account, region, arn, remaining);
    }

    private void putTags(Tx tx, String account, String region, String arn, Map<String, String> tags) {
        Object r = resource(tx, account, region, arn);
        if (r instanceof ManualDbSnapshot s) {
            manualSnapshots.saveTags(tx, s, tags);
        } else if (r instanceof ManualDbClusterSnapshot s) {
            manualClusterSnapshots.saveTags(tx, s, tags);
        } else if (r instanceof DbInstance i) {
            instances.put(tx, key(account, region, i.identifier()), i.withTags(tags));
        } else {
            DbCluster c = (DbCluster) r;
            clusters.saveTags(tx, c, tags);
        }
    }

    // ---- databases (snapshots, restores, start-up)

    /** The database an instance serves: its own, or its cluster's (key, database name). */
    public String[] database(Tx tx, DbInstance i) {
        DbCluster cluster = i.clusterIdentifier() == null ? null
                : clusters.get(tx, i.accountId(), i.region(), i.clusterIdentifier());
        return new String[]{i.databaseKey(cluster), i.dbName()};
    }

    public byte[] script(String databaseKey, String dbName) {
        return databases.script(databaseKey, dbName);
    }

    /** For restores: a standalone instance with a given configuration, loaded from a database script. */
    DbInstance createRestoredInstance(Tx tx, DbInstance source, String account, String region, String identifier,
                                      String instanceClass, Integer port, String zone, boolean deletionProtection,
                                      Map<String, String> tags, byte[] script) {
        DbInstance draft = new DbInstance(account, region, identifier, "db-" + resourceIds.apply(tx), instanceClass,
                RdsRules.POSTGRES, source.engineVersion(), source.allocatedStorage(), source.storageType(),
                source.masterUsername(), source.dbName(), source.dbNameGiven(), 0, zone, source.storageEncrypted(),
                source.kmsKeyId(), deletionProtection, source.copyTagsToSnapshot(), source.backupRetentionPeriod(),
                null, Instant.now(clock), tags, source.arn());
        databases.createFromScript(draft.databaseKey(null), draft.dbName(), script);
        return listenAndStore(tx, draft, null, port);
    }


    /**
     * Opens every stored database and endpoint (on its stored port, or another when that one is taken now, which
     * is then stored) and deletes the files of databases no record names.
     */
    public void startAll(Tx tx) {
        Set<String> keys = new HashSet<>();
        Map<String, DbCluster> byId = clusters.startAll(tx, keys);
        for (DbInstance i : instances.list(tx, "")) {
            DbCluster cluster = i.clusterIdentifier() == null ? null
                    : byId.get(key(i.accountId(), i.region(), i.clusterIdentifier()));
            if (i.clusterIdentifier() != null && cluster == null) {
                continue;
            }
            keys.add(i.databaseKey(cluster));
            int port = databases.listen(i.resourceId(), i.port(), i.databaseKey(cluster), i.dbName());
            if (port != i.port()) {
                instances.put(tx, key(i.accountId(), i.region(), i.identifier()), i.withPort(port));
            }
        }
        databases.retainOnly(keys);
    }

    // ---- helpers

    static Map<String, String> nonNull(Map<String, String> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tags != null) {
            tags.forEach((k, v) -> out.put(k, v == null ? "" : v));
        }
        return out;
    }
}
