package io.strongroom.engine.backup;

import io.strongroom.json.JsonCodec;
import io.strongroom.storage.Codec;
import io.strongroom.storage.RememberingCodec;
import io.strongroom.storage.Collection;
import io.strongroom.storage.IndexKeys;
import io.strongroom.storage.Tx;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static io.strongroom.engine.backup.IndexedCollection.AFTER_ARN;
import static io.strongroom.engine.backup.IndexedCollection.END;
import static io.strongroom.engine.backup.IndexedCollection.time;

/**
 * Persistence of what AWS Backup's jobs make: recovery points ({@code backup.recovery-points} under
 * {@code <account>/<region>/<vault>/<storage-id>}), backup restore and copy jobs ({@code backup.backup-jobs},
 * {@code backup.restore-jobs}, {@code backup.copy-jobs} under {@code <account>/<region>/<id>}), the idempotency tokens
 * that name a job ({@code backup.job-tokens}) and the data moves in flight with the node moving each
 * ({@code backup.moves-in-flight} under {@code <kind>/<account>/<region>/<id>}, D64).
 *
 * <p>Lists read secondary indexes the store keeps with each record (decisions D61, D143), so a page costs what it
 * returns however long the history: points are ordered by creation per vault, per resource and per vault and
 * resource, and found by ARN; jobs by creation per account, per account and final state, per account and resource
 * and among the open jobs (D88), and the backup job RUNNING per resource; {@code backup.vault-point-counts} counts
 * each vault's points.
 */
final class JobStore {
    private static final String TOKENS = "backup.job-tokens";
    /** The points' index of their ARNs. */
    private static final int ARN_KEY = 4;
    private static final String COUNTS = "backup.vault-point-counts";
    /** Which indexes a store holds: absent in a data directory written before them, which is then reindexed. */
    private static final String INDEX_VERSIONS = "backup.index-versions";
    /**
     * 3: open jobs' keys in creation order and without a state key; no keys by Region or id (D88). 4: the keys kept
     * by the store with each record (D143). 5: no keys by resource alone (D145).
     */
    private static final String INDEX_VERSION = "5";

