package io.strongroom.ec2;

import io.strongroom.storage.Tx;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * DescribeSnapshots and DeleteSnapshot over the snapshots an account can see in a Region: those AWS Backup keeps for
 * its EBS recovery points ({@link BackupSnapshots}), and those behind the block device mappings of the AMIs it keeps
 * for its EC2 recovery points ({@link BackupImages}). EC2 lists them like any snapshot of the account and refuses to
 * delete them: the former as AWS Backup's (D106), the latter as in use by their AMI (D118). CreateTags and DeleteTags
 * change a snapshot's tags for the calling account, kept as edits over the tags AWS Backup gave it (D122). Beside
 * them are the snapshots the account made itself with CreateSnapshot ({@link OwnSnapshotService}, D127), which it
 * deletes, tags and makes volumes from like any snapshot of its own.
 */
public final class SnapshotService implements TaggedResources {
    private static final Pattern SNAPSHOT_ID = Pattern.compile("snap-[0-9a-f]{8}([0-9a-f]{9})?");
    private static final int MAX_PAGE = 1000;
    private static final Set<String> FILTERS = Set.of("snapshot-id", "volume-id", "status", "owner-id",
            "description", "volume-size", "encrypted", "storage-tier", "progress", "tag-key", "kms-key-id");

    /** The id of the volume a snapshot's source is unknown for, as EC2 reports it (copies, images' snapshots). */
    static final String UNKNOWN_VOLUME = "vol-ffffffff";

    private final BackupSnapshots backupSnapshots;
    private final BackupImages backupImages;
    private final TagEditsRepository tagEdits = TagEditsRepository.SNAPSHOTS;
    /** The snapshots the account made itself (D127); null where only AWS Backup's are served (unit tests). */
    private final OwnSnapshotService own;

    public SnapshotService(BackupSnapshots backupSnapshots, BackupImages backupImages) {
        this(backupSnapshots, backupImages, null);
    }

    public SnapshotService(BackupSnapshots backupSnapshots, BackupImages backupImages, OwnSnapshotService own) {
        this.backupSnapshots = backupSnapshots;
        this.backupImages = backupImages;
        this.own = own;
    }

    private Optional<OwnSnapshot> own(Tx tx, String account, String region, String id) {
        return own == null ? Optional.empty() : own.find(tx, account, region, id);
    }

    /**
     * The snapshots behind an AWS Backup image's mappings, as CreateImage makes them: one per mapped volume, of its
     * size and encryption, pending while the image is, owned by the image's account, started at its creation, with
     * CreateImage's description and the tags AWS Backup gave the image (D118). A pending image without mappings yet
     * has none.
     */
    static List<Snapshot> snapshotsOf(Image image) {
        List<Snapshot> out = new ArrayList<>();
        for (Image.BlockDevice d : image.blockDevices()) {
            out.add(new Snapshot(d.snapshotId(), UNKNOWN_VOLUME, Image.PENDING.equals(image.state()) ? "pending"
                    : "completed", Instant.parse(image.creationDate()), image.ownerId(), "Created by CreateImage("
                    + image.sourceInstanceId() + ") for " + image.id(), d.volumeSize(), d.encrypted(),
                    d.encrypted() ? d.kmsKeyId() : null, "standard", image.tags()));
        }
        return out;
    }

    /**
     * Every snapshot the account sees, each with its tags as the account edited them (AWS Backup's) or as the account
     * set them (its own, D127), in id order.
     */
    private List<Snapshot> visible(Tx tx, String account, String region) {
        List<Snapshot> given = given(tx, account, region);
        Map<String, TagEdits> edits = given.isEmpty() ? Map.of() : tagEdits.byResource(tx, account, region);
        List<Snapshot> out = new ArrayList<>(edits.isEmpty() ? given : given.stream().map(s -> edits.containsKey(s.id())
                ? s.withTags(edits.get(s.id()).applyTo(s.tags())) : s).toList());
        if (own != null) {
            own.list(tx, account, region).forEach(s -> out.add(s.describe()));
            own.listShared(tx, account, region).forEach(s -> out.add(sharedView(s)));
            out.sort(Comparator.comparing(Snapshot::id));
        }
        return out;
    }

