package io.strongroom.ec2;

import io.strongroom.ec2.codec.Ec2Codecs;
import io.strongroom.resource.LocalFiles;
import io.strongroom.storage.Collection;
import io.strongroom.storage.Tx;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The EBS snapshots an account makes itself with CreateSnapshot (D127), kept in the store in {@code ec2.snapshots}
 * under their id (ids are unique across accounts), their bytes in one file per snapshot, {@code <snap-id>.snap}: the
 * volume's bytes at the call's instant up to the last non-zero byte. The file is written and synced inside the
 * creating transaction, before the record commits, so a committed snapshot never lacks its bytes, and removed again
 * when that transaction does not commit (D141); a deleted snapshot's file goes once the deletion has committed; files
 * of snapshots that do not exist (a crash) are removed by {@link #reconcile} at start-up. A snapshot is {@code pending} until its timer completes it, a minute
 * plus its bytes at 100 MiB/s of simulated time after its start (D41's rule for backup jobs).
 */
public final class OwnSnapshotService {
    /** The timer type completing a snapshot; its payload is the snapshot id. */
    public static final String TIMER = "ec2.snapshot-state";
    static final Duration SETUP = Duration.ofMinutes(1);
    static final long BYTES_PER_SECOND = 100L * 1024 * 1024;
    private static final Pattern FILE_NAME = Pattern.compile("(snap-[0-9a-f]+)\\.snap");

    private final Collection<OwnSnapshot> snapshots = new Collection<>("ec2.snapshots", Ec2Codecs.OWN_SNAPSHOT);
    /**
     * The snapshots by owner, keyed {@code <account>/<region>/<snap-id>}, written in the transaction that writes the
     * snapshot, so DescribeSnapshots reads the caller's only (D140); {@link #reconcile} fills it in for data kept
     * before it existed.
     */
    private final Collection<String> byOwner = new Collection<>("ec2.snapshots-by-owner",
            Ec2Codecs.OWN_SNAPSHOT_ENTRY);
    private final SnapshotSharing sharing = new SnapshotSharing();
    private final Ec2Service volumes;
    private final Clock clock;
    private final Function<Tx, String> snapshotIds;
    private final Path directory;

    /**
     * @param snapshotIds hands out 17 hex digits for {@code snap-} ids from the server's seeded generator
     * @param directory   where each snapshot's bytes live, as {@code <snap-id>.snap}
     */
    public OwnSnapshotService(Ec2Service volumes, Clock clock, Function<Tx, String> snapshotIds, Path directory) {
        this.volumes = volumes;
        this.clock = clock;
        this.snapshotIds = snapshotIds;
        this.directory = directory;
    }

    /**
     * CreateSnapshot: the volume's bytes now, its size and encryption, {@code pending} until the timer completes it.
     * A volume in use is snapshotted as it is (EC2 allows it; what the instance had not written is not in it).
     */
    public OwnSnapshot create(Tx tx, String account, String region, String volumeId, String description,
                              Map<String, String> tags) {
        if (volumeId == null || volumeId.isEmpty()) {
            throw Ec2Errors.missingParameter("volumeId");
        }
        Volume v = volumes.volume(tx, account, region, volumeId);
        Map<String, String> given = TagRules.nonNull(tags);
        TagRules.validate(given);
        return snapshot(tx, v, description == null ? "" : description, given, Instant.now(clock));
    }

    /**
     * CreateSnapshots: one snapshot of each volume, all started at the same instant (EC2: "the same for all snapshots
     * initiated by the same request"), each with the description and its own tags (the checks are done).
     */
    List<OwnSnapshot> createAll(Tx tx, List<Volume> vs, String description, Function<Volume, Map<String, String>> tags) {
        Instant start = Instant.now(clock);
        return vs.stream().map(v -> snapshot(tx, v, description, tags.apply(v), start)).toList();
    }

    /** A new pending snapshot of the volume, started at {@code start}, with exactly the description and tags given. */
    private OwnSnapshot snapshot(Tx tx, Volume v, String description, Map<String, String> tags, Instant start) {
        String id = "snap-" + snapshotIds.apply(tx);
        long length = volumes.snapshotLength(v);
        try (InputStream data = volumes.snapshotStream(v, length)) {
            writeFile(tx, id, data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bytes of " + v.id(), e);
        }
        Instant complete = start.plus(transferTime(length));
        OwnSnapshot s = new OwnSnapshot(v.accountId(), v.region(), id, v.id(), v.size(), description, start, complete,
                OwnSnapshot.PENDING, v.encrypted(), v.encrypted() ? v.kmsKeyId() : null, length, tags);
        add(tx, s);
        return s;
    }

    /**
     * Writes a new snapshot's bytes before its record commits, so a committed snapshot never lacks them, and removes
     * them again if the record does not commit (the id may then be handed out again).
     */
    private void writeFile(Tx tx, String id, InputStream data) {
        Path path = file(id);
        tx.afterRollback(() -> LocalFiles.deleteTree(path));
        LocalFiles.write(path, data);
    }

    /** Stores a new snapshot, its index entry and its completion timer. */
    private void add(Tx tx, OwnSnapshot s) {
        snapshots.put(tx, s.id(), s, Tx.ABSENT);
        byOwner.put(tx, ownerKey(s), s.id());
        tx.timers().schedule(TIMER + "/" + s.id(), TIMER, s.completeTime(), s.id().getBytes(StandardCharsets.UTF_8));
    }

    private static String ownerKey(OwnSnapshot s) {
        return s.accountId() + "/" + s.region() + "/" + s.id();
    }

    /**
     * CopySnapshot within the Region of a completed snapshot the account made: a new snapshot with the same bytes (a
     * copy of the file, written before the record commits), the source's size, EC2's arbitrary volume id and, unless
     * given, EC2's description of a copy; encrypted when the source is or the call asks, under the call's key, else
     * the source's, else the account's default key. Tags are the call's only (EC2 copies none).
     */
    public OwnSnapshot copy(Tx tx, String account, String region, String sourceId, String sourceRegion,
                            String description, Boolean encrypted, String kmsKeyId, Map<String, String> tags) {
        if (kmsKeyId != null && !Boolean.TRUE.equals(encrypted)) { // EC2: "the encrypted state must be true"
            throw new io.strongroom.kernel.ServiceException(io.strongroom.kernel.ErrorCode.of(
                    "InvalidParameterDependency"), "The parameter KmsKeyId requires the parameter Encrypted to be set.");
        }
        OwnSnapshot source = find(tx, account, region, sourceId)
                .orElseThrow(() -> Ec2Errors.snapshotNotFound(sourceId));
        if (!OwnSnapshot.COMPLETED.equals(source.state())) {
            throw Ec2Errors.snapshotInvalidState(source.state());
        }
        boolean encrypt = source.encrypted() || Boolean.TRUE.equals(encrypted);
        Map<String, String> given = TagRules.nonNull(tags);
        TagRules.validate(given);
        String id = "snap-" + snapshotIds.apply(tx);
        try (InputStream data = bytes(source)) {
            writeFile(tx, id, data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bytes of " + source.id(), e);
        }
        String key = !encrypt ? null : kmsKeyId != null ? Ec2Service.kmsKeyArn(account, region, kmsKeyId)
                : source.encrypted() ? source.kmsKeyId() : Ec2Service.kmsKeyArn(account, region, null);
        Instant start = Instant.now(clock);
        Instant complete = start.plus(transferTime(source.length()));
        OwnSnapshot copy = new OwnSnapshot(account, region, id, SnapshotService.UNKNOWN_VOLUME, source.volumeSize(),
                description != null ? description : "[Copied " + source.id() + " from " + sourceRegion + "]", start,
                complete, OwnSnapshot.PENDING, encrypt, key, source.length(), given);
        add(tx, copy);
        return copy;
    }

    /** How long a snapshot of {@code length} bytes stays pending. */
    static Duration transferTime(long length) {
        return SETUP.plusMillis((length * 1000 + BYTES_PER_SECOND - 1) / BYTES_PER_SECOND);
    }

    /** The timer's work: a pending snapshot is completed; a deleted one is gone and nothing is due. */
    public void onTimer(Tx tx, byte[] payload) {
        String id = new String(payload, StandardCharsets.UTF_8);
        snapshots.get(tx, id).filter(s -> OwnSnapshot.PENDING.equals(s.state()))
                .ifPresent(s -> snapshots.put(tx, id, s.completed()));
    }

    /** Who besides its owner may create volumes from a snapshot (D140). */
    public SnapshotSharing sharing() {
        return sharing;
    }

    /** Another account's snapshot of that id in the Region that the account may create volumes from (D140). */
    public Optional<OwnSnapshot> findShared(Tx tx, String account, String region, String id) {
        return id == null || id.isEmpty() ? Optional.empty() : snapshots.get(tx, id)
                .filter(s -> !s.accountId().equals(account) && s.region().equals(region)
                        && sharing.grantedTo(tx, s.id(), account));
    }

    /** The snapshots of the Region other accounts shared with the account, by name or publicly, in id order. */
    public List<OwnSnapshot> listShared(Tx tx, String account, String region) {
        List<OwnSnapshot> out = new ArrayList<>();
        for (String id : sharing.sharedWith(tx, account, region)) {
            snapshots.get(tx, id).filter(s -> !s.accountId().equals(account)).ifPresent(out::add);
        }
        return out;
    }

    /** The account's snapshot of that id in the Region, if it made one. */
    public Optional<OwnSnapshot> find(Tx tx, String account, String region, String id) {
        return id == null || id.isEmpty() ? Optional.empty() : snapshots.get(tx, id)
                .filter(s -> s.accountId().equals(account) && s.region().equals(region));
    }

    /**
     * The tags of the snapshot an ARN {@code arn:aws:ec2:<region>::snapshot/<id>} names, for the Authorizer's
     * aws:ResourceTag conditions (D132); empty when it names none of these snapshots.
     */
    public Optional<Map<String, String>> tagsOf(Tx tx, String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length < 6 || !parts[2].equals("ec2") || !parts[5].startsWith("snapshot/")) {
            return Optional.empty();
        }
        return snapshots.get(tx, parts[5].substring("snapshot/".length())).filter(s -> s.region().equals(parts[3]))
                .map(OwnSnapshot::tags);
    }

    /** The account's snapshots of the Region, in id order: its index entries only, then each record by id. */
    public List<OwnSnapshot> list(Tx tx, String account, String region) {
        List<OwnSnapshot> out = new ArrayList<>();
        for (String id : byOwner.list(tx, account + "/" + region + "/")) {
            snapshots.get(tx, id).ifPresent(out::add);
        }
        return out;
    }

    /** DeleteSnapshot of one the account made: pending or completed, its record now and its bytes once committed. */
    void delete(Tx tx, OwnSnapshot s) {
        snapshots.delete(tx, s.id());
        byOwner.delete(tx, ownerKey(s));
        sharing.reset(tx, s);
        tx.afterCommit(() -> LocalFiles.deleteTree(file(s.id())));
    }

    void replaceTags(Tx tx, OwnSnapshot s, Map<String, String> tags) {
        snapshots.put(tx, s.id(), s.withTags(tags));
    }

    /**
     * CreateVolume with the snapshot's id, the account's own or one shared with it (D140): a completed snapshot only ({@code IncorrectState} while pending, as EC2
     * answers); the size defaults to the snapshot's and may not be smaller; a volume of an encrypted snapshot is
     * encrypted, under the snapshot's key unless the call names one. The new volume's file holds exactly the bytes.
     */
    public Volume createVolume(Tx tx, String account, String region, Inputs.CreateVolume in) {
        if (in.availabilityZone() == null || in.availabilityZone().isEmpty()) {
            throw Ec2Errors.missingParameter("AvailabilityZone");
        }
        Ec2Service.checkZone(region, in.availabilityZone());
        OwnSnapshot s = find(tx, account, region, in.snapshotId())
                .or(() -> findShared(tx, account, region, in.snapshotId()))
                .orElseThrow(() -> Ec2Errors.snapshotNotFound(in.snapshotId()));
        if (!OwnSnapshot.COMPLETED.equals(s.state())) {
            throw Ec2Errors.snapshotInvalidState(s.state());
        }
        int size = in.size() == null ? s.volumeSize() : in.size();
        if (size < s.volumeSize()) {
            throw Ec2Errors.volumeSmallerThanSnapshot(size, s.id(), s.volumeSize());
        }
        boolean encrypted = s.encrypted() || Boolean.TRUE.equals(in.encrypted());
        String key = in.kmsKeyId() != null ? in.kmsKeyId() : s.encrypted() ? s.kmsKeyId() : null;
        Inputs.CreateVolume sized = new Inputs.CreateVolume(in.availabilityZone(), size, in.volumeType(), in.iops(),
                encrypted, key, null, in.tags());
        try (InputStream data = bytes(s)) {
            return volumes.createFromSnapshot(tx, account, region, sized, s.id(), data, s.length());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bytes of " + s.id(), e);
        }
    }

    /** The snapshot's bytes, read as they are consumed; a missing file is a fault, never zeros. */
    private InputStream bytes(OwnSnapshot s) throws IOException {
        java.nio.channels.FileChannel channel = LocalFiles.openRead(file(s.id()));
        if (channel == null) {
            throw new IllegalStateException("The bytes of snapshot " + s.id() + " are missing: " + file(s.id()));
        }
        return LocalFiles.stream(channel, s.length());
    }

    /** The file holding a snapshot's bytes (whether or not the snapshot exists). */
    public Path dataFile(String snapshotId) {
        return file(snapshotId);
    }

    /**
     * At start-up: deletes the files of snapshots that do not exist (a crash after a deletion), and indexes by owner
     * the snapshots of a store kept before the index existed (D140).
     */
    public void reconcile(Tx tx) {
        Set<String> ids = new HashSet<>();
        Set<String> indexed = new HashSet<>(byOwner.list(tx, ""));
        for (OwnSnapshot s : snapshots.list(tx, "")) {
            ids.add(s.id());
            if (!indexed.contains(s.id())) {
                byOwner.put(tx, ownerKey(s), s.id());
            }
        }
        LocalFiles.removeOrphans(directory, FILE_NAME, ids);
    }

    private Path file(String id) {
        return directory.resolve(id + ".snap");
    }
}
