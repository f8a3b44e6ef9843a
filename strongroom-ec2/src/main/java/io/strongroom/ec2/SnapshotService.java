package io.strongroom.ec2;

import io.strongroom.storage.Tx;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * DescribeSnapshots and DeleteSnapshot over the snapshots an account can see in a Region: those AWS Backup keeps for
 * its EBS recovery points ({@link BackupSnapshots}). EC2 lists them like any snapshot of the account and refuses to
 * delete them (D106).
 */
public final class SnapshotService {
    private static final Pattern SNAPSHOT_ID = Pattern.compile("snap-[0-9a-f]{8}([0-9a-f]{9})?");
    private static final int MAX_PAGE = 1000;
    private static final Set<String> FILTERS = Set.of("snapshot-id", "volume-id", "status", "owner-id",
            "description", "volume-size", "encrypted", "storage-tier", "progress", "tag-key", "kms-key-id");

    private final BackupSnapshots backupSnapshots;

    public SnapshotService(BackupSnapshots backupSnapshots) {
        this.backupSnapshots = backupSnapshots;
    }

    public record Page(List<Snapshot> snapshots, String nextToken) {
    }

    /**
     * DescribeSnapshots: by ids (all must exist and be visible), by owners ({@code self} or the caller's account;
     * no snapshot is shared with the caller or public here), filtered, in pages of 5 to 1,000 in id order.
     */
    public Page describe(Tx tx, String account, String region, List<String> ids, List<String> owners,
                         List<Inputs.Filter> filters, Integer maxResults, String nextToken) {
        List<Inputs.Filter> fs = filters == null ? List.of() : filters;
        fs.forEach(f -> Listing.checkFilter(f, FILTERS));
        List<Snapshot> visible = new ArrayList<>(backupSnapshots.list(tx, account, region));
        visible.sort(Comparator.comparing(Snapshot::id));
        List<Snapshot> candidates = visible;
        if (ids != null && !ids.isEmpty()) {
            if (maxResults != null) {
                throw Ec2Errors.invalidParameterCombination("The parameter snapshotSet cannot be used with the "
                        + "parameter maxResults");
            }
            candidates = new ArrayList<>();
            for (String id : ids) {
                checkId(id);
                Optional<Snapshot> found = visible.stream().filter(s -> s.id().equals(id)).findFirst();
                candidates.add(found.orElseThrow(() -> Ec2Errors.snapshotNotFound(id)));
            }
        }
        List<Snapshot> matching = candidates.stream()
                .filter(s -> owners == null || owners.isEmpty() || owners.stream().anyMatch(o -> ownedBy(s, o,
                        account)))
                .filter(s -> fs.stream().allMatch(f -> matches(s, f))).toList();
        return Listing.page(matching, Snapshot::id, maxResults, nextToken, 5, MAX_PAGE, Page::new);
    }

    /** DeleteSnapshot: AWS Backup's snapshots are deleted through AWS Backup only. */
    public void delete(Tx tx, String account, String region, String id) {
        if (id == null || id.isEmpty()) {
            throw Ec2Errors.missingParameter("snapshotId");
        }
        checkId(id);
        if (backupSnapshots.list(tx, account, region).stream().noneMatch(s -> s.id().equals(id))) {
            throw Ec2Errors.snapshotNotFound(id);
        }
        throw Ec2Errors.snapshotManagedByBackup(); // the only snapshots there are (CreateSnapshot is not served)
    }

    /**
     * CreateVolume from one of these snapshots is not served: the volume would need the recovery point's bytes, which
     * AWS Backup restores (StartRestoreJob). An id naming no snapshot is left to CreateVolume's own answer.
     */
    public void refuseVolumeFrom(Tx tx, String account, String region, String snapshotId) {
        if (snapshotId != null && backupSnapshots.list(tx, account, region).stream()
                .anyMatch(s -> s.id().equals(snapshotId))) {
            throw Ec2Errors.unsupported("Strongroom does not create volumes from snapshots; restore the recovery "
                    + "point with AWS Backup (StartRestoreJob).");
        }
    }

    private static void checkId(String id) {
        if (id == null || !SNAPSHOT_ID.matcher(id).matches()) {
            throw Ec2Errors.malformedSnapshotId(id);
        }
    }

    private static boolean ownedBy(Snapshot s, String owner, String caller) {
        return "self".equals(owner) ? s.ownerId().equals(caller) : s.ownerId().equals(owner);
    }

    private static boolean matches(Snapshot s, Inputs.Filter f) {
        List<String> values = Listing.values(f);
        if (f.name().startsWith("tag:")) {
            return Listing.tagMatches(s.tags(), f);
        }
        return switch (f.name()) {
            case "snapshot-id" -> Listing.anyGlob(values, s.id());
            case "volume-id" -> Listing.anyGlob(values, s.volumeId());
            case "status" -> Listing.anyGlob(values, s.state());
            case "owner-id" -> Listing.anyGlob(values, s.ownerId());
            case "description" -> Listing.anyGlob(values, s.description());
            case "volume-size" -> Listing.anyGlob(values, Integer.toString(s.volumeSize()));
            case "encrypted" -> Listing.anyGlob(values, Boolean.toString(s.encrypted()));
            case "storage-tier" -> Listing.anyGlob(values, s.storageTier());
            case "progress" -> Listing.anyGlob(values, s.progress());
            case "kms-key-id" -> Listing.anyGlob(values, s.kmsKeyId());
            case "tag-key" -> s.tags().keySet().stream().anyMatch(k -> Listing.anyGlob(values, k));
            default -> false;
        };
    }
}