    /**
     * Jobs and points are read back soon after they are written (a job's next state, the point its job completes):
     * about as many as one instant's firings keep that from decoding them again.
     */
    private static final int REMEMBERED = 16_384;
    /** Point ARNs whose keys are kept: more than the points one instant of 20 x 1,000 puts in flight (D87). */
    private static final int REMEMBERED_ARNS = 65_536;
    private final IndexedCollection<RecoveryPoint> points = new IndexedCollection<>("backup.recovery-points",
            remembered(RecoveryPoint.class), JobStore::pointKeys, JobStore::pointIndex);
    private final IndexedCollection<BackupJob> backupJobs = new IndexedCollection<>("backup.backup-jobs",
            remembered(BackupJob.class), j -> jobKeys(BACKUP, j.accountId(), j.region(), j.jobId(),
            j.creationDate(), j.state(), j.resourceArn(), j.completionDate(), BackupJob.RUNNING.equals(j.state())),
            JobStore::jobIndex);
    private final IndexedCollection<RestoreJob> restoreJobs = new IndexedCollection<>("backup.restore-jobs",
            remembered(RestoreJob.class), j -> jobKeys(RESTORE, j.accountId(), j.region(), j.jobId(),
            j.creationDate(), j.status(), j.sourceResourceArn(), j.completionDate(), false), JobStore::jobIndex);
    private final IndexedCollection<CopyJob> copyJobs = new IndexedCollection<>("backup.copy-jobs",
            remembered(CopyJob.class), j -> jobKeys(COPY, j.accountId(), j.region(), j.jobId(),
            j.creationDate(), j.state(), j.resourceArn(), j.completionDate(), false), JobStore::jobIndex);
    private static final String BACKUP = "backup";
    private static final String RESTORE = "restore";
    private static final String COPY = "copy";
    /** Summaries every write below keeps up to date. */
    private final BackupTallies tallies = new BackupTallies();
    /**
     * Point ARN to point key, for the jobs' repeated lookups by ARN. Safe to keep across transactions because the
     * pair never changes: a key whose point is gone (deleted, or its transaction rolled back) reads as absent, as
     * the index would say; and an ARN is never given to another point.
     */
    private final Map<String, String> pointKeys = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > REMEMBERED_ARNS;
                }
            });
    private final Collection<InFlightMove> moves = new Collection<>("backup.moves-in-flight",
            JsonCodec.of(InFlightMove.class));

    private static String vaultScope(String account, String region, String vault) {
        return account + "/" + region + "/" + vault + "/";
    }

    /** Where a job of any kind is stored: {@code <account>/<region>/<id>}. */
    private static String jobRecordKey(String account, String region, String jobId) {
        return account + "/" + region + "/" + jobId;
    }

    private static String key(RecoveryPoint p) {
        return vaultScope(p.accountId(), p.region(), p.vaultName()) + p.storageId();
    }

    /**
     * A point's index keys: by vault (1) and by vault and resource (3) in creation order; its ARN (4). A resource's
     * points in all vaults merge the vaults' keys by resource: a key by resource alone would put each new point in
     * a place of its own in one more index, which the clock pays for every job (D145).
     */
    private static IndexKeys pointKeys(RecoveryPoint p) {
        String tail = time(p.creationDate()) + "/" + p.arn();
        String vault = vaultScope(p.accountId(), p.region(), p.vaultName());
        return IndexKeys.of("v/" + vault + tail, null, "vr/" + vault + p.resourceArn() + AFTER_ARN + tail, p.arn());
    }

    /** Which index of the points a prefix of {@link #pointKeys} reads. */
    private static int pointIndex(String prefix) {
        return prefix.startsWith("vr/") ? 3 : prefix.startsWith("v/") ? 1 : ARN_KEY;
    }

    /**
     * A job's index keys: by account and Region in creation order; while it is open (no completion date) among the
     * open jobs in creation order ({@code w/}), and once it has ended by its final state in creation order
     * ({@code s/}) and by completion time for report windows ({@code c/}). An open job's changes of state so move
     * none of its keys, a listing by state reads the ended jobs of that state and the few open ones, and the listings
     * of every account merge the accounts' own keys (D88). A listing by resource reads the account's jobs of the
     * window it asks for (ListBackupJobs: 30 days at most): no key by resource, which would cost every job a write in
     * a place of its own (D145).
     */
    private static IndexKeys jobKeys(String kind, String account, String region, String id, Instant created,
                                     String state, String resourceArn, Instant completed, boolean running) {
        String tail = time(created) + "/" + id;
        String scope = account + "/" + region + "/";
        if (completed == null) {
            return IndexKeys.of(kind + "/a/" + scope + tail, null, kind + "/w/" + scope + tail, null,
                    running ? runningKey(kind, account, region, resourceArn) + id : null);
        }
        return IndexKeys.of(kind + "/a/" + scope + tail, null, kind + "/s/" + scope + state + "/" + tail,
                kind + "/c/" + scope + time(completed) + "/" + id);
    }

    /** The start of the key of a job RUNNING for a resource (one at a time): so the check before a backup is a read. */
    private static String runningKey(String kind, String account, String region, String resourceArn) {
        return kind + "/x/" + account + "/" + region + "/" + resourceArn + AFTER_ARN;
    }

    /** Which index of the jobs a prefix of {@link #jobKeys} reads: open and ended jobs share one (a job is one). */
    private static int jobIndex(String prefix) {
        int kindEnd = prefix.indexOf('/');
        return switch (prefix.substring(kindEnd + 1, prefix.indexOf('/', kindEnd + 1))) {
            case "a" -> 1;
            case "w", "s" -> 3;
            case "c" -> 4;
            case "x" -> 5;
            default -> throw new IllegalArgumentException("no job index for " + prefix);
        };
    }

    /** Builds the indexes once over a store written before them (one transaction; later starts find them). */
    void ensureIndexes(Tx tx) {
        Optional<String> built = tx.get(INDEX_VERSIONS, "jobs").map(r -> new String(r.value(),
                StandardCharsets.UTF_8));
        if (built.filter(INDEX_VERSION::equals).isPresent()) {
            return;
        }
        if (built.isEmpty()) {
            for (RecoveryPoint p : points.list(tx, "")) {
                count(tx, p, 1);
            }
        }
        // Indexes of older layouts were records of their own (D61, D88); the store keeps them now (D143).
        for (String old : List.of("backup.job-index", "backup.recovery-point-index", "backup.recovery-point-arns",
                "backup.running-backup-jobs")) {
            tx.deleteAll(old, "");
        }
        points.reindex(tx);
        backupJobs.reindex(tx);
        restoreJobs.reindex(tx);
        copyJobs.reindex(tx);
        tx.put(INDEX_VERSIONS, "jobs", INDEX_VERSION.getBytes(StandardCharsets.UTF_8), Tx.ANY);
    }

    Optional<RecoveryPoint> point(Tx tx, String arn) {
        String key = pointKeys.get(arn);
        if (key == null) {
            Iterator<IndexedCollection.Entry<RecoveryPoint>> found = points.scan(tx, arn, null, false);
            Optional<RecoveryPoint> point = found.hasNext() ? Optional.of(found.next().value())
                    .filter(p -> p.arn().equals(arn)) : Optional.empty();
            point.ifPresent(p -> pointKeys.put(arn, key(p)));
            return point;
        }
        return points.get(tx, key);
    }

    List<RecoveryPoint> points(Tx tx, String account, String region, String vault) {
        return points.list(tx, vaultScope(account, region, vault));
    }

    /** Every recovery point of an account in a Region, all vaults. */
    List<RecoveryPoint> points(Tx tx, String account, String region) {
        return points.list(tx, account + "/" + region + "/");
    }

    /** Every recovery point of every account and Region (copies of a resource made elsewhere). */
    List<RecoveryPoint> allPoints(Tx tx) {
        return points.list(tx, "");
    }

    /** A page of a vault's points (of one resource, when {@code resourceArn} is given) in creation order. */
    Page<RecoveryPoint> pointsOfVault(Tx tx, String account, String region, String vault, String resourceArn,
                                      Instant createdAfter, Instant createdBefore, Predicate<RecoveryPoint> keep,
                                      Integer maxResults, String token) {
        String prefix = resourceArn == null ? "v/" + vaultScope(account, region, vault)
                : "vr/" + vaultScope(account, region, vault) + resourceArn + AFTER_ARN;
        return points.page(tx, prefix, createdAfter, createdBefore,
                p -> (resourceArn == null || resourceArn.equals(p.resourceArn())) && keep.test(p), maxResults, token);
    }

    /** A page of one resource's points in an account and Region, all vaults, in creation order. */
    Page<RecoveryPoint> pointsOfResource(Tx tx, String account, String region, String resourceArn,
                                         Integer maxResults, String token) {
        List<String> prefixes = resourcePrefixes(account, region, vaultsWithPoints(tx, account, region),
                resourceArn + AFTER_ARN);
        return points.page(tx, prefixes, null, null, p -> resourceArn.equals(p.resourceArn()), maxResults, token);
    }

    /**
     * Every point in an account's vaults of a Region whose resource's ARN starts with {@code arnPrefix}, by resource
     * and then in creation order.
     */
    List<RecoveryPoint> pointsOfResourcesUnder(Tx tx, String account, String region, String arnPrefix) {
        List<RecoveryPoint> out = new ArrayList<>();
        List<String> prefixes = resourcePrefixes(account, region, vaultsWithPoints(tx, account, region), arnPrefix);
        points.scanMerged(tx, prefixes, null, false).forEachRemaining(e -> out.add(e.value()));
        return out;
    }

    /** The newest point of a resource that {@code keep} accepts, in one vault or (vault null) any of the account's. */
    Optional<RecoveryPoint> newestPoint(Tx tx, String account, String region, String vault, String resourceArn,
                                        Predicate<RecoveryPoint> keep) {
        return newestPoint(tx, resourcePrefixes(account, region, vaults(tx, account, region, vault),
                resourceArn + AFTER_ARN), resourceArn, keep);
    }

    /** As {@link #newestPoint(Tx, String, String, String, String, Predicate)} under prefixes already found. */
    private Optional<RecoveryPoint> newestPoint(Tx tx, List<String> prefixes, String resourceArn,
                                                Predicate<RecoveryPoint> keep) {
        Iterator<IndexedCollection.Entry<RecoveryPoint>> newestFirst = points.scanMerged(tx, prefixes, null, true);
        while (newestFirst.hasNext()) {
            RecoveryPoint p = newestFirst.next().value();
            if (p.resourceArn().equals(resourceArn) && keep.test(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * A page of the resources with points in an account and Region (one vault, or any), in ARN order, each as its
     * newest point {@code keep} accepts; resources without such a point are left out. Steps from resource to resource
     * through the index, so it costs a few reads per resource whatever their points' number. The token is the last ARN.
     */
    Page<RecoveryPoint> newestPointPerResource(Tx tx, String account, String region, String vault,
                                               Predicate<RecoveryPoint> keep, Integer maxResults, String token) {
        int size = Page.size(maxResults);
        // the vaults are read once for the page, not again for each resource
        List<String> vaults = vaults(tx, account, region, vault);
        List<String> prefixes = resourcePrefixes(account, region, vaults, "");
        String last = Page.after(token);
        List<RecoveryPoint> page = new ArrayList<>();
        while (true) {
            Iterator<IndexedCollection.Entry<RecoveryPoint>> next = points.scanMerged(tx, prefixes,
                    last == null ? null : last + AFTER_ARN + END, false);
            if (!next.hasNext()) {
                return new Page<>(page, null);
            }
            String resource = next.next().value().resourceArn();
            Optional<RecoveryPoint> newest = newestPoint(tx, resourcePrefixes(account, region, vaults,
                    resource + AFTER_ARN), resource, keep);
            if (newest.isPresent()) {
                if (page.size() == size) {
                    return new Page<>(page, Page.token(page.get(size - 1).resourceArn()));
                }
                page.add(newest.get());
            }
            last = resource;
        }
    }

    /**
     * The prefixes of the index by vault and resource under which the vaults' points of a resource are kept (keys
     * going on with {@code resourcePart}).
     */
    private static List<String> resourcePrefixes(String account, String region, List<String> vaults,
                                                 String resourcePart) {
        return vaults.stream().map(v -> "vr/" + vaultScope(account, region, v) + resourcePart).toList();
    }

    /** The one vault, or (vault null) every vault of the account and Region that holds points. */
    private List<String> vaults(Tx tx, String account, String region, String vault) {
        return vault != null ? List.of(vault) : vaultsWithPoints(tx, account, region);
    }

    /** The vaults of an account in a Region that hold points, in name order: one index read per vault. */
    private List<String> vaultsWithPoints(Tx tx, String account, String region) {
        String prefix = "v/" + account + "/" + region + "/";
        List<String> vaults = new ArrayList<>();
        for (String after = null; ; ) {
            Optional<String> next = points.firstIndexKey(tx, prefix, after);
            if (next.isEmpty()) {
                return vaults;
            }
            String vault = next.get().substring(prefix.length(), next.get().indexOf('/', prefix.length()));
            vaults.add(vault);
            after = prefix + vault + "/" + END;
        }
    }

    /** How many recovery points a vault holds (every status), kept as points come and go. */
    long pointCount(Tx tx, String account, String region, String vault) {
        return tx.get(COUNTS, account + "/" + region + "/" + vault)
                .map(r -> Long.parseLong(new String(r.value(), StandardCharsets.UTF_8))).orElse(0L);
    }

    private static void count(Tx tx, RecoveryPoint p, int change) {
        String key = p.accountId() + "/" + p.region() + "/" + p.vaultName();
        long now = tx.get(COUNTS, key).map(r -> Long.parseLong(new String(r.value(), StandardCharsets.UTF_8)))
                .orElse(0L) + change;
        if (now <= 0) {
            tx.delete(COUNTS, key, Tx.ANY);
        } else {
            tx.put(COUNTS, key, Long.toString(now).getBytes(StandardCharsets.UTF_8), Tx.ANY);
        }
    }

    void putPoint(Tx tx, RecoveryPoint p) {
        String key = key(p);
        Optional<RecoveryPoint> before = points.get(tx, key);
        tallies.point(tx, before.orElse(null), p, this);
        if (points.put(tx, key, p, before).isEmpty()) {
            count(tx, p, 1);
        }
        pointKeys.put(p.arn(), key);
    }

    /** A point under a storage id just made (a job's new point): stored without reading for an earlier one. */
    void putNewPoint(Tx tx, RecoveryPoint p) {
        String key = key(p);
        tallies.point(tx, null, p, this);
        points.putNew(tx, key, p);
        count(tx, p, 1);
        pointKeys.put(p.arn(), key);
    }

    void deletePoint(Tx tx, RecoveryPoint p) {
        Optional<RecoveryPoint> before = points.get(tx, key(p));
        before.ifPresent(b -> tallies.point(tx, b, null, this));
        if (points.delete(tx, key(p), before).isPresent()) {
            count(tx, p, -1);
        }
    }

    /**
     * Which index a listing reads: one account's jobs in a Region, of one state when asked (the ended jobs in that
     * state and the open ones, merged); {@code account} null: every account's jobs in the Region, whatever the state.
     * The caller's filter picks the jobs of a resource (D145). Only jobs created strictly between the two instants
     * (null: unbounded) are read.
     */
    record JobScan(String account, String region, String state, Instant createdAfter, Instant createdBefore) {
        /** The prefixes to merge; {@code accounts} finds every account with jobs of the kind when asked for all. */
        List<String> prefixes(String kind, java.util.function.Supplier<List<String>> accounts) {
            if (account == null) {
                return accounts.get().stream().map(a -> kind + "/a/" + a + "/" + region + "/").toList();
            }
            String scope = account + "/" + region + "/";
            return state != null ? List.of(kind + "/s/" + scope + state + "/", kind + "/w/" + scope)
                    : List.of(kind + "/a/" + scope);
        }

        /** Only jobs in the state asked for, whichever index answered. */
        <J> Predicate<J> inState(java.util.function.Function<J, String> stateOf) {
            return j -> state == null || state.equals(stateOf.apply(j));
        }
    }

    Optional<BackupJob> backupJob(Tx tx, String account, String region, String jobId) {
        return backupJobs.get(tx, jobRecordKey(account, region, jobId));
    }

    /** A backup job of any account, by its id. */
    Optional<BackupJob> backupJob(Tx tx, String region, String jobId) {
        return byId(tx, backupJobs, BACKUP, region, jobId);
    }

    /** Jobs of one account in a Region; {@code account} null: of every account in every Region. */
    List<BackupJob> backupJobs(Tx tx, String account, String region) {
        return backupJobs.list(tx, account == null ? "" : account + "/" + region + "/");
    }

    /** A page of backup jobs in creation order. */
    Page<BackupJob> backupJobs(Tx tx, JobScan scan, Predicate<BackupJob> keep, Integer maxResults, String token) {
        return backupJobs.page(tx, prefixes(tx, scan, backupJobs, BACKUP), scan.createdAfter(), scan.createdBefore(),
                keep.and(scan.inState(BackupJob::state)), maxResults, token);
    }

    void putBackupJob(Tx tx, BackupJob job) {
        String key = jobRecordKey(job.accountId(), job.region(), job.jobId());
        var before = backupJobs.get(tx, key);
        tallies.backupJob(tx, before.orElse(null), job);
        backupJobs.put(tx, key, job, before);
    }

    /** A job with an id just made (StartBackupJob, a plan's firing): stored without reading for an earlier one. */
    void putNewBackupJob(Tx tx, BackupJob job) {
        tallies.backupJob(tx, null, job);
        backupJobs.putNew(tx, jobRecordKey(job.accountId(), job.region(), job.jobId()), job);
    }

    /** The id of the backup job RUNNING for a resource, if any: an index, so the check costs no scan of jobs. */
    Optional<String> runningJob(Tx tx, String account, String region, String resourceArn) {
        String prefix = runningKey(BACKUP, account, region, resourceArn);
        return backupJobs.firstIndexKey(tx, prefix, null).map(k -> k.substring(prefix.length()));
    }

    Optional<RestoreJob> restoreJob(Tx tx, String account, String region, String jobId) {
        return restoreJobs.get(tx, jobRecordKey(account, region, jobId));
    }

    /** A restore job of any account, by its id. */
    Optional<RestoreJob> restoreJob(Tx tx, String region, String jobId) {
        return byId(tx, restoreJobs, RESTORE, region, jobId);
    }

    List<RestoreJob> restoreJobs(Tx tx, String account, String region) {
        return restoreJobs.list(tx, account == null ? "" : account + "/" + region + "/");
    }

    /** A page of restore jobs in creation order. */
    Page<RestoreJob> restoreJobs(Tx tx, JobScan scan, Predicate<RestoreJob> keep, Integer maxResults, String token) {
        return restoreJobs.page(tx, prefixes(tx, scan, restoreJobs, RESTORE), scan.createdAfter(), scan.createdBefore(),
                keep.and(scan.inState(RestoreJob::status)), maxResults, token);
    }

    void putRestoreJob(Tx tx, RestoreJob job) {
        String key = jobRecordKey(job.accountId(), job.region(), job.jobId());
        var before = restoreJobs.get(tx, key);
        tallies.restoreJob(tx, before.orElse(null), job);
        restoreJobs.put(tx, key, job, before);
    }

    Optional<CopyJob> copyJob(Tx tx, String account, String region, String jobId) {
        return copyJobs.get(tx, jobRecordKey(account, region, jobId));
    }

    /** A copy job of any account, by its id. */
    Optional<CopyJob> copyJob(Tx tx, String region, String jobId) {
        return byId(tx, copyJobs, COPY, region, jobId);
    }

    /** Copy jobs of one account in a Region; {@code account} null: of every account in every Region. */
    List<CopyJob> copyJobs(Tx tx, String account, String region) {
        return copyJobs.list(tx, account == null ? "" : account + "/" + region + "/");
    }

    /** A page of copy jobs in creation order. */
    Page<CopyJob> copyJobs(Tx tx, JobScan scan, Predicate<CopyJob> keep, Integer maxResults, String token) {
        return copyJobs.page(tx, prefixes(tx, scan, copyJobs, COPY), scan.createdAfter(), scan.createdBefore(),
                keep.and(scan.inState(CopyJob::state)), maxResults, token);
    }

    void putCopyJob(Tx tx, CopyJob job) {
        String key = jobRecordKey(job.accountId(), job.region(), job.jobId());
        var before = copyJobs.get(tx, key);
        tallies.copyJob(tx, before.orElse(null), job);
        copyJobs.put(tx, key, job, before);
    }

    /** A copy job with an id just made: stored without reading for an earlier one. */
    void putNewCopyJob(Tx tx, CopyJob job) {
        tallies.copyJob(tx, null, job);
        copyJobs.putNew(tx, jobRecordKey(job.accountId(), job.region(), job.jobId()), job);
    }

    /** The jobs still open (no completion date) of every account and Region: few, however long the history. */
    List<BackupJob> openBackupJobs(Tx tx) {
        return open(tx, backupJobs, BACKUP);
    }

    List<CopyJob> openCopyJobs(Tx tx) {
        return open(tx, copyJobs, COPY);
    }

    List<RestoreJob> openRestoreJobs(Tx tx) {
        return open(tx, restoreJobs, RESTORE);
    }

    private static <J> List<J> open(Tx tx, IndexedCollection<J> jobs, String kind) {
        List<J> open = new java.util.ArrayList<>();
        jobs.scan(tx, kind + "/w/", null, false).forEachRemaining(e -> open.add(e.value()));
        return open;
    }

    /** Backup jobs of an account and Region that finished in [start, end) or are still open, by id (a report). */
    List<BackupJob> backupJobsInWindow(Tx tx, String account, String region, Instant start, Instant end) {
        return inWindow(tx, backupJobs, BACKUP, account, region, start, end, BackupJob::jobId);
    }

    List<CopyJob> copyJobsInWindow(Tx tx, String account, String region, Instant start, Instant end) {
        return inWindow(tx, copyJobs, COPY, account, region, start, end, CopyJob::jobId);
    }

    List<RestoreJob> restoreJobsInWindow(Tx tx, String account, String region, Instant start, Instant end) {
        return inWindow(tx, restoreJobs, RESTORE, account, region, start, end, RestoreJob::jobId);
    }

    private static <V> Codec<V> remembered(Class<V> type) {
        return new RememberingCodec<>(JsonCodec.of(type), REMEMBERED);
    }

    private static <J> List<J> inWindow(Tx tx, IndexedCollection<J> jobs, String kind, String account, String region,
                                        Instant start, Instant end, java.util.function.Function<J, String> id) {
        String scope = account + "/" + region + "/";
        java.util.TreeMap<String, J> byId = new java.util.TreeMap<>();
        jobs.scan(tx, kind + "/w/" + scope, null, false).forEachRemaining(e -> byId.put(id.apply(e.value()), e.value()));
        String done = kind + "/c/" + scope;
        String endKey = done + time(end);
        Iterator<IndexedCollection.Entry<J>> finished = jobs.scan(tx, done, done + time(start), false);
        while (finished.hasNext()) {
            IndexedCollection.Entry<J> e = finished.next();
            if (e.indexKey().compareTo(endKey) >= 0) {
                break;
            }
            byId.put(id.apply(e.value()), e.value());
        }
        return List.copyOf(byId.values());
    }

    /** The Regions where any of the accounts ran a backup job: one index read per account and Region. */
    List<String> regionsWithBackupJobs(Tx tx, List<String> accounts) {
        java.util.TreeSet<String> regions = new java.util.TreeSet<>();
        for (String account : accounts) {
            String prefix = BACKUP + "/a/" + account + "/";
            String after = null;
            while (true) {
                Optional<String> next = backupJobs.firstIndexKey(tx, prefix, after);
                if (next.isEmpty()) {
                    break;
                }
                String key = next.get();
                String region = key.substring(prefix.length(), key.indexOf('/', prefix.length()));
                regions.add(region);
                after = prefix + region + "/" + END;
            }
        }
        return List.copyOf(regions);
    }

    private static List<String> prefixes(Tx tx, JobScan scan, IndexedCollection<?> jobs, String kind) {
        return scan.prefixes(kind, () -> accountsWithJobs(tx, jobs, kind));
    }

    /** A job of any account: one read per account with jobs of its kind (an organization's few dozen, say). */
    private static <J> Optional<J> byId(Tx tx, IndexedCollection<J> jobs, String kind, String region, String id) {
        for (String account : accountsWithJobs(tx, jobs, kind)) {
            Optional<J> job = jobs.get(tx, jobRecordKey(account, region, id));
            if (job.isPresent()) {
                return job;
            }
        }
        return Optional.empty();
    }

    /** The accounts with jobs of a kind in any Region, in order: one index read per account, stepping over its keys. */
    private static List<String> accountsWithJobs(Tx tx, IndexedCollection<?> jobs, String kind) {
        String prefix = kind + "/a/";
        List<String> accounts = new ArrayList<>();
        String after = null;
        while (true) {
            Optional<String> next = jobs.firstIndexKey(tx, prefix, after);
            if (next.isEmpty()) {
                return accounts;
            }
            String key = next.get();
            String account = key.substring(prefix.length(), key.indexOf('/', prefix.length()));
            accounts.add(account);
            after = prefix + account + "/" + END;
        }
    }

    /** The summaries of points and jobs, for the controls and the dashboard. */
    BackupTallies tallies() {
        return tallies;
    }

    /** The job an idempotency token already started, if any. */
    Optional<String> jobOfToken(Tx tx, String kind, String account, String region, String token) {
        return tx.get(TOKENS, kind + "/" + account + "/" + region + "/" + token)
                .map(r -> new String(r.value(), StandardCharsets.UTF_8));
    }

    void putToken(Tx tx, String kind, String account, String region, String token, String jobId) {
        tx.put(TOKENS, kind + "/" + account + "/" + region + "/" + token, jobId.getBytes(StandardCharsets.UTF_8),
                Tx.ANY);
    }

    /** Records that {@code move.node()} moves the job's data from now on (whoever moved it before). */
    void putMove(Tx tx, InFlightMove move) {
        moves.put(tx, move.key(), move);
    }

    /** The node moving a job's data, if its move is in flight. */
    Optional<String> moveOwner(Tx tx, String kind, String account, String region, String jobId) {
        return moves.get(tx, InFlightMove.key(kind, account, region, jobId)).map(InFlightMove::node);
    }

    /**
     * Removes a move only while it is recorded exactly as {@code move} (the same node): one statement instead of
     * reading the owner and then deleting (D87). False when another node took it over or it is gone.
     */
    boolean deleteOwnMove(Tx tx, InFlightMove move) {
        return moves.deleteIfValue(tx, move.key(), move);
    }

    void deleteMove(Tx tx, String kind, String account, String region, String jobId) {
        moves.delete(tx, InFlightMove.key(kind, account, region, jobId));
    }

    /** Every move in flight. */
    List<InFlightMove> moves(Tx tx) {
        return moves.list(tx, "");
    }
}