    /** Another account's snapshot as the account it is shared with sees it: tags are the owner's own (D140). */
    private static Snapshot sharedView(OwnSnapshot s) {
        return s.describe().withTags(Map.of());
    }

    /** Every snapshot the account sees, with the tags it was given: AWS Backup's EBS points, then its images'. */
    private List<Snapshot> given(Tx tx, String account, String region) {
        List<Snapshot> all = new ArrayList<>(backupSnapshots.list(tx, account, region));
        backupImages.list(tx, account, region).forEach(i -> all.addAll(snapshotsOf(i)));
        all.sort(Comparator.comparing(Snapshot::id));
        return all;
    }

    /** The snapshot the account sees under {@code id}, with its tags as the account edited or set them. */
    private Optional<Snapshot> find(Tx tx, String account, String region, String id) {
        Optional<OwnSnapshot> mine = own(tx, account, region, id);
        if (mine.isPresent()) {
            return Optional.of(mine.get().describe());
        }
        Optional<OwnSnapshot> shared = own == null ? Optional.empty() : own.findShared(tx, account, region, id);
        if (shared.isPresent()) {
            return Optional.of(sharedView(shared.get()));
        }
        return given(tx, account, region, id).map(s -> tagEdits.get(tx, account, region, id)
                .map(e -> s.withTags(e.applyTo(s.tags()))).orElse(s));
    }

    /**
     * The snapshot the account sees under {@code id}, with the tags it was given: an EBS point's through AWS Backup's
     * index; else one behind an image's mapping, whose id is derived from the image's and not indexed, so the images
     * are read (D120).
     */
    private Optional<Snapshot> given(Tx tx, String account, String region, String id) {
        Optional<Snapshot> point = backupSnapshots.find(tx, account, region, id);
        return point.isPresent() ? point : imageUsing(tx, account, region, id).stream()
                .flatMap(i -> snapshotsOf(i).stream()).filter(s -> s.id().equals(id)).findFirst();
    }

    /** The AWS Backup image whose mapping names the snapshot, if any. */
    private Optional<Image> imageUsing(Tx tx, String account, String region, String snapshotId) {
        return backupImages.list(tx, account, region).stream()
                .filter(i -> i.blockDevices().stream().anyMatch(d -> d.snapshotId().equals(snapshotId))).findFirst();
    }

    public record Page(List<Snapshot> snapshots, String nextToken) {
    }

    /**
     * DescribeSnapshots: by ids (all must exist and be visible), by owners ({@code self}, the caller's account or
     * another's whose snapshots are shared with the caller), by who may restore them, filtered, in pages of 5 to
     * 1,000 in id order.
     */
    public Page describe(Tx tx, String account, String region, List<String> ids, List<String> owners,
                         List<Inputs.Filter> filters, Integer maxResults, String nextToken) {
        return describe(tx, account, region, ids, owners, null, filters, maxResults, nextToken);
    }

