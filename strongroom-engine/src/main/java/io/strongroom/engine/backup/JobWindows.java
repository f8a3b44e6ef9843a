package io.strongroom.engine.backup;

import io.strongroom.storage.ScanPage;
import io.strongroom.storage.ScanQuery;
import io.strongroom.storage.StoredRecord;
import io.strongroom.storage.Tx;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The jobs a report window covers (finished in it, or still active) and the Regions where accounts ran backup jobs,
 * found through indexes kept beside the jobs, so a daily report reads one day of jobs instead of every job the
 * account ever ran (seven simulated years of the seed made each daily report read ever more of them).
 * <ul>
 *   <li>{@code backup.jobs-by-completion}: {@code <kind>/<account>/<region>/<completion ms, 13 digits>/<job id>}</li>
 *   <li>{@code backup.active-jobs}: {@code <kind>/<account>/<region>/<job id>} while the job has no completion</li>
 *   <li>{@code backup.job-regions}: {@code <account>/<region>} once the account ran a backup job there</li>
 * </ul>
 * Data directories from before these indexes get them built once, at start ({@link #buildOnce}).
 */
final class JobWindows {
    static final String BACKUP = "backup";
    static final String COPY = "copy";
    static final String RESTORE = "restore";

    private static final String COMPLETED = "backup.jobs-by-completion";
    private static final String ACTIVE = "backup.active-jobs";
    private static final String REGIONS = "backup.job-regions";
    private static final String BUILT = "backup.job-windows-built";
    private static final byte[] EMPTY = new byte[0];
    private static final int PAGE = 500;

    /** Keeps the indexes right for a job just stored. */
    static void record(Tx tx, String kind, String account, String region, String jobId, Instant completion) {
        String scope = kind + "/" + account + "/" + region + "/";
        if (completion == null) {
            tx.put(ACTIVE, scope + jobId, EMPTY, Tx.ANY);
        } else {
            tx.delete(ACTIVE, scope + jobId, Tx.ANY);
            tx.put(COMPLETED, scope + millis(completion) + "/" + jobId, EMPTY, Tx.ANY);
        }
        if (BACKUP.equals(kind) && tx.get(REGIONS, account + "/" + region).isEmpty()) {
            tx.put(REGIONS, account + "/" + region, EMPTY, Tx.ANY);
        }
    }

    /** Ids of the jobs of one kind, account and Region that finished in [start, end) or are still active, sorted. */
    static List<String> jobIds(Tx tx, String kind, String account, String region, Instant start, Instant end) {
        String scope = kind + "/" + account + "/" + region + "/";
        TreeSet<String> ids = new TreeSet<>();
        for (String key : keys(tx, ACTIVE, scope, null, null)) {
            ids.add(key.substring(scope.length()));
        }
        String endKey = scope + millis(end);
        for (String key : keys(tx, COMPLETED, scope, scope + millis(start), endKey)) {
            ids.add(key.substring(key.lastIndexOf('/') + 1));
        }
        return List.copyOf(ids);
    }

    /** The Regions where any of the accounts ran a backup job, sorted. */
    static List<String> regionsWithBackupJobs(Tx tx, List<String> accounts) {
        TreeSet<String> regions = new TreeSet<>();
        for (String account : accounts) {
            String scope = account + "/";
            for (String key : keys(tx, REGIONS, scope, null, null)) {
                regions.add(key.substring(scope.length()));
            }
        }
        return List.copyOf(regions);
    }

    /** Indexes every stored job once, for data directories written before the indexes existed. */
    static void buildOnce(Tx tx, JobStore jobs) {
        if (tx.get(BUILT, "v1").isPresent()) {
            return;
        }
        for (BackupJob j : jobs.backupJobs(tx, null, null)) {
            record(tx, BACKUP, j.accountId(), j.region(), j.jobId(), j.completionDate());
        }
        for (CopyJob j : jobs.copyJobs(tx, null, null)) {
            record(tx, COPY, j.accountId(), j.region(), j.jobId(), j.completionDate());
        }
        for (RestoreJob j : jobs.restoreJobs(tx, null, null)) {
            record(tx, RESTORE, j.accountId(), j.region(), j.jobId(), j.completionDate());
        }
        tx.put(BUILT, "v1", EMPTY, Tx.ANY);
    }

    /** Keys under the prefix, from just after {@code after} (inclusive of longer keys) up to {@code before}. */
    private static List<String> keys(Tx tx, String collection, String prefix, String after, String before) {
        List<String> out = new ArrayList<>();
        String cursor = after;
        while (true) {
            ScanPage page = tx.scan(new ScanQuery(collection, prefix, cursor, PAGE, false));
            for (StoredRecord r : page.records()) {
                if (before != null && r.key().compareTo(before) >= 0) {
                    return out;
                }
                out.add(r.key());
            }
            if (page.lastKey() == null) {
                return out;
            }
            cursor = page.lastKey();
        }
    }

    /** Fixed width, so keys sort in time order (13 digits last until the year 2286). */
    private static String millis(Instant t) {
        return String.format("%013d", t.toEpochMilli());
    }
}
