package io.strongroom.engine.backup;

import io.strongroom.json.JsonCodec;
import io.strongroom.storage.Codec;
import io.strongroom.storage.Collection;
import io.strongroom.storage.RememberingCodec;
import io.strongroom.storage.ScanPage;
import io.strongroom.storage.ScanQuery;
import io.strongroom.storage.StoredRecord;
import io.strongroom.storage.Tx;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Summaries of the recovery points and jobs, kept up to date in the transaction of every write of {@link JobStore},
 * so the audit controls and the dashboard read work proportional to resources and days, not to every point and job
 * ever recorded (D63):
 * <ul>
 *   <li>{@code backup.point-holdings}: per resource and vault, how many COMPLETED points it has there and the newest
 *       one's creation date, under {@code <owner account>/<owner region>/<resource-arn> <vault-arn>};</li>
 *   <li>{@code backup.latest-copies}: per resource and destination vault, the newest copy job (by creation date,
 *       then id) of its points made in the owner's account and Region;</li>
 *   <li>{@code backup.jobs-per-day}: per account, Region and UTC day of creation, backup, copy and restore jobs and
 *       how many of them ended FAILED or ABORTED;</li>
 *   <li>{@code backup.point-tally}: per account, Region and vault, COMPLETED points counted by retention in days
 *       and by their tags, what the recovery point controls count.</li>
 * </ul>
 * A store written before these summaries existed gets them built once, at start ({@link #buildIfMissing}).
 */
final class BackupTallies {
    private static final String META = "backup.tallies";
    /** 1: the summaries exist; 2: holdings and latest copies are in their compact form (D71). */
    private static final String VERSION = "2";

    /** A resource's COMPLETED points in one vault. */
    record Holding(String resourceArn, String vaultArn, String accountId, String region, String vaultName,
                   String vaultType, long points, Instant newest) {
    }

    /** The newest copy job of a resource's points into one destination vault. */
    record LatestCopy(String resourceArn, String destinationVaultArn, String jobId, String state,
                      String statusMessage, Instant creationDate) {
    }

    /** Jobs created on one day: backups, copies, restores, and how many of them failed. */
    record DayCount(String day, long backups, long copies, long restores, long failures) {
    }

    /** COMPLETED points of one vault with one retention (null: never expire) and one set of tags. */
    record PointCount(String vaultName, Long retentionDays, Map<String, String> tags, long points) {
    }

    // The dashboard and the controls read every holding and latest copy of an account per request (D71).
    private final Collection<Holding> holdings = new Collection<>("backup.point-holdings", TallyCodecs.HOLDING);
    private final Collection<LatestCopy> copies = new Collection<>("backup.latest-copies", TallyCodecs.LATEST_COPY);
    // Read and written back by every job and point of a batch, whose put the transaction holds until its end (D89):
    // the value just written is known again instead of decoded (D111).
    private final Collection<DayCount> days = new Collection<>("backup.jobs-per-day",
            new RememberingCodec<>(JsonCodec.of(DayCount.class), 4_096));
    private final Collection<PointCount> tally = new Collection<>("backup.point-tally",
            new RememberingCodec<>(JsonCodec.of(PointCount.class), 4_096));

    // ---- reads

    /** Every resource's holdings whose owner is this account and Region, by resource ARN. */
    Map<String, List<Holding>> holdings(Tx tx, String account, String region) {
        Map<String, List<Holding>> out = new TreeMap<>();
        for (Holding h : holdings.list(tx, account + "/" + region + "/")) {
            out.computeIfAbsent(h.resourceArn(), k -> new java.util.ArrayList<>()).add(h);
        }
        return out;
    }

    /** The newest copy per resource and destination vault, for the resources of this account and Region. */
    Map<String, List<LatestCopy>> latestCopies(Tx tx, String account, String region) {
        Map<String, List<LatestCopy>> out = new TreeMap<>();
        for (LatestCopy c : copies.list(tx, account + "/" + region + "/")) {
            out.computeIfAbsent(c.resourceArn(), k -> new java.util.ArrayList<>()).add(c);
        }
        return out;
    }

    List<DayCount> jobsPerDay(Tx tx, String account, String region) {
        return days.list(tx, account + "/" + region + "/");
    }

    List<PointCount> pointCounts(Tx tx, String account, String region) {
        return tally.list(tx, account + "/" + region + "/");
    }

    // ---- maintenance, called by JobStore with the record before and after the write (null: absent)

    void point(Tx tx, RecoveryPoint before, RecoveryPoint after, JobStore jobs) {
        boolean was = before != null && RecoveryPoint.COMPLETED.equals(before.status());
        boolean is = after != null && RecoveryPoint.COMPLETED.equals(after.status());
        if (was && is && Objects.equals(retention(before), retention(after))
                && before.tags().equals(after.tags()) && before.creationDate().equals(after.creationDate())) {
            return; // a change the summaries do not see (storage class, last restore time, ...)
        }
        if (was) {
            hold(tx, before, -1, jobs);
            count(tx, before, -1);
        }
        if (is) {
            hold(tx, after, 1, jobs);
            count(tx, after, 1);
        }
    }

    void copyJob(Tx tx, CopyJob before, CopyJob after) {
        day(tx, after.accountId(), after.region(), after.creationDate(), before == null, 1,
                failed(before == null ? null : before.state()), failed(after.state()));
        String key = after.accountId() + "/" + after.region() + "/" + after.resourceArn() + " "
                + after.destinationVaultArn();
        Optional<LatestCopy> newest = copies.get(tx, key);
        boolean newer = newest.isEmpty() || newest.get().jobId().equals(after.jobId())
                || after.creationDate().compareTo(newest.get().creationDate()) > 0
                || after.creationDate().equals(newest.get().creationDate())
                && after.jobId().compareTo(newest.get().jobId()) > 0;
        LatestCopy latest = new LatestCopy(after.resourceArn(), after.destinationVaultArn(), after.jobId(),
                after.state(), after.statusMessage(), after.creationDate());
        if (newer && !newest.equals(Optional.of(latest))) { // a running job's progress changes none of it
            copies.put(tx, key, latest);
        }
    }

    void backupJob(Tx tx, BackupJob before, BackupJob after) {
        day(tx, after.accountId(), after.region(), after.creationDate(), before == null, 0,
                failed(before == null ? null : before.state()), failed(after.state()));
    }

    void restoreJob(Tx tx, RestoreJob before, RestoreJob after) {
        day(tx, after.accountId(), after.region(), after.creationDate(), before == null, 2,
                failed(before == null ? null : before.status()), failed(after.status()));
    }

    /**
     * Builds the summaries from every record when the store has none yet (written before they existed), and
     * rewrites holdings and latest copies kept as JSON (version 1) in their compact form (D71): one record per
     * resource and vault, however many days.
     */
    void buildIfMissing(Tx tx, JobStore jobs) {
        String built = tx.get(META, "version").map(r -> new String(r.value(), StandardCharsets.UTF_8)).orElse(null);
        if (VERSION.equals(built)) {
            return;
        }
        if (built != null) {
            rewrite(tx, holdings, TallyCodecs.HOLDING);
            rewrite(tx, copies, TallyCodecs.LATEST_COPY);
            tx.put(META, "version", VERSION.getBytes(StandardCharsets.UTF_8), Tx.ANY);
            return;
        }
        for (RecoveryPoint p : jobs.allPoints(tx)) {
            point(tx, null, p, jobs);
        }
        for (BackupJob j : jobs.backupJobs(tx, null, null)) {
            backupJob(tx, null, j);
        }
        for (CopyJob j : jobs.copyJobs(tx, null, null)) {
            copyJob(tx, null, j);
        }
        for (RestoreJob j : jobs.restoreJobs(tx, null, null)) {
            restoreJob(tx, null, j);
        }
        tx.put(META, "version", VERSION.getBytes(StandardCharsets.UTF_8), Tx.ANY);
    }

    // ---- helpers

    private static <V> void rewrite(Tx tx, Collection<V> collection, Codec<V> codec) {
        String after = null;
        while (true) {
            ScanPage page = tx.scan(new ScanQuery(collection.name(), "", after, 500, false));
            for (StoredRecord r : page.records()) {
                if (!TallyCodecs.compact(r.value())) {
                    collection.put(tx, r.key(), codec.decode(r.value()));
                }
            }
            if (page.lastKey() == null) {
                return;
            }
            after = page.lastKey();
        }
    }

    static boolean failed(String state) {
        return BackupJob.FAILED.equals(state) || BackupJob.ABORTED.equals(state);
    }

    /** The account and Region a resource belongs to: its ARN's, else the vault its point was first made in. */
    static String owner(RecoveryPoint p) {
        String[] arn = p.resourceArn().split(":", 6);
        if (arn.length == 6 && !arn[3].isEmpty() && !arn[4].isEmpty()) {
            return arn[4] + "/" + arn[3];
        }
        if (p.sourceVaultArn() != null) {
            String[] source = p.sourceVaultArn().split(":", 6);
            if (source.length == 6) {
                return source[4] + "/" + source[3];
            }
        }
        return p.accountId() + "/" + p.region();
    }

    private static Long retention(RecoveryPoint p) {
        Long days = p.lifecycle() == null ? null : p.lifecycle().deleteAfterDays();
        return days == null || days < 0 ? null : days;
    }

    private void hold(Tx tx, RecoveryPoint p, int delta, JobStore jobs) {
        String key = owner(p) + "/" + p.resourceArn() + " " + p.vaultArn();
        Holding h = holdings.get(tx, key).orElse(new Holding(p.resourceArn(), p.vaultArn(), p.accountId(), p.region(),
                p.vaultName(), p.vaultType(), 0, null));
        long points = h.points() + delta;
        if (points <= 0) {
            holdings.delete(tx, key);
            return;
        }
        Instant newest = h.newest();
        if (delta > 0 && (newest == null || p.creationDate().isAfter(newest))) {
            newest = p.creationDate();
        } else if (delta < 0 && p.creationDate().equals(newest)) {
            // The newest point left the vault (deleted by hand, or expired as the last of its day): look again.
            newest = jobs.newestPoint(tx, p.accountId(), p.region(), p.vaultName(), p.resourceArn(),
                    q -> !q.storageId().equals(p.storageId()) && RecoveryPoint.COMPLETED.equals(q.status()))
                    .map(RecoveryPoint::creationDate).orElse(null);
        }
        holdings.put(tx, key, new Holding(h.resourceArn(), h.vaultArn(), h.accountId(), h.region(), h.vaultName(),
                h.vaultType(), points, newest));
    }

    private void count(Tx tx, RecoveryPoint p, int delta) {
        Long retention = retention(p);
        Map<String, String> tags = p.tags() == null ? Map.of() : new TreeMap<>(p.tags());
        String key = p.accountId() + "/" + p.region() + "/" + p.vaultName() + " " + (retention == null ? "never"
                : retention) + " " + new String(JsonCodec.write(tags), StandardCharsets.UTF_8);
        long points = tally.get(tx, key).map(PointCount::points).orElse(0L) + delta;
        if (points <= 0) {
            tally.delete(tx, key);
        } else {
            tally.put(tx, key, new PointCount(p.vaultName(), retention, tags, points));
        }
    }

    private void day(Tx tx, String account, String region, Instant created, boolean isNew, int kind,
                     boolean wasFailed, boolean isFailed) {
        int failures = (isFailed ? 1 : 0) - (wasFailed && !isNew ? 1 : 0);
        if (!isNew && failures == 0) {
            return;
        }
        String day = LocalDate.ofInstant(created, ZoneOffset.UTC).toString();
        String key = account + "/" + region + "/" + day;
        DayCount d = days.get(tx, key).orElse(new DayCount(day, 0, 0, 0, 0));
        int add = isNew ? 1 : 0;
        days.put(tx, key, new DayCount(day, d.backups() + (kind == 0 ? add : 0), d.copies() + (kind == 1 ? add : 0),
                d.restores() + (kind == 2 ? add : 0), d.failures() + failures));
    }
}