    /**
     * As above, with {@code RestorableByUserIds}: {@code all} keeps the public snapshots, {@code self} those the
     * caller owns or is named in, an account id those of the caller's that name it (D140).
     */
    public Page describe(Tx tx, String account, String region, List<String> ids, List<String> owners,
                         List<String> restorableBy, List<Inputs.Filter> filters, Integer maxResults,
                         String nextToken) {
        List<Inputs.Filter> fs = filters == null ? List.of() : filters;
        fs.forEach(f -> Listing.checkFilter(f, FILTERS));
        List<Snapshot> candidates;
        if (ids != null && !ids.isEmpty()) {
            if (maxResults != null) {
                throw Ec2Errors.invalidParameterCombination("The parameter snapshotSet cannot be used with the "
                        + "parameter maxResults");
            }
            candidates = new ArrayList<>();
            for (String id : ids) {
                checkId(id);
                candidates.add(find(tx, account, region, id).orElseThrow(() -> Ec2Errors.snapshotNotFound(id)));
            }
        } else {
            candidates = visible(tx, account, region);
        }
        List<Snapshot> matching = candidates.stream()
                .filter(s -> owners == null || owners.isEmpty() || owners.stream().anyMatch(o -> ownedBy(s, o,
                        account)))
                .filter(s -> restorableBy == null || restorableBy.isEmpty() || restorableBy.stream()
                        .anyMatch(r -> restorableBy(tx, s, r, account)))
                .filter(s -> fs.stream().allMatch(f -> matches(s, f))).toList();
        return Listing.page(matching, Snapshot::id, maxResults, nextToken, 5, MAX_PAGE, Page::new);
    }

    private boolean restorableBy(Tx tx, Snapshot s, String who, String caller) {
        if (own == null) {
            return "self".equals(who) && s.ownerId().equals(caller);
        }
        SnapshotSharing sharing = own.sharing();
        return switch (who) {
            case SnapshotSharing.ALL -> sharing.namedIn(tx, s.id(), SnapshotSharing.ALL);
            case "self" -> s.ownerId().equals(caller) || sharing.namedIn(tx, s.id(), caller);
            default -> s.ownerId().equals(caller) && sharing.namedIn(tx, s.id(), who);
        };
    }

    /**
     * The account's own snapshot whose attributes ModifySnapshotAttribute, DescribeSnapshotAttribute and
     * ResetSnapshotAttribute read or change (D140): AWS Backup's are shared by copying their recovery point with AWS
     * Backup, and another account's, even shared, is not found.
     */
    public OwnSnapshot forAttributes(Tx tx, String account, String region, String id) {
        Optional<OwnSnapshot> mine = ownById(tx, account, region, id);
        if (mine.isPresent()) {
            return mine.get();
        }
        if (given(tx, account, region, id).isPresent()) {
            throw Ec2Errors.unsupported("Strongroom does not share AWS Backup's snapshots; copy the recovery point to "
                    + "the other account with AWS Backup (StartCopyJob).");
        }
        throw Ec2Errors.snapshotNotFound(id);
    }

    /**
     * DeleteSnapshot: the account's own snapshots go, pending or completed (EC2 deletes a snapshot in progress), with
     * their bytes (D127); AWS Backup's snapshots are deleted through AWS Backup only, and a snapshot an image uses not
     * before the image is deregistered.
     */
    public void delete(Tx tx, String account, String region, String id) {
        Optional<OwnSnapshot> mine = ownById(tx, account, region, id);
        if (mine.isPresent()) {
            own.delete(tx, mine.get());
            return;
        }
        if (backupSnapshots.find(tx, account, region, id).isPresent()) {
            throw Ec2Errors.snapshotManagedByBackup();
        }
        Optional<Image> usedBy = imageUsing(tx, account, region, id);
        if (usedBy.isPresent()) {
            throw Ec2Errors.snapshotInUse(id, usedBy.get().id());
        }
        throw Ec2Errors.snapshotNotFound(id);
    }

    /**
     * CreateVolume from one of AWS Backup's snapshots is not served: the volume would need the recovery point's bytes,
     * which AWS Backup restores (StartRestoreJob). An id naming no snapshot is left to CreateVolume's own answer.
     */
    public void refuseVolumeFrom(Tx tx, String account, String region, String snapshotId) {
        if (snapshotId != null && own(tx, account, region, snapshotId).isEmpty()
                && given(tx, account, region, snapshotId).isPresent()) {
            throw Ec2Errors.unsupported("Strongroom does not create volumes from AWS Backup's snapshots; restore the "
                    + "recovery point with AWS Backup (StartRestoreJob).");
        }
    }

    /**
     * CopySnapshot within the Region (D127): of the account's own completed snapshots; AWS Backup's are copied with
     * AWS Backup's StartCopyJob, and a copy to or from another Region is not served.
     */
    public OwnSnapshot copy(Tx tx, String account, String region, String sourceId, String sourceRegion,
                            String description, Boolean encrypted, String kmsKeyId, Map<String, String> tags) {
        if (sourceId == null || sourceId.isEmpty()) {
            throw Ec2Errors.missingParameter("sourceSnapshotId");
        }
        if (sourceRegion == null || sourceRegion.isEmpty()) {
            throw Ec2Errors.missingParameter("sourceRegion");
        }
        checkId(sourceId);
        if (!sourceRegion.equals(region)) {
            throw Ec2Errors.unsupported("Strongroom copies snapshots within their Region only (source Region "
                    + sourceRegion + ", this Region " + region + ").");
        }
        if (own(tx, account, region, sourceId).isEmpty() && given(tx, account, region, sourceId).isPresent()) {
            throw Ec2Errors.unsupported("Strongroom does not copy AWS Backup's snapshots with CopySnapshot; copy the "
                    + "recovery point with AWS Backup (StartCopyJob).");
        }
        if (own == null) {
            throw Ec2Errors.snapshotNotFound(sourceId);
        }
        return own.copy(tx, account, region, sourceId, sourceRegion, description, encrypted, kmsKeyId, tags);
    }

    // ---- tags (CreateTags, DeleteTags, DescribeTags)

    @Override
    public String idPrefix() {
        return "snap-";
    }

    @Override
    public String resourceType() {
        return "snapshot";
    }

    /** The tags the account sees on one of its snapshots: AWS Backup's, as the account edited them (D122). */
    @Override
    public Map<String, String> tagsOf(Tx tx, String account, String region, String id) {
        String snapshotId = idOf(id);
        checkId(snapshotId);
        return find(tx, account, region, snapshotId).orElseThrow(() -> Ec2Errors.snapshotNotFound(snapshotId)).tags();
    }

    @Override
    public void replaceTags(Tx tx, String account, String region, String id, Map<String, String> tags) {
        String snapshotId = idOf(id);
        checkId(snapshotId);
        Optional<OwnSnapshot> mine = own(tx, account, region, snapshotId);
        if (mine.isPresent()) { // the account's own snapshot keeps its tags itself, as a volume does
            own.replaceTags(tx, mine.get(), tags);
            return;
        }
        Snapshot given = given(tx, account, region, snapshotId)
                .orElseThrow(() -> Ec2Errors.snapshotNotFound(snapshotId));
        tagEdits.save(tx, TagEdits.between(account, region, snapshotId, given.tags(), tags));
    }

    /** The snapshots with tags the account sees. */
    @Override
    public List<Map.Entry<String, Map<String, String>>> tagged(Tx tx, String account, String region) {
        return visible(tx, account, region).stream().filter(s -> !s.tags().isEmpty())
                .map(s -> Map.entry(s.id(), s.tags())).toList();
    }

    private static String idOf(String idOrArn) {
        return idOrArn != null && idOrArn.startsWith("arn:") ? idOrArn.substring(idOrArn.lastIndexOf('/') + 1)
                : idOrArn;
    }

    /** A call's required, well-formed {@code SnapshotId}, and the account's own snapshot of it if there is one. */
    private Optional<OwnSnapshot> ownById(Tx tx, String account, String region, String id) {
        if (id == null || id.isEmpty()) {
            throw Ec2Errors.missingParameter("snapshotId");
        }
        checkId(id);
        return own(tx, account, region, id);
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
            case "tag-key" -> Listing.tagKeyMatches(s.tags(), f);
            default -> false;
        };
    }
}
